import type { Store } from '../store';
import type { PostgresLink } from './postgres';
import { uploadImages, writeBatchObjects } from './push-s3';
import { writeShipment } from './push-postgres';
import type { S3Link } from './s3';
import { assembleShipment } from './shipment';

export interface PushDeps {
  store: Store;
  postgres: PostgresLink | null;
  s3: S3Link | null;
  pathOf(sha256: string): string | null;
  promptVersionsDir: string;
  batchSize: number;
  log(message: string): void;
  /** Called after each shipped batch, so the status shows the outbox shrinking. */
  onBatch(): void;
}

/**
 * Drains the outbox oldest first, one fixed batch at a time, in an order that keeps every
 * reference valid on the server: images into the bucket first (a row in `images` promises the file
 * is there), then the rows in one PostgreSQL transaction, then the NDJSON and prompt files, and
 * only then the local "shipped" mark. A crash anywhere repeats the batch, which changes nothing
 * that already arrived.
 */
export async function pushOutbox(deps: PushDeps): Promise<{ shipped: number; batches: number }> {
  const { store } = deps;
  let shipped = 0;
  let batches = 0;
  for (let batch = store.sync.openBatch(deps.batchSize); batch; batch = store.sync.openBatch(deps.batchSize)) {
    try {
      const shipment = await assembleShipment(store, batch, deps.promptVersionsDir);
      if (deps.s3) await uploadImages(deps.s3, store, shipment, deps.pathOf, deps.log);
      if (deps.postgres) {
        const conflicts = await deps.postgres.transaction((client) => writeShipment(client, shipment));
        for (const version of conflicts) {
          deps.log(`prompt version ${version}: the server already holds another text under this name; the server's stays (versions are immutable)`);
        }
      }
      if (deps.s3) await writeBatchObjects(deps.s3, shipment);
      for (const version of shipment.promptVersions) {
        if (version.text === null) deps.log(`prompt version ${version.version}: its file is gone from this workstation; not shipped`);
      }
    } catch (error) {
      store.sync.markFailed(batch.id, (error as Error).message);
      throw error;
    }
    shipped += store.sync.markShipped(batch.id);
    batches++;
    deps.onBatch();
  }
  return { shipped, batches };
}
