import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIP_MANIFEST } from '../../../core/reward';
import { clipManifest, tinyClipEncoder } from '../../helpers/onnx';
import { repoRoot } from '../../helpers/service';
import { tempDir } from '../../helpers/temp';

const run = promisify(execFile);
const encoder = tinyClipEncoder();
const sha = createHash('sha256').update(encoder).digest('hex');
let served: Uint8Array = encoder;
let server: Server;
let base = '';
const dirs: { remove(): void }[] = [];

// A local stand-in for the Hugging Face hub: the file under /resolve/main/, the LFS checksums under /api.
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/repo/resolve/main/onnx/vision_model.onnx') return res.end(served);
    if (req.url === '/api/tree/onnx') return res.end(JSON.stringify([{ path: 'onnx/vision_model.onnx', lfs: { oid: sha } }]));
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.close();
  dirs.forEach((d) => d.remove());
});

function modelsDir(pinned: string | null, url = `${base}/repo/resolve/main/onnx/vision_model.onnx`): string {
  const dir = tempDir();
  dirs.push(dir);
  writeFileSync(join(dir.path, CLIP_MANIFEST), JSON.stringify(clipManifest(encoder, { sha256: pinned, url, checksum_source: `${base}/api/tree/onnx` })));
  return dir.path;
}

const fetchModels = (dir: string) =>
  run('npx', ['tsx', 'scripts/models-fetch.ts', '--models-dir', dir], { cwd: repoRoot }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
  );

describe('npm run models:fetch (against a local stand-in of the hub)', () => {
  it('downloads, verifies against the hub checksum, pins it, and checks the signature', async () => {
    const dir = modelsDir(null);
    const result = await fetchModels(dir);
    expect(result).toMatchObject({ code: 0, output: expect.stringMatching(/Pinned sha256 .* installed/s) });
    expect(JSON.parse(readFileSync(join(dir, CLIP_MANIFEST), 'utf8')).sha256).toBe(sha);
    expect(await fetchModels(dir)).toMatchObject({ code: 0, output: expect.stringMatching(/already installed/) });
  }, 60_000);

  it('installs nothing when the bytes do not match, and says why when the host cannot be reached', async () => {
    served = encoder.subarray(0, 100);
    const dir = modelsDir(sha);
    expect(await fetchModels(dir)).toMatchObject({ code: 1, output: expect.stringMatching(/corrupted or the file changed upstream/) });
    expect(existsSync(join(dir, 'clip-test.onnx'))).toBe(false);
    expect(existsSync(join(dir, 'clip-test.onnx.partial'))).toBe(false);
    served = encoder;

    const offline = modelsDir(sha, 'http://127.0.0.1:9/repo/resolve/main/onnx/vision_model.onnx');
    expect(await fetchModels(offline)).toMatchObject({ code: 1, output: expect.stringMatching(/Could not reach 127.0.0.1:9 .*needs the internet/) });
  }, 60_000);
});
