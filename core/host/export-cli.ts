// `npm run export`: writes a dataset from the data folder the app uses, with a progress line.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXCLUSION_TEXT, promptLookup, requestProblems, runExport, type ExportProgress } from '../export';
import { EXPORT_USAGE, parseExportArgs } from './export-args';
import { serverSourceFor } from './export-source';
import { defaultDataDir } from './paths';

const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function progressLine(p: ExportProgress): string {
  const what = p.phase === 'rows' ? 'pairs read' : 'files hashed';
  const share = p.total === 0 ? 100 : Math.floor((100 * p.done) / p.total);
  return `${p.done}/${p.total} ${what} (${share}%)`;
}

async function main(): Promise<void> {
  const parsed = parseExportArgs(process.argv.slice(2));
  if ('problems' in parsed) {
    console.error(`${parsed.problems.join('\n')}\n\n${EXPORT_USAGE}`);
    process.exit(2);
  }
  const problems = requestProblems(parsed.request);
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n\n${EXPORT_USAGE}`);
    process.exit(2);
  }
  const dataDir = parsed.dataDir ?? defaultDataDir(process.env);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let lastShown = '';
  const onProgress = (p: ExportProgress) => {
    const line = progressLine(p);
    if (process.stderr.isTTY) process.stderr.write(`\r${line}   `);
    // Without a terminal, one line per tenth keeps a log readable.
    else if (p.total > 0 && line !== lastShown && (p.done === p.total || Math.floor((10 * p.done) / p.total) !== Math.floor((10 * (p.done - 1)) / p.total))) console.error(line);
    lastShown = line;
  };
  const prompts = promptLookup(join(appRoot, 'prompts'), dataDir);
  const server = parsed.source === 'server' ? serverSourceFor(dataDir, prompts) : null;
  console.error(`Exporting ${parsed.request.format} from ${server?.where ?? dataDir}; Ctrl+C cancels.`);
  const summary = await runExport(parsed.request, { dataDir, prompts, source: server?.opener, signal: controller.signal, onProgress });
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`Wrote ${summary.out}: ${summary.files} files, ${(summary.bytes / 1e6).toFixed(1)} MB.`);
  for (const [split, n] of Object.entries(summary.pairs)) console.log(`  ${split}: ${n} pairs, ${summary.rows[split as keyof typeof summary.rows]} rows`);
  for (const e of summary.excluded) console.log(`  left out: ${e.pairs} ${EXCLUSION_TEXT[e.reason]}`);
}

main().catch((error: unknown) => {
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.error((error as Error).message);
  process.exit(1);
});
