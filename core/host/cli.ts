// The browser host: `npm run serve` builds the renderer, then runs this. It serves the same app and
// contract as the Electron shell on 127.0.0.1, for machines where Electron cannot run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { remoteProviderFactories } from '../generation';
import { createService } from '../service';
import { preparePrivateDataDir } from './data-dir';
import { acquireInstanceLock } from './instance-lock';
import { defaultDataDir } from './paths';
import { createFileSecretStore } from './secrets-file';
import { newToken } from './security';
import { createHostServer } from './server';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`Could not open a browser; open ${url} yourself.`));
  child.unref();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, 'no-open': { type: 'boolean', default: false } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0 picks a free one), not "${values.port}".`);
    process.exit(2);
  }
  const dataDir = defaultDataDir(process.env);
  preparePrivateDataDir(dataDir);
  // Before anything opens the database: a second host on the same folder stops here.
  const lock = acquireInstanceLock(dataDir);
  process.once('exit', () => lock.release());
  const version = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const service = await createService({
    dataDir,
    promptsDir: join(appRoot, 'prompts'),
    samplesDir: join(appRoot, 'resources', 'samples'),
    version,
    secrets: createFileSecretStore(dataDir, (message) => console.error(`[latina] ${message}`)),
    // Leonardo and Stable Diffusion on Replicate, built from the Providers page's settings.
    providerFactories: remoteProviderFactories(),
  });
  const token = newToken();
  const server = createHostServer({ service, rendererDir: join(appRoot, 'out', 'renderer'), token });
  server.listen(port, '127.0.0.1');
  await new Promise<void>((done, fail) => server.once('listening', done).once('error', fail));
  const bound = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${bound}/?token=${token}`;
  console.log(`Latina Rating Workstation is serving at ${url}`);
  console.log(`Data folder: ${dataDir}`);
  if (!values['no-open']) openBrowser(url);

  const stop = async () => {
    server.close();
    await service.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`The host could not start: ${(error as Error).message}`);
  process.exit(1);
});
