import { existsSync } from 'node:fs';
import path from 'node:path';
import { imageFilePath } from '../images';
import { openStore, type ExportOptionRow } from '../store';
import { ExportError } from './errors';
import type { PromptLookup } from './pairs';
import type { ExportSource, ExportSourceOpener } from './source';

export interface LocalSourceOptions {
  /** The data folder the app uses: `latina.sqlite` and `images/` in it. */
  dataDir: string;
  prompts: PromptLookup;
  nativeBinding?: string;
}

/**
 * This workstation's own data: rows stream from SQLite inside one read transaction (one consistent
 * moment even while trainers keep rating), images are the files of the data folder.
 */
export function localSource(options: LocalSourceOptions): ExportSourceOpener {
  const dbFile = path.join(options.dataDir, 'latina.sqlite');
  if (!existsSync(dbFile)) {
    throw new ExportError('invalid_request', `No workstation database in ${options.dataDir}. Point the export at the data folder the app uses.`);
  }
  return async () => {
    const store = openStore(dbFile, { nativeBinding: options.nativeBinding });
    const imagesDir = path.join(options.dataDir, 'images');
    // Pulled pairs' images arrive on demand, so a missing file is a normal state, not a failure.
    const fileOf = (o: ExportOptionRow) => {
      if (o.output_sha256 === null || o.output_mime === null) return null;
      const file = imageFilePath(imagesDir, o.output_sha256, o.output_mime);
      return existsSync(file) ? file : null;
    };
    const source: ExportSource = {
      description: "this workstation's data folder",
      exclusionsFrom: "this workstation's admins",
      supersededRatings: async () => store.exportRows.supersededRatings(),
      skippedPairs: async () => store.exportRows.skippedPairs(),
      count: async (withSkipped) => store.exportRows.count(withSkipped),
      async *pairs(withSkipped) {
        yield* store.exportRows.pairs(withSkipped);
      },
      raterAnswers: async () => store.quality.raterAnswers(),
      stageImages: async (row) => ({ a: fileOf(row.a), b: fileOf(row.b) }),
      releaseImages: async () => undefined,
      prompts: options.prompts,
      async close() {
        store.close();
      },
    };
    return source;
  };
}
