// Container HEALTHCHECK: GET /healthz on this service's HTTP_PORT; exit 0 when it answers 2xx.
/* global fetch, AbortSignal */
'use strict';

// Mirrors DEFAULT_HTTP_PORTS in packages/contracts; HTTP_PORT wins when set.
const DEFAULT_PORTS = {
  gateway: 8080,
  timecard: 8081,
  analytics: 8082,
  export: 8083,
  admin: 8084,
  license: 8085,
};

const port = process.env.HTTP_PORT || DEFAULT_PORTS[process.env.SERVICE || ''];
if (!port) {
  console.error('healthcheck: set HTTP_PORT or SERVICE');
  process.exit(1);
}

fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  (error) => {
    console.error(`healthcheck: ${error.message}`);
    process.exit(1);
  },
);
