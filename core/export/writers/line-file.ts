import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

const FLUSH_AT = 256 * 1024;

/** A text file written in chunks: lines are buffered up to a quarter megabyte, then written. */
export function lineFile(file: string) {
  let handle: Promise<FileHandle> | null = null;
  let buffer = '';
  const handleOf = () => (handle ??= mkdir(path.dirname(file), { recursive: true }).then(() => open(file, 'wx')));
  const flush = async () => {
    if (buffer === '') return;
    const text = buffer;
    buffer = '';
    await (await handleOf()).write(text);
  };
  return {
    async write(text: string): Promise<void> {
      buffer += text;
      if (buffer.length >= FLUSH_AT) await flush();
    },
    async close(): Promise<void> {
      await flush();
      await (await handleOf()).close();
    },
    async abort(): Promise<void> {
      buffer = '';
      await handle?.then((h) => h.close()).catch(() => undefined);
    },
  };
}
export type LineFile = ReturnType<typeof lineFile>;

/** One file per split, made when the split gets its first row. */
export function splitFiles<S extends string>(fileOf: (split: S) => string, dir: string, header = '') {
  const files = new Map<S, LineFile>();
  return {
    async write(split: S, text: string): Promise<void> {
      let file = files.get(split);
      if (!file) {
        file = lineFile(path.join(dir, fileOf(split)));
        files.set(split, file);
        if (header) await file.write(header);
      }
      await file.write(text);
    },
    async close(): Promise<void> {
      for (const file of files.values()) await file.close();
    },
    async abort(): Promise<void> {
      for (const file of files.values()) await file.abort();
    },
    splits: () => [...files.keys()],
  };
}
