// The disk's own speed, for bench:export to compare the pairwise export with: the same number of
// bytes written with plain sequential 1 MB writes into the same folder, made durable the same way
// (fsync before close), then deleted.
import { randomFillSync } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const CHUNK = 1 << 20;

export interface DiskBaseline {
  bytes: number;
  seconds: number;
}

export function diskBaseline(dir: string, bytes: number): DiskBaseline {
  const file = join(dir, 'disk-baseline.bin');
  const chunk = randomFillSync(Buffer.allocUnsafe(CHUNK));
  const started = process.hrtime.bigint();
  const fd = openSync(file, 'wx');
  try {
    for (let written = 0; written < bytes; ) {
      const n = Math.min(CHUNK, bytes - written);
      let done = 0;
      while (done < n) done += writeSync(fd, chunk, done, n - done);
      written += n;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(file);
  return { bytes, seconds };
}

/** Bytes free for this user on the disk that holds `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}
