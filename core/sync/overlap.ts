import type { Mode } from '../api';
import type { ExperimentRecord, OptionRecord, Store } from '../store';
import { downloadImage, type SyncImages } from './image-files';
import { OVERLAP_BACKLOG, overlapOffers, overlapPositionSql, type OverlapCandidate } from './overlap-offers';
import type { PostgresLink } from './postgres';
import type { S3Link } from './s3';

/** What the workstation's settings say about overlap, read at each run. */
export interface OverlapSettings {
  share: number;
  /** This workstation's trainer; without one nothing is claimed (the claim names who answers). */
  rater: string | null;
  mode: Mode;
}

export interface OverlapDeps {
  store: Store;
  postgres: PostgresLink;
  s3: S3Link;
  dataDir: string;
  images: SyncImages;
  settings: OverlapSettings;
  newId(prefix: string): string;
  /** In [0, 1); the coin that draws each copy's sides. */
  random(): number;
  log(message: string): void;
}

// Rated pairs with one trainer's ratings in force, in the share, that nobody claimed and that are
// no copy, gold or repeat pair themselves. The workstation re-checks each rule (overlapOffers).
const CANDIDATES_SQL = `
  SELECT e.id AS experiment_id, min(r.rated_by) AS rated_by, e.workstation_id, e.mode
    FROM experiments e JOIN pair_ratings r ON r.experiment_id = e.id
   WHERE e.mode = $3 AND e.workstation_id <> $2 AND ${overlapPositionSql('e.id')} < $4
     AND NOT EXISTS (SELECT 1 FROM rating_retractions x WHERE x.rating_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM quality_pairs q WHERE q.experiment_id = e.id)
     AND NOT EXISTS (SELECT 1 FROM overlap_claims c WHERE c.experiment_id = e.id OR c.copy_experiment_id = e.id)
   GROUP BY e.id, e.workstation_id, e.mode
  HAVING count(DISTINCT r.rated_by) = 1 AND min(r.rated_by) <> $1
   ORDER BY min(r.answered_at), e.id
   LIMIT $5`;

// The primary key gives the pair to whoever inserts first; the others get no row back.
const CLAIM_SQL = `
  INSERT INTO overlap_claims (experiment_id, origin_rater, copy_experiment_id, claimed_by, workstation_id, swapped)
  VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING claimed_at`;

const rateable = (e: ExperimentRecord | undefined): e is ExperimentRecord =>
  e !== undefined && e.options.length === 2 && e.options.every((o) => o.output_sha256 !== null);

/**
 * Overlap, after a pull: claims on the server a few pairs that other trainers rated and that fall
 * in the share, and puts a copy of each in this queue, sides drawn again, marked in overlap_pairs.
 * The images come from S3 before the claim, so a bucket that cannot serve them costs no claim; a
 * crash between the claim and the copy loses that one pair's second answer, never a rating.
 * Returns how many copies were made.
 */
export async function claimOverlap(deps: OverlapDeps): Promise<number> {
  const { store, settings } = deps;
  const rater = settings.rater;
  if (rater === null || settings.share <= 0) return 0;
  const ask = { share: settings.share, rater, mode: settings.mode, workstationId: store.sync.workstationId, waiting: store.overlap.waiting(rater) };
  if (ask.waiting >= OVERLAP_BACKLOG) return 0;
  const candidates = await deps.postgres.transaction(
    async (client) => (await client.query<OverlapCandidate>(CANDIDATES_SQL, [rater, ask.workstationId, ask.mode, ask.share, OVERLAP_BACKLOG * 4])).rows,
    'snapshot',
  );
  // Pairs whose ratings this workstation has not pulled yet wait for a later run.
  const here = candidates.filter((c) => rateable(store.experiments.get(c.experiment_id)));
  let made = 0;
  for (const offer of overlapOffers(here, ask)) {
    const origin = store.experiments.get(offer.experiment_id)!;
    try {
      await fetchImages(deps, origin);
    } catch (error) {
      deps.log(`overlap pair ${origin.id} not claimed: ${(error as Error).message}`);
      continue;
    }
    const copyId = deps.newId('exp');
    const swapped = deps.random() < 0.5;
    const claimed = await deps.postgres.transaction((client) =>
      client.query<{ claimed_at: Date }>(CLAIM_SQL, [origin.id, offer.rated_by, copyId, rater, ask.workstationId, swapped]),
    );
    const claimedAt = claimed.rows[0]?.claimed_at;
    if (!claimedAt) continue;
    makeCopy(deps, origin, { copyId, swapped, originRater: offer.rated_by, rater, claimedAt: new Date(claimedAt).toISOString() });
    made++;
  }
  if (made > 0) deps.log(`overlap: ${made} pair(s) of other trainers claimed for a second answer`);
  return made;
}

async function fetchImages(deps: OverlapDeps, origin: ExperimentRecord): Promise<void> {
  const shas = [origin.source_sha256, ...origin.options.map((o) => o.output_sha256!)];
  for (const image of deps.store.sync.images(shas.filter((sha) => deps.images.pathOf(sha) === null))) {
    await downloadImage(deps.s3, deps.dataDir, image, deps.images);
  }
}

interface Copy {
  copyId: string;
  swapped: boolean;
  originRater: string;
  rater: string;
  claimedAt: string;
}

/** The copy, its outputs and its mark in one transaction; it then ships like any pair made here. */
function makeCopy(deps: OverlapDeps, origin: ExperimentRecord, copy: Copy): void {
  const { store } = deps;
  const [a, b] = origin.options as [OptionRecord, OptionRecord];
  const shown = copy.swapped ? [b, a] : [a, b];
  store.transaction(() => {
    const created = store.experiments.create({
      id: copy.copyId,
      source_sha256: origin.source_sha256,
      mode: origin.mode,
      priority: 0,
      project_id: origin.project_id,
      site_visit_id: origin.site_visit_id,
      options: shown.map((o, i) => ({
        id: deps.newId('opt'),
        label: i === 0 ? ('A' as const) : ('B' as const),
        provider: o.provider,
        parameters: o.parameters,
        origin: o.origin,
        prompt_version: o.prompt_version,
        seed: o.seed,
      })),
    });
    created.options.forEach((option, i) => {
      const from = shown[i]!;
      store.experiments.setOptionOutput(option.id, { output_sha256: from.output_sha256!, latency_ms: from.latency_ms ?? 0, cost_usd: 0, details: {} });
    });
    store.overlap.record({
      experiment_id: copy.copyId,
      origin_experiment_id: origin.id,
      origin_rater: copy.originRater,
      claimed_by: copy.rater,
      swapped: copy.swapped,
      claimed_at: copy.claimedAt,
    });
    store.experiments.finishGeneration(copy.copyId, null);
  });
}
