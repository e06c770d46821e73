import type { ExportPair, PairSplit } from '../types';
import { splitFiles } from './line-file';
import { OPTION_COLUMNS, optionRecord } from './option-row';
import { splitCounter, type FormatWriter } from './writer';

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; null is empty. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const NAMES = OPTION_COLUMNS.map((c) => c.name);

/** One row per rated option, one file per split (`train.csv` or `train.jsonl`); no images, their sha256 instead. */
export function createFlatWriter(dir: string, kind: 'csv' | 'jsonl'): FormatWriter {
  const fileOf = (split: PairSplit) => `${split}.${kind}`;
  const files = splitFiles<PairSplit>(fileOf, dir, kind === 'csv' ? `${NAMES.join(',')}\r\n` : '');
  const counter = splitCounter();
  const line = (record: ReturnType<typeof optionRecord>) =>
    kind === 'csv' ? `${NAMES.map((n) => csvField(record[n] ?? null)).join(',')}\r\n` : `${JSON.stringify(record)}\n`;
  return {
    readsImages: false,
    async write(pair: ExportPair) {
      await files.write(pair.split, pair.options.map((o) => line(optionRecord(pair, o))).join(''));
      counter.add(pair.split, pair.options.length);
    },
    finish: () => files.close(),
    abort: () => files.abort(),
    rows: () => counter.counts(),
    dataFiles: () => Object.fromEntries(files.splits().map((s) => [s, fileOf(s)])),
    columns: OPTION_COLUMNS,
    layout:
      kind === 'csv'
        ? 'One CSV file per split (RFC 4180, header row, UTF-8), one row per rated option. Images are not included: `image_sha256` names them.'
        : 'One JSON Lines file per split, one object per rated option. Images are not included: `image_sha256` names them.',
  };
}
