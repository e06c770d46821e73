import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { copyImage } from '../images';
import type { ExportOption, ExportPair, PairSplit, Split } from '../types';
import { splitFiles } from './line-file';
import { splitCounter, type FormatWriter } from './writer';

interface Generation {
  file: string;
  ratings: number[];
  raters: Set<string>;
}

interface Group {
  split: Split;
  mode: string;
  source: string;
  version: string;
  prompt: string | null;
  generations: Map<string, Generation>;
  pairs: number;
}

/** Dense rank, 1 = best: equal mean ratings share a rank, which ImageReward reads as a tie. */
export function denseRanking(means: readonly number[]): number[] {
  const distinct = [...new Set(means)].sort((x, y) => y - x);
  return means.map((m) => distinct.indexOf(m) + 1);
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * ImageReward's shape (`THUDM/ImageReward` data/test.json): per split a JSON list of
 * `{id, prompt, generations, ranking}`, one entry per source render, mode and prompt, ranking every
 * image generated for it by its mean rating. Pairs arrive ordered by source render, so only one
 * render's groups are held at a time.
 */
export function createRankingsWriter(dir: string, out: string, onSingleImage: (pairs: number) => void): FormatWriter {
  const fileOf = (split: PairSplit) => `${split}.json`;
  const files = splitFiles<PairSplit>(fileOf, dir, '[\n');
  const started = new Set<PairSplit>();
  const counter = splitCounter();
  let source: string | null = null;
  let groups = new Map<string, Group>();

  async function flushSource(): Promise<void> {
    for (const group of groups.values()) {
      const entries = [...group.generations.entries()];
      if (entries.length < 2) {
        onSingleImage(group.pairs);
        continue;
      }
      const means = entries.map(([, g]) => mean(g.ratings));
      const entry = {
        // The prompt's hash tells apart providers whose prompt blocks differ within one version.
        id: `${group.source.slice(0, 16)}-${group.mode}-${group.version}-${createHash('sha256').update(group.prompt ?? '').digest('hex').slice(0, 8)}`,
        prompt: group.prompt ?? '',
        generations: entries.map(([, g]) => g.file),
        ranking: denseRanking(means),
        mean_ratings: means,
        ratings_per_image: entries.map(([, g]) => g.ratings.length),
        image_sha256: entries.map(([sha]) => sha),
        raters: [...new Set(entries.flatMap(([, g]) => [...g.raters]))].sort(),
        source_render_id: group.source,
        mode: group.mode,
        prompt_version: group.version,
      };
      await files.write(group.split, `${started.has(group.split) ? ',\n' : ''}${JSON.stringify(entry)}`);
      started.add(group.split);
      counter.add(group.split);
    }
    groups = new Map();
  }

  async function add(pair: ExportPair, option: ExportOption): Promise<void> {
    if (option.rating === null) return;
    const key = `${pair.mode}\u0000${option.prompt_version}\u0000${option.prompt ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { split: pair.render_split, mode: pair.mode, source: pair.source_sha256, version: option.prompt_version, prompt: option.prompt, generations: new Map(), pairs: 0 };
      groups.set(key, group);
    }
    let generation = group.generations.get(option.image_sha256);
    if (!generation) {
      generation = { file: await copyImage(option, dir, out), ratings: [], raters: new Set() };
      group.generations.set(option.image_sha256, generation);
    }
    generation.ratings.push(option.rating);
    generation.raters.add(pair.rater_id);
  }

  return {
    readsImages: true,
    async write(pair: ExportPair) {
      if (source === null) await mkdir(path.join(dir, 'images'), { recursive: true });
      if (source !== pair.source_sha256) await flushSource();
      source = pair.source_sha256;
      const counted = new Set<Group>();
      for (const option of pair.options) {
        await add(pair, option);
        const group = groups.get(`${pair.mode}\u0000${option.prompt_version}\u0000${option.prompt ?? ''}`);
        if (group && !counted.has(group)) {
          group.pairs += 1;
          counted.add(group);
        }
      }
    },
    async finish() {
      await flushSource();
      for (const split of files.splits()) await files.write(split, '\n]\n');
      await files.close();
    },
    abort: () => files.abort(),
    rows: () => counter.counts(),
    dataFiles: () => Object.fromEntries(files.splits().map((s) => [s, fileOf(s)])),
    columns: [
      { name: 'id', type: 'string', description: 'source render (first 16 hex), mode, prompt version, prompt hash (8 hex)' },
      { name: 'prompt', type: 'string', description: 'the prompt the images were generated with' },
      { name: 'generations', type: 'list[string]', description: 'image paths relative to the dataset folder (ImageReward image_base)' },
      { name: 'ranking', type: 'list[int]', description: 'dense rank of each image by mean rating: 1 = best, equal ranks = tie' },
      { name: 'mean_ratings', type: 'list[float]', description: "each image's mean 1-5 rating" },
      { name: 'ratings_per_image', type: 'list[int]', description: 'how many ratings each mean is over' },
      { name: 'image_sha256', type: 'list[string]', description: 'sha256 of each image as stored' },
      { name: 'raters', type: 'list[string]', description: 'raters whose ratings the ranking uses' },
      { name: 'source_render_id', type: 'string', description: 'sha256 of the source render' },
      { name: 'mode', type: 'string', description: 'structure or surfaces' },
      { name: 'prompt_version', type: 'string', description: 'prompt version' },
    ],
    layout:
      "ImageReward rankings: `<split>.json` lists, images in `images/`. Set ImageReward's `image_base` to this folder. " +
      'A render, mode and prompt with only one distinct image gives no comparison and is left out.',
  };
}
