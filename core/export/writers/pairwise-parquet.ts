import { closeSync, fstatSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import type { SchemaElement } from 'hyparquet-writer';
import { bFirst } from '../seeded';
import { jpegBytes, unreadable } from '../images';
import type { FileFacts } from '../output';
import type { ExportOption, ExportPair, PairSplit } from '../types';
import type { ImageSource } from './image-column';
import { imageBlockPool, StreamingParquetFile } from './parquet-file';
import { PAIRWISE_COLUMNS, type PairwiseColumn, type PairwiseRow } from './pairwise-columns';
import { splitCounter, type FormatWriter } from './writer';

/**
 * The row groups being filled, over all split files, hold at most this many image bytes (the
 * fullest is written when they reach it), and one holds at most so many rows: small enough that
 * memory stays flat, large enough for readers to skip through quickly.
 */
export const ROW_GROUP_IMAGE_BYTES = 64 * 1024 * 1024;
const ROW_GROUP_MAX_ROWS = 1000;

export interface PairwiseOptions {
  /** Image bytes per row group; tests make it small to get many row groups from a few pairs. */
  rowGroupBudgetBytes?: number;
}

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
const IMAGE_COLUMNS = new Set(PAIRWISE_COLUMNS.filter((c) => c.parquet === 'BYTES').map((c) => c.name));

/** A stored JPEG is opened and read in the background as it is; a PNG or WebP is re-encoded to JPEG first. */
async function imageSource(option: ExportOption): Promise<ImageSource> {
  if (option.image_mime !== 'image/jpeg') return { bytes: await jpegBytes(option) };
  let fd: number | null = null;
  try {
    fd = openSync(option.image_file, 'r');
    const opened = fd;
    return { fd, size: fstatSync(fd).size, close: () => closeSync(opened), failed: (error) => unreadable(option, error) };
  } catch (error) {
    if (fd !== null) closeSync(fd);
    throw unreadable(option, error);
  }
}

async function imagesOf(first: ExportOption, second: ExportOption): Promise<[ImageSource, ImageSource]> {
  const jpg0 = await imageSource(first);
  try {
    return [jpg0, await imageSource(second)];
  } catch (error) {
    if ('fd' in jpg0) jpg0.close();
    throw error;
  }
}

/** Pick-a-Pic's layout: one Parquet file per split under data/, images embedded as JPEG bytes. */
export function createPairwiseWriter(dir: string, seed: number, options: PairwiseOptions = {}): FormatWriter {
  const budget = options.rowGroupBudgetBytes ?? ROW_GROUP_IMAGE_BYTES;
  const pool = imageBlockPool(budget, IMAGE_COLUMNS.size);
  const splits = new Map<PairSplit, StreamingParquetFile>();
  const counter = splitCounter();
  const hashed = new Map<string, FileFacts>();
  const fileOf = (split: PairSplit) => `data/${split}.parquet`;

  async function open(split: PairSplit): Promise<StreamingParquetFile> {
    let file = splits.get(split);
    if (!file) {
      mkdirSync(path.join(dir, 'data'), { recursive: true });
      file = await StreamingParquetFile.create(path.join(dir, fileOf(split)), SCHEMA, IMAGE_COLUMNS, pool, 'latina-rating-workstation');
      splits.set(split, file);
    }
    return file;
  }

  return {
    readsImages: true,
    async write(pair: ExportPair) {
      const [a, b] = pair.options;
      // Drawn per pair content, so every rater's row of one pair has the same image 0 and labels that compare directly.
      const [first, second] = bFirst(seed, pair.pair_id) !== pair.swapped_from_pair ? [b, a] : [a, b];
      const file = await open(pair.split);
      const [jpg0, jpg1] = await imagesOf(first, second);
      const row: PairwiseRow = { pair, first, second, jpg0, jpg1 };
      await file.add(PAIRWISE_COLUMNS.map((c) => c.value(row)));
      counter.add(pair.split);
      if (file.bufferedRows >= ROW_GROUP_MAX_ROWS) await file.flush();
      const files = [...splits.values()];
      if (files.reduce((sum, f) => sum + f.bufferedImageBytes, 0) >= budget) {
        await files.reduce((a, b) => (b.bufferedImageBytes > a.bufferedImageBytes ? b : a)).flush();
      }
    },
    async finish() {
      for (const [split, file] of splits) hashed.set(fileOf(split), await file.finish());
    },
    async abort() {
      for (const file of splits.values()) await file.abort();
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
