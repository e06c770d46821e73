import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ParquetWriter } from 'hyparquet-writer';
import type { ColumnSource, SchemaElement } from 'hyparquet-writer';
import { bFirst } from '../seeded';
import { jpegBytes } from '../images';
import type { FileFacts } from '../output';
import { hashingFileWriter } from './hashing-file-writer';
import type { ExportPair, PairSplit } from '../types';
import { PAIRWISE_COLUMNS, type PairwiseColumn, type PairwiseRow } from './pairwise-columns';
import { splitCounter, type FormatWriter } from './writer';

/**
 * A row group is written once it holds this many image bytes or rows: small enough that memory
 * stays flat (a few row groups' images at most), large enough for readers to skip through quickly.
 */
const ROW_GROUP_IMAGE_BYTES = 32 * 1024 * 1024;
const ROW_GROUP_MAX_ROWS = 1000;

function schemaElement(c: PairwiseColumn): SchemaElement {
  const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (c.parquet) {
    case 'STRING':
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
    case 'JSON':
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type };
    case 'BYTES':
      return { name: c.name, type: 'BYTE_ARRAY', repetition_type };
    case 'TIMESTAMP':
      return { name: c.name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type };
    default:
      return { name: c.name, type: c.parquet, repetition_type };
  }
}

const SCHEMA: SchemaElement[] = [{ name: 'root', num_children: PAIRWISE_COLUMNS.length }, ...PAIRWISE_COLUMNS.map(schemaElement)];

interface OpenSplit {
  writer: ParquetWriter;
  buffered: PairwiseRow[];
  bytes: number;
}

/** Pick-a-Pic's layout: one Parquet file per split under data/, images embedded as JPEG bytes. */
export function createPairwiseWriter(dir: string, seed: number): FormatWriter {
  const splits = new Map<PairSplit, OpenSplit>();
  const counter = splitCounter();
  const hashed = new Map<string, FileFacts>();
  const fileOf = (split: PairSplit) => `data/${split}.parquet`;

  function open(split: PairSplit): OpenSplit {
    let open = splits.get(split);
    if (!open) {
      mkdirSync(path.join(dir, 'data'), { recursive: true });
      const sink = hashingFileWriter(path.join(dir, fileOf(split)), (facts) => hashed.set(fileOf(split), facts));
      const writer = new ParquetWriter({ writer: sink, schema: SCHEMA, createdBy: 'latina-rating-workstation' });
      open = { writer, buffered: [], bytes: 0 };
      splits.set(split, open);
    }
    return open;
  }

  function flush(open: OpenSplit): void {
    if (open.buffered.length === 0) return;
    const columnData: ColumnSource[] = PAIRWISE_COLUMNS.map((c) => ({
      name: c.name,
      data: open.buffered.map((row) => c.value(row)) as ColumnSource['data'],
      // JPEG bytes do not compress and rarely repeat: Snappy or a dictionary on them would only cost time.
      ...(c.parquet === 'BYTES' ? { codec: 'UNCOMPRESSED' as const, encoding: 'PLAIN' as const, statistics: false } : {}),
    }));
    open.writer.write({ columnData, rowGroupSize: open.buffered.length });
    open.buffered = [];
    open.bytes = 0;
  }

  return {
    readsImages: true,
    async write(pair: ExportPair) {
      const [a, b] = pair.options;
      // Drawn per pair content, so every rater's row of one pair has the same image 0 and labels that compare directly.
      const [first, second] = bFirst(seed, pair.pair_id) !== pair.swapped_from_pair ? [b, a] : [a, b];
      const row: PairwiseRow = { pair, first, second, jpg0: await jpegBytes(first), jpg1: await jpegBytes(second) };
      const target = open(pair.split);
      target.buffered.push(row);
      target.bytes += row.jpg0.length + row.jpg1.length;
      counter.add(pair.split);
      if (target.bytes >= ROW_GROUP_IMAGE_BYTES || target.buffered.length >= ROW_GROUP_MAX_ROWS) flush(target);
    },
    async finish() {
      for (const open of splits.values()) {
        flush(open);
        open.writer.finish();
      }
    },
    rows: () => counter.counts(),
    hashed: () => hashed,
    dataFiles: () => Object.fromEntries([...splits.keys()].map((s) => [s, fileOf(s)])),
    columns: PAIRWISE_COLUMNS,
    layout:
      'Pick-a-Pic layout (`yuvalkirstain/pickapic_v2`): one Parquet file per split in `data/`, one row per rated pair, ' +
      'both images embedded as JPEG bytes in `jpg_0` / `jpg_1`. Which option became image 0 is drawn per pair from the seed ' +
      '(per `pair_id`: a pair two trainers rated has the same image 0 in both rows). ' +
      'Load with `datasets.load_dataset("parquet", data_dir="data")` or the configs above; for DiffusionDPO pass `--caption_column caption`.',
  };
}
