// Runs first in `npm start` and `npm run dist`: Electron's launcher needs a newer Node than the
// rest of the project, and finding out after a full build wastes the build.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atLeast, requiredNode } from './node-version.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2] ?? 'This';
const needed = requiredNode(root, 'electron');
if (!atLeast(process.versions.node, needed)) {
  console.error(`${command} needs Node ${needed.join('.')} or newer, which Electron's launcher requires; this is Node ${process.versions.node}.`);
  console.error('Upgrade Node, or run the same app in your browser with `npm run serve`, which works on this Node.');
  process.exit(1);
}
