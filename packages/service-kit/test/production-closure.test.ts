/**
 * What `pnpm install --prod` puts in the image: every service and the workspace packages its runtime
 * `dependencies` reach. The test harness and the Discord emulator are for tests and benchmarks only,
 * so neither may be in that closure, be imported from shipped source, and no benchmark may sit in a
 * shipped `src/` (it would be compiled into `dist/`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FORBIDDEN = ['@timekeeper/testing', '@timekeeper/discord-emulator'];

interface Workspace {
  readonly name: string;
  readonly dir: string;
  readonly dependencies: readonly string[];
}

function workspaces(): Map<string, Workspace> {
  const found = new Map<string, Workspace>();
  for (const group of ['packages', 'services']) {
    for (const entry of readdirSync(join(ROOT, group))) {
      const manifest = join(ROOT, group, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      found.set(json.name, {
        name: json.name,
        dir: join(ROOT, group, entry),
        dependencies: Object.keys(json.dependencies ?? {}),
      });
    }
  }
  return found;
}

/** Every workspace package `start` reaches through runtime dependencies, each with the path that pulls it in. */
function productionClosure(all: Map<string, Workspace>, start: string): Map<string, string[]> {
  const paths = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.shift()!;
    for (const dependency of all.get(name)?.dependencies ?? []) {
      if (!all.has(dependency) || paths.has(dependency)) continue;
      paths.set(dependency, [...paths.get(name)!, dependency]);
      queue.push(dependency);
    }
  }
  return paths;
}

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const all = workspaces();
const services = [...all.values()]
  .filter((w) => w.dir.includes(`${join(ROOT, 'services')}`))
  .map((w) => w.name);

describe('production dependency closure', () => {
  it('finds every service', () => {
    expect(services).toEqual(
      expect.arrayContaining(['@timekeeper/gateway', '@timekeeper/timecard', '@timekeeper/admin']),
    );
  });

  it.each(services)('%s ships without the test harness or the Discord emulator', (service) => {
    const closure = productionClosure(all, service);
    const pulledIn = FORBIDDEN.filter((name) => closure.has(name)).map((name) =>
      closure.get(name)!.join(' → '),
    );
    expect(pulledIn).toEqual([]);
  });

  it.each(services)(
    '%s: no shipped source imports them, and no benchmark sits in a shipped src/',
    (service) => {
      const problems: string[] = [];
      for (const name of productionClosure(all, service).keys()) {
        const src = join(all.get(name)!.dir, 'src');
        if (existsSync(join(src, 'bench'))) problems.push(`${name}: src/bench is compiled into dist/`);
        for (const file of sources(src)) {
          const text = readFileSync(file, 'utf8');
          for (const forbidden of FORBIDDEN) {
            if (new RegExp(`from '${forbidden}(/[^']*)?'`).test(text))
              problems.push(`${file.slice(ROOT.length + 1)} imports ${forbidden}`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('names the package that pulls a forbidden one in', () => {
    const fake = new Map<string, Workspace>([
      ['svc', { name: 'svc', dir: '', dependencies: ['lib'] }],
      ['lib', { name: 'lib', dir: '', dependencies: ['@timekeeper/testing'] }],
      ['@timekeeper/testing', { name: '@timekeeper/testing', dir: '', dependencies: [] }],
    ]);
    expect(productionClosure(fake, 'svc').get('@timekeeper/testing')).toEqual([
      'svc',
      'lib',
      '@timekeeper/testing',
    ]);
  });
});
