import type { Database } from 'better-sqlite3';

export type OutboxEntity = 'experiment' | 'rating' | 'retraction' | 'skip' | 'image';

/** The outbox is written only inside the caller's transaction, next to the row it announces. */
export function createOutboxRepository(db: Database, now: () => string) {
  const insert = db.prepare(
    'INSERT INTO outbox (entity, entity_id, payload_json, created_at) VALUES (?, ?, ?, ?)',
  );
  const pending = db.prepare('SELECT count(*) AS n FROM outbox WHERE shipped_at IS NULL AND refused_at IS NULL');
  const list = db.prepare('SELECT seq, entity, entity_id, payload_json FROM outbox WHERE shipped_at IS NULL AND refused_at IS NULL ORDER BY seq LIMIT ?');
  return {
    enqueue(entity: OutboxEntity, entityId: string, payload: unknown): void {
      insert.run(entity, entityId, JSON.stringify(payload), now());
    },
    pendingCount(): number {
      return (pending.get() as { n: number }).n;
    },
    peek(limit: number): { seq: number; entity: OutboxEntity; entity_id: string; payload: unknown }[] {
      return (list.all(limit) as { seq: number; entity: OutboxEntity; entity_id: string; payload_json: string }[]).map(
        (r) => ({ seq: r.seq, entity: r.entity, entity_id: r.entity_id, payload: JSON.parse(r.payload_json) }),
      );
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
