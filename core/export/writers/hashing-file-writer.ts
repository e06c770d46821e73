import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { ByteWriter, type Writer } from 'hyparquet-writer';
import type { FileFacts } from '../output';

const CHUNK = 1 << 20;

/**
 * A Parquet byte sink that writes to one open file in chunks of about a megabyte and hashes the
 * bytes as they go, so the manifest does not read gigabytes of embedded images back from disk.
 */
export function hashingFileWriter(file: string, onDone: (facts: FileFacts) => void): Writer {
  const writer = new ByteWriter() as unknown as Writer & { index: number };
  const fd = openSync(file, 'wx');
  const hash = createHash('sha256');
  let bytes = 0;
  const flush = () => {
    const chunk = new Uint8Array(writer.buffer, 0, writer.index);
    let written = 0;
    while (written < chunk.length) written += writeSync(fd, chunk, written);
    hash.update(chunk);
    bytes += chunk.length;
    writer.index = 0;
  };
  writer.ensure = (size: number) => {
    if (writer.index > CHUNK) flush();
    if (writer.index + size > writer.buffer.byteLength) {
      const grown = new ArrayBuffer(Math.max(writer.buffer.byteLength * 2, writer.index + size));
      new Uint8Array(grown).set(new Uint8Array(writer.buffer, 0, writer.index));
      writer.buffer = grown;
      writer.view = new DataView(grown);
    }
  };
  writer.finish = () => {
    flush();
    closeSync(fd);
    onDone({ sha256: hash.digest('hex'), bytes });
  };
  return writer;
}
