import { open, rm, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../output';

// Plain JavaScript evaluated in the worker: no bundle or file path to find, in tsx, vitest or the app.
const HASH_WORKER = `
const { parentPort } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
parentPort.on('message', (m) => {
  if (m.pieces) {
    for (const p of m.pieces) hash.update(p);
    parentPort.postMessage({ seq: m.seq });
  } else parentPort.postMessage({ sha256: hash.digest('hex') });
});`;

interface Pending {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The byte sink of one Parquet file: pieces are written in order at the file's end, and hashed in
 * order on a worker thread so the manifest's sha256 costs the main thread nothing. Pieces in shared
 * memory reach the worker without a copy. A failed or cancelled export calls `abort`, which leaves
 * no file behind.
 */
export class ParquetSink {
  /** Bytes appended so far: where the next piece lands. */
  offset = 0;
  private writing: Promise<void> = Promise.resolve();
  /** The latest append's written-and-hashed promise: hashing is in order, so it settles last. */
  private last: Promise<void> = Promise.resolve();
  private readonly hashing = new Map<number, Pending>();
  private seq = 0;
  private failure: unknown = null;
  private digest: ((sha256: string) => void) | null = null;

  private constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
    private readonly worker: Worker,
  ) {
    worker.on('message', (m: { seq?: number; sha256?: string }) => {
      if (m.sha256 !== undefined) return this.digest?.(m.sha256);
      // After a failure the waiting appends were already rejected; the worker's late answers find none.
      this.hashing.get(m.seq!)?.resolve();
      this.hashing.delete(m.seq!);
    });
    worker.on('error', (error) => this.fail(error));
  }

  static async create(file: string): Promise<ParquetSink> {
    const handle = await open(file, 'wx');
    return new ParquetSink(file, handle, new Worker(HASH_WORKER, { eval: true }));
  }

  /** Resolves once the pieces are on their way to disk and hashed; the caller may then reuse their memory. */
  append(pieces: Uint8Array[]): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const position = this.offset;
    const length = pieces.reduce((sum, p) => sum + p.byteLength, 0);
    this.offset += length;
    const seq = (this.seq += 1);
    const hashed = new Promise<void>((resolve, reject) => this.hashing.set(seq, { resolve, reject }));
    this.worker.postMessage({ seq, pieces });
    const written = (this.writing = this.writing.then(() => writeAll(this.handle, pieces, position, length)));
    written.catch((error: unknown) => this.fail(error));
    this.last = Promise.all([written, hashed]).then(() => undefined);
    this.last.catch(() => undefined);
    return this.last;
  }

  /** Waits for every write, makes the file durable before the dataset is renamed into place, and answers its facts. */
  async finish(): Promise<FileFacts> {
    await this.last;
    if (this.failure !== null) throw this.failure;
    const sha256 = await new Promise<string>((resolve) => {
      this.digest = resolve;
      this.worker.postMessage({});
    });
    await this.handle.sync();
    await this.handle.close();
    await this.worker.terminate();
    return { sha256, bytes: this.offset };
  }

  /** Stops hashing, closes and deletes the file; safe after a failure and safe twice. */
  async abort(): Promise<void> {
    this.fail(new Error('The Parquet file was abandoned.'));
    await this.writing.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    await this.worker.terminate();
    await rm(this.file, { force: true });
  }

  private fail(error: unknown): void {
    if (this.failure === null) this.failure = error;
    for (const p of this.hashing.values()) p.reject(this.failure);
    this.hashing.clear();
  }
}

/** A writev may write less than asked (a signal, a nearly full disk); the rest is written after it. */
async function writeAll(handle: FileHandle, pieces: Uint8Array[], position: number, length: number): Promise<void> {
  let done = 0;
  let rest = pieces;
  while (done < length) {
    const { bytesWritten } = await handle.writev(rest, position + done);
    if (bytesWritten === 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    done += bytesWritten;
    rest = skip(rest, bytesWritten);
  }
}

function skip(pieces: Uint8Array[], bytes: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let left = bytes;
  for (const p of pieces) {
    if (left >= p.byteLength) left -= p.byteLength;
    else {
      out.push(left > 0 ? p.subarray(left) : p);
      left = 0;
    }
  }
  return out;
}
