import type pg from 'pg';
import type { OutboxBatch, Store } from '../store';
import { rowRefusal } from './errors';
import { writeDecision, writeShipment } from './push-postgres';
import { assembleShipment, type PromptDecisionPayload, type Shipment } from './shipment';

export interface RefusedRow {
  seq: number;
  reason: string;
}

export interface ShippedRows {
  /** Prompt versions the server already holds under the same name with other content. */
  conflicts: string[];
  /** Outbox rows the server refused for good; everything else of the batch is on the server. */
  refused: RefusedRow[];
}

/** Runs `work` under a savepoint: a failure undoes only its own writes, not the transaction's. */
async function attempt(client: pg.PoolClient, name: string, work: () => Promise<void>): Promise<unknown> {
  await client.query(`SAVEPOINT ${name}`);
  try {
    await work();
    await client.query(`RELEASE SAVEPOINT ${name}`);
    return null;
  } catch (error) {
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
    return error;
  }
}

/**
 * Writes one outbox batch inside the caller's transaction so that no single row can hold up the
 * others: the batch goes in at once; when PostgreSQL refuses a row of it for good (see
 * `rowRefusal`), the batch is written again row by row, oldest first, and only the refused rows
 * stay out. Prompt decisions always go one by one, since a trainer's login may not publish them.
 * Any other failure (network, busy server, missing grants) is thrown and the whole batch waits.
 */
export async function shipRows(client: pg.PoolClient, store: Store, batch: OutboxBatch, shipment: Shipment, promptVersionsDir: string): Promise<ShippedRows> {
  const refused: RefusedRow[] = [];
  let conflicts: string[] = [];
  const judged = batch.items.filter((item) => item.entity !== 'prompt_decision');
  const whole = await attempt(client, 'batch', async () => {
    conflicts = await writeShipment(client, shipment);
  });
  if (whole !== null) {
    if (rowRefusal(whole) === null) throw whole;
    conflicts = [];
    for (const item of judged) {
      const single = await assembleShipment(store, { id: batch.id, items: [item] }, promptVersionsDir);
      const failure = await attempt(client, 'row', async () => {
        conflicts.push(...(await writeShipment(client, single)));
      });
      if (failure === null) continue;
      const reason = rowRefusal(failure);
      if (reason === null) throw failure;
      refused.push({ seq: item.seq, reason });
    }
  }
  const shas = new Map(store.prompts.list().map((v) => [v.version, v.sha256]));
  for (const item of batch.items) {
    if (item.entity !== 'prompt_decision') continue;
    const decision = item.payload as PromptDecisionPayload;
    const failure = await attempt(client, 'decision', () => writeDecision(client, decision, shas.get(decision.version) ?? null, shipment.workstationId));
    if (failure === null) continue;
    const reason = rowRefusal(failure);
    if (reason === null) throw failure;
    refused.push({ seq: item.seq, reason });
  }
  return { conflicts, refused };
}
