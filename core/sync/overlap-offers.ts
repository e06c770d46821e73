import { createHash } from 'node:crypto';
import type { Mode } from '../api';

/**
 * Copies of other trainers' pairs a workstation keeps waiting at most: a pair claimed is no longer
 * offered to anyone else, so one trainer away for a week must not hold the team's overlap.
 */
export const OVERLAP_BACKLOG = 5;

/**
 * Where a pair falls along [0, 1): the first 32 bits of the md5 of its id. A pair is in the overlap
 * share when its position is below the share, so every workstation (and the server, below) agrees
 * on which pairs are offered without asking the others, and a share of 10 % is 10 % of each
 * trainer's pairs whoever claims them.
 */
export function overlapPosition(experimentId: string): number {
  return parseInt(createHash('md5').update(experimentId).digest('hex').slice(0, 8), 16) / 2 ** 32;
}

/** overlapPosition in PostgreSQL's words, so the server sends only the pairs in the share. */
export const overlapPositionSql = (column: string) => `(('x' || substr(md5(${column}), 1, 8))::bit(32)::bigint / 4294967296.0)`;

/** A rated pair on the server that no second trainer has claimed yet. */
export interface OverlapCandidate {
  experiment_id: string;
  /** The one trainer who rated it. */
  rated_by: string;
  /** The workstation that made it. */
  workstation_id: string;
  mode: Mode;
}

export interface OverlapAsk {
  /** The `overlap_share` setting. */
  share: number;
  /** This workstation's trainer. */
  rater: string;
  workstationId: string;
  /** The mode the trainer rates in: a copy of the other mode would wait unseen. */
  mode: Mode;
  /** Copies this trainer claimed that wait in the queue. */
  waiting: number;
}

/**
 * Which candidates this workstation claims, in the server's order (oldest rating first): pairs in
 * the share, of the mode being rated, never the trainer's own or this workstation's, and no more
 * than the backlog leaves room for.
 */
export function overlapOffers(candidates: readonly OverlapCandidate[], ask: OverlapAsk): OverlapCandidate[] {
  const room = OVERLAP_BACKLOG - ask.waiting;
  if (ask.share <= 0 || room <= 0) return [];
  const chosen: OverlapCandidate[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (chosen.length === room) break;
    if (seen.has(c.experiment_id) || c.rated_by === ask.rater || c.workstation_id === ask.workstationId || c.mode !== ask.mode) continue;
    if (overlapPosition(c.experiment_id) >= ask.share) continue;
    seen.add(c.experiment_id);
    chosen.push(c);
  }
  return chosen;
}
