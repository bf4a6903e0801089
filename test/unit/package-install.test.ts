// Issue 20: `npm ci` on npm 11 warns about every dependency whose install scripts package.json neither
// allows nor denies. Every installed package with an install script must be declared in allowScripts,
// so that the README's first command installs quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Package folders under node_modules, scoped ones (`@x/y`) and nested node_modules included. */
function packages(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (name.startsWith('@')) out.push(...packages(path));
    else if (existsSync(join(path, 'package.json'))) out.push(path, ...packages(join(path, 'node_modules')));
  }
  return out;
}

test('every installed dependency with an install script is declared in allowScripts', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
  const declared = new Set(Object.keys(manifest.allowScripts ?? {}).map((key) => key.replace(/(.)@.*$/, '$1')));
  const withScripts = packages(join(ROOT, 'node_modules'))
    .map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; scripts?: Record<string, string> })
    .filter((pkg) => ['preinstall', 'install', 'postinstall'].some((s) => pkg.scripts?.[s]))
    .map((pkg) => pkg.name);
  assert.ok(withScripts.length > 0, 'esbuild has a postinstall script: the check would check nothing');
  assert.deepEqual(withScripts.filter((name) => !declared.has(name)), []);
});
