/**
 * The layout docs/architecture.md describes, held by a test: every `prom-client` metric a service
 * declares is in its `src/metrics.ts`, made with `defineMetrics`; every service has a `src/config.ts`;
 * and the services that answer interactions keep only the documented files and folders in `src/`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const SERVICES = join(ROOT, 'services');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const services = readdirSync(SERVICES).filter((name) =>
  statSync(join(SERVICES, name, 'src'), { throwIfNoEntry: false })?.isDirectory(),
);

describe('a service declares its metrics in src/metrics.ts with defineMetrics', () => {
  it('finds the services', () => expect(services.length).toBeGreaterThanOrEqual(6));

  it.each(services)('%s', (service) => {
    const src = join(SERVICES, service, 'src');
    const declaring = sources(src).filter((file) =>
      /new (Counter|Gauge|Histogram|Summary)\b/.test(readFileSync(file, 'utf8')),
    );
    const home = join(src, 'metrics.ts');
    expect(declaring.map((file) => relative(src, file)).filter((file) => file !== 'metrics.ts')).toEqual([]);
    expect(readFileSync(home, 'utf8')).toMatch(/=\s*defineMetrics\(/);
  });
});

/** `src/` of a service that answers interactions (docs/architecture.md), plus its documented extras. */
const STANDARD = [
  'service.ts',
  'main.ts',
  'index.ts',
  'router.ts',
  'deps.ts',
  'config.ts',
  'metrics.ts',
  'ids.ts',
  'commands',
  'components',
  'views',
  'logic',
  'flows',
  'workers',
];
const EXTRAS: Record<string, readonly string[]> = {
  admin: [],
  analytics: ['cache.ts', 'render'],
  export: ['render'],
  timecard: [],
};

describe('the documented layout', () => {
  it.each(services)('%s has src/config.ts', (service) => {
    expect(statSync(join(SERVICES, service, 'src', 'config.ts'), { throwIfNoEntry: false })?.isFile()).toBe(
      true,
    );
  });

  it.each(Object.keys(EXTRAS))('%s keeps only the documented entries in src/', (service) => {
    const allowed = new Set([...STANDARD, ...EXTRAS[service]!]);
    const entries = readdirSync(join(SERVICES, service, 'src'));
    expect(entries.filter((entry) => !allowed.has(entry))).toEqual([]);
  });
});
