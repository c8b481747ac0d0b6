/**
 * One home for a service's metrics: every `prom-client` metric a service declares is in its
 * `src/metrics.ts`, made with `defineMetrics`, so a newcomer finds them all in one file.
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
