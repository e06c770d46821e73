// The Node version a script needs, read from the package that needs it, so an Electron upgrade
// moves the requirement with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lowest version an `engines.node` range like ">= 22.12.0" or ">=20.19" admits. */
export function lowestVersion(range) {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(range ?? '');
  if (!match) throw new Error(`Cannot read a Node version from "${range}".`);
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function atLeast(version, minimum) {
  const have = version.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== minimum[i]) return (have[i] ?? 0) > minimum[i];
  }
  return true;
}

export function requiredNode(root, pkg) {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8'));
  return lowestVersion(manifest.engines?.node);
}
