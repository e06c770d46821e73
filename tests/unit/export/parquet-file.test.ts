import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaElement } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/optimizer';
import { BlockPool } from '../../../core/export/writers/block-pool';
import type { ImageSource } from '../../../core/export/writers/image-column';
import { StreamingParquetFile } from '../../../core/export/writers/parquet-file';
import { query, q } from '../../helpers/duckdb';
import { tempDir } from '../../helpers/temp';

const dir = tempDir('latina-parquet-file-');
afterAll(() => dir.remove());
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 3 },
  { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
  { name: 'img', type: 'BYTE_ARRAY', repetition_type: 'REQUIRED' },
  { name: 'note', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
];

function fileSource(file: string): ImageSource {
  const fd = openSync(file, 'r');
  return { fd, size: fstatSync(fd).size, close: () => closeSync(fd), failed: (error) => new Error(`cannot read ${file}: ${(error as Error).message}`) };
}

describe('the streaming Parquet file, read back with DuckDB', () => {
  it('keeps every image byte when values, and their 4-byte lengths, straddle small blocks, over many row groups', async () => {
    const random = mulberry32(3);
    // 1,000-byte blocks: every image spans many, and some lengths fall across a block's end.
    const pool = new BlockPool(1000, 40);
    const file = join(dir.path, 'odd-blocks.parquet');
    const writer = await StreamingParquetFile.create(file, SCHEMA, new Set(['img']), pool, 'test');
    const hashes: string[] = [];
    for (let id = 0; id < 60; id += 1) {
      const bytes = new Uint8Array(Math.floor(random() * 5000));
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(random() * 256);
      hashes.push(sha256(bytes));
      let source: ImageSource = { bytes };
      if (id % 2 === 0) {
        const path = join(dir.path, `img-${id}`);
        writeFileSync(path, bytes);
        source = fileSource(path);
      }
      await writer.add([id, source, id % 3 === 0 ? null : `row ${id}`]);
      if (id % 7 === 6) await writer.flush();
    }
    const facts = await writer.finish();
    expect(facts).toEqual({ sha256: sha256(readFileSync(file)), bytes: readFileSync(file).length });
    const rows = await query(`SELECT id, img, note FROM read_parquet(${q(file)}) ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(hashes.map((_, i) => i));
    rows.forEach((r, i) => {
      expect(sha256((r.img as { bytes: Uint8Array }).bytes)).toBe(hashes[i]);
      expect(r.note).toBe(i % 3 === 0 ? null : `row ${i}`);
    });
    const [{ groups }] = (await query(`SELECT count(DISTINCT row_group_id)::INT AS groups FROM parquet_metadata(${q(file)})`)) as [{ groups: number }];
    expect(groups).toBe(9);
    // The pool's blocks came back after each row group was written: far fewer than the 150 or so the images filled.
    expect(pool.blocksAllocated).toBeLessThanOrEqual(40 + 4);
  });

  it('abort removes the file, and a file that shrank while read is an error that names it', async () => {
    const file = join(dir.path, 'aborted.parquet');
    const writer = await StreamingParquetFile.create(file, SCHEMA, new Set(['img']), new BlockPool(1 << 16, 8), 'test');
    const path = join(dir.path, 'shrinks');
    writeFileSync(path, new Uint8Array(100));
    const source = fileSource(path);
    await writer.add([1, { ...source, size: 200 }, null]);
    await expect(writer.flush()).rejects.toThrow(/cannot read .*shrinks: the file ended after 100 of its 200 bytes/);
    await writer.abort();
    expect(readdirSync(dir.path)).not.toContain('aborted.parquet');
  });
});
