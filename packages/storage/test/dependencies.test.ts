import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const FOLDERS: Record<string, string> = {
  '@timekeeper/contracts': 'packages/contracts',
  '@timekeeper/discord-emulator': 'packages/discord-emulator',
  '@timekeeper/storage': 'packages/storage',
  '@timekeeper/testing': 'packages/testing',
};

/** The workspace packages a production install of `name` pulls in (its `dependencies`, transitively). */
function productionClosure(name: string, seen = new Set<string>()): Set<string> {
  const folder = FOLDERS[name];
  if (!folder) throw new Error(`unknown workspace package ${name}`);
  const manifest = JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    if (!dependency.startsWith('@timekeeper/') || seen.has(dependency)) continue;
    seen.add(dependency);
    productionClosure(dependency, seen);
  }
  return seen;
}

it('a production install of storage contains neither the test harness nor the Discord emulator', () => {
  const closure = productionClosure('@timekeeper/storage');
  expect(closure).not.toContain('@timekeeper/testing');
  expect(closure).not.toContain('@timekeeper/discord-emulator');
  // The walk itself works: the harness does pull in the emulator.
  expect(productionClosure('@timekeeper/testing')).toContain('@timekeeper/discord-emulator');
});
