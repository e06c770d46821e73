import type { Store } from '../store';
import type { PostgresLink } from './postgres';
import { uploadImages, writeBatchObjects } from './push-s3';
import { shipRows } from './push-rows';
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
 * only then the local "shipped" mark. Rows the server refuses for good are set aside with its
 * reason (push-rows.ts) and the rest of the batch ships. A crash anywhere repeats the batch, which changes nothing
 * that already arrived.
 */
export async function pushOutbox(deps: PushDeps): Promise<{ shipped: number; batches: number; refused: number }> {
  const { store } = deps;
  let shipped = 0;
  let batches = 0;
  let refusedTotal = 0;
  for (let batch = store.sync.openBatch(deps.batchSize); batch; batch = store.sync.openBatch(deps.batchSize)) {
    try {
      let shipment = await assembleShipment(store, batch, deps.promptVersionsDir);
      if (deps.s3) await uploadImages(deps.s3, store, shipment, deps.pathOf, deps.log);
      if (deps.postgres) {
        const { conflicts, refused } = await deps.postgres.transaction((client) => shipRows(client, store, batch!, shipment, deps.promptVersionsDir));
        for (const version of conflicts) {
          deps.log(`prompt version ${version}: the server already holds another text under this name; the server's stays (versions are immutable)`);
        }
        if (refused.length) {
          store.sync.markRefused(refused);
          refusedTotal += refused.length;
          for (const row of refused) {
            const item = batch.items.find((i) => i.seq === row.seq)!;
            deps.log(`outbox row ${row.seq} (${item.entity} ${item.entity_id}) refused by the server and set aside: ${row.reason}`);
          }
          // The bucket gets what the database took, so the two stores tell the same story.
          const gone = new Set(refused.map((r) => r.seq));
          shipment = await assembleShipment(store, { id: batch.id, items: batch.items.filter((i) => !gone.has(i.seq)) }, deps.promptVersionsDir);
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
  return { shipped, batches, refused: refusedTotal };
}
