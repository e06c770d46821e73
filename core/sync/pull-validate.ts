import type { PulledExperiment, PulledImage, PulledRating, PulledRetraction, PulledSkip } from '../store';

// What a pulled row must look like before it is written here. The server's schema enforces most
// of it, but an admin's hand edit, an older release or a half-written row (a pair rating without
// its per-option scores) can still be there, and one such row must not stop every later pull.
// Each check returns why a row is unusable, or null.

const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && !value.includes('\u0000');
const when = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const score = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;
const OUTCOMES = new Set(['A', 'B', 'tie', 'both_bad']);
const MODES = new Set(['structure', 'surfaces']);
const MIMES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const SHA256 = /^[0-9a-f]{64}$/;

export function ratingProblem(r: PulledRating): string | null {
  if (!text(r.id) || !text(r.experiment_id) || !text(r.rated_by)) return 'an id or rater id is missing or unreadable';
  if (!OUTCOMES.has(r.outcome)) return `its outcome ${JSON.stringify(r.outcome)} is not A, B, tie or both_bad`;
  if (!score(r.rating_a) || !score(r.rating_b)) return 'it lacks a 1–5 score for each option (its enhancement_ratings rows are missing or wrong)';
  if (typeof r.comment_a !== 'string' || typeof r.comment_b !== 'string' || `${r.comment_a}${r.comment_b}`.includes('\u0000')) return 'a comment is unreadable';
  if (!when(r.answered_at) || (r.shown_at !== null && !when(r.shown_at))) return 'a timestamp is missing or unreadable';
  if (r.details_shown !== null && typeof r.details_shown !== 'boolean') return 'its details_shown is neither true, false nor empty';
  return null;
}

export function retractionProblem(x: PulledRetraction): string | null {
  if (!text(x.id) || !text(x.rating_id) || !text(x.experiment_id) || !text(x.rated_by)) return 'an id or rater id is missing or unreadable';
  if (!when(x.retracted_at)) return 'its timestamp is unreadable';
  return null;
}

export function skipProblem(k: PulledSkip): string | null {
  if (!text(k.id) || !text(k.experiment_id) || !text(k.rated_by)) return 'an id or rater id is missing or unreadable';
  if (typeof k.reason !== 'string' || k.reason.includes('\u0000')) return 'its reason is unreadable';
  if (!when(k.skipped_at)) return 'its timestamp is unreadable';
  return null;
}

export function experimentProblem(e: PulledExperiment): string | null {
  if (!text(e.id) || !SHA256.test(e.source_sha256)) return 'its id or source image hash is malformed';
  if (!MODES.has(e.mode)) return `its mode ${JSON.stringify(e.mode)} is not structure or surfaces`;
  if (!when(e.created_at)) return 'its timestamp is unreadable';
  const labels = e.options.map((o) => o.label).sort().join('');
  if (labels !== 'AB') return 'it does not have exactly one option A and one option B';
  for (const o of e.options) {
    if (!text(o.id) || !text(o.provider) || !text(o.prompt_version) || !Number.isFinite(o.seed)) return `option ${o.label} is incomplete`;
    if (o.output_sha256 !== null && !SHA256.test(o.output_sha256)) return `option ${o.label} names a malformed image hash`;
  }
  return null;
}

export function imageProblem(i: PulledImage): string | null {
  if (!SHA256.test(i.sha256) || !MIMES.has(i.mime)) return 'its hash or type is malformed';
  if (!Number.isInteger(i.width) || !Number.isInteger(i.height) || i.width < 1 || i.height < 1 || !(i.bytes > 0)) return 'its size is not positive';
  return null;
}
