import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { copyImage } from '../images';
import type { ExportPair, PairSplit } from '../types';
import { splitFiles } from './line-file';
import { OPTION_COLUMNS, optionRecord } from './option-row';
import { splitCounter, type FormatWriter } from './writer';

/**
 * Hugging Face ImageFolder: `<split>/images/` and `<split>/metadata.jsonl` with `file_name`
 * relative to the metadata file (metadata at the root is ignored by some `datasets` versions).
 * One metadata row per rated option; an image rated in several pairs is one file.
 */
export function createImageFolderWriter(dir: string, out: string): FormatWriter {
  const fileOf = (split: PairSplit) => `${split}/metadata.jsonl`;
  const files = splitFiles<PairSplit>(fileOf, dir);
  const counter = splitCounter();
  const made = new Set<PairSplit>();
  return {
    readsImages: true,
    async write(pair: ExportPair) {
      const splitDir = path.join(dir, pair.split);
      if (!made.has(pair.split)) {
        await mkdir(path.join(splitDir, 'images'), { recursive: true });
        made.add(pair.split);
      }
      let lines = '';
      for (const option of pair.options) {
        const file_name = await copyImage(option, splitDir, out);
        lines += `${JSON.stringify({ file_name, ...optionRecord(pair, option) })}\n`;
      }
      await files.write(pair.split, lines);
      counter.add(pair.split, pair.options.length);
    },
    finish: () => files.close(),
    abort: () => files.abort(),
    rows: () => counter.counts(),
    dataFiles: () => Object.fromEntries(files.splits().map((s) => [s, `${s}/**`])),
    columns: [{ name: 'file_name', type: 'string', description: 'the image, relative to metadata.jsonl' }, ...OPTION_COLUMNS],
    layout:
      'Hugging Face ImageFolder: `<split>/metadata.jsonl` and `<split>/images/`. Load with ' +
      '`datasets.load_dataset("imagefolder", data_dir=".")`; `file_name` is relative to the metadata file.',
  };
}
