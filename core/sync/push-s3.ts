import { detailsShownOf, type Store } from '../store';
import type { S3Link } from './s3';
import type { Shipment } from './shipment';

export const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export const imageKey = (sha256: string, mime: keyof typeof EXTENSIONS) => `images/${sha256}.${EXTENSIONS[mime]}`;
export const promptVersionKey = (version: string) => `prompts/versions/${version}.json`;

/** A rater id (a name or an e-mail) as one safe path segment; the lines inside keep the exact id. */
export const raterSegment = (rater: string) => rater.trim().toLowerCase().replace(/[^a-z0-9@._-]+/g, '_').slice(0, 100) || '_';

const UPLOADS_AT_ONCE = 4;

/**
 * Puts the batch's images in the bucket, each once: images already known to be there (a local
 * table) are skipped without a request, the others get a HEAD and are uploaded only when missing.
 * A file missing from this workstation is reported and skipped rather than blocking every rating.
 */
export async function uploadImages(
  s3: S3Link,
  store: Store,
  shipment: Shipment,
  pathOf: (sha256: string) => string | null,
  log: (message: string) => void,
): Promise<number> {
  const known = store.sync.uploaded(shipment.images.map((i) => i.sha256));
  const todo = shipment.images.filter((i) => !known.has(i.sha256));
  let uploaded = 0;
  let failed = false;
  const worker = async () => {
    for (let image = todo.shift(); image && !failed; image = todo.shift()) {
      const file = pathOf(image.sha256);
      if (!file) {
        log(`image ${image.sha256} is not in this workstation's data folder; its record ships without the file`);
        continue;
      }
      try {
        if ((await s3.putOnce(imageKey(image.sha256, image.mime), { file }, image.mime)) === 'uploaded') uploaded++;
      } catch (error) {
        failed = true;
        throw error;
      }
      store.sync.markUploaded(image.sha256);
    }
  };
  // Every worker finishes its upload in flight before the run reports: nothing keeps uploading in
  // the background of a failed run and races the retry.
  const results = await Promise.allSettled(Array.from({ length: UPLOADS_AT_ONCE }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return uploaded;
}

/**
 * Writes the batch's judgements as NDJSON, one object per rater and UTC day:
 * `ratings/<rater>/<yyyy>/<mm>/<dd>/<batch-id>.ndjson`. A batch is fixed once formed, so a retry
 * rewrites the same keys with the same bytes: no line is ever in two objects.
 */
export function ndjsonObjects(shipment: Shipment): Map<string, string> {
  const lines = new Map<string, string[]>();
  const add = (rater: string, at: string, line: unknown) => {
    const day = new Date(at).toISOString();
    const key = `ratings/${raterSegment(rater)}/${day.slice(0, 4)}/${day.slice(5, 7)}/${day.slice(8, 10)}/${shipment.batchId}.ndjson`;
    const list = lines.get(key) ?? [];
    list.push(JSON.stringify(line));
    lines.set(key, list);
  };
  const ws = shipment.workstationId;
  for (const r of shipment.ratings) {
    const context = shipment.context.get(r.experiment_id);
    const options = shipment.options.get(r.experiment_id) ?? [];
    add(r.rated_by, r.answered_at, {
      kind: 'rating',
      id: r.id,
      experiment_id: r.experiment_id,
      mode: context?.mode ?? null,
      source_sha256: context?.source_sha256 ?? null,
      rated_by: r.rated_by,
      outcome: r.outcome,
      shown_at: r.shown_at,
      answered_at: r.answered_at,
      details_shown: detailsShownOf(r),
      workstation_id: ws,
      options: options.map((o) => ({
        label: o.label,
        option_id: o.id,
        provider: o.provider,
        parameters: JSON.parse(o.parameters_json),
        prompt_version: o.prompt_version,
        seed: o.seed,
        image_sha256: o.output_sha256,
        rating: o.label === 'A' ? r.rating_a : r.rating_b,
        comment: (o.label === 'A' ? r.comment_a : r.comment_b) ?? '',
      })),
    });
  }
  for (const x of shipment.retractions) {
    add(x.rated_by, x.answered_at, { kind: 'retraction', id: x.id, rating_id: x.supersedes, experiment_id: x.experiment_id, rated_by: x.rated_by, retracted_at: x.answered_at, workstation_id: ws });
  }
  for (const k of shipment.skips) {
    add(k.rated_by, k.skipped_at, { kind: 'skip', id: k.id, experiment_id: k.experiment_id, rated_by: k.rated_by, reason: k.reason, skipped_at: k.skipped_at, workstation_id: ws });
  }
  return new Map([...lines].map(([key, list]) => [key, `${list.join('\n')}\n`]));
}

export async function writeBatchObjects(s3: S3Link, shipment: Shipment): Promise<void> {
  for (const [key, body] of ndjsonObjects(shipment)) await s3.put(key, body, 'application/x-ndjson');
  for (const version of shipment.promptVersions) {
    if (version.text !== null) await s3.putOnce(promptVersionKey(version.version), version.text, 'application/json');
  }
}
