// A workstation's sync as its own process, for the SIGKILL test: syncs the data folder given as the
// first argument with the settings (JSON) in the second until the outbox is empty, printing each run.
import { join } from 'node:path';
import { createImageStore } from '../../../core/images';
import { openStore } from '../../../core/store';
import { createSync, type SyncConfig } from '../../../core/sync';

const [dataDir, configJson, batchSize] = process.argv.slice(2);
const store = openStore(join(dataDir!, 'latina.sqlite'));
const sync = createSync({
  store,
  dataDir: dataDir!,
  images: createImageStore({ dataDir: dataDir! }),
  config: JSON.parse(configJson!) as SyncConfig,
  batchSize: Number(batchSize),
  log: (message) => console.log(`log ${message}`),
});
console.log('started');
for (;;) {
  const report = await sync.syncNow();
  console.log(JSON.stringify(report));
  if (report.state === 'idle' && store.outbox.pendingCount() === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await sync.stop();
store.close();
console.log('done');
