import { MODES, PROVIDER_IDS } from '../api';
import { ExportError } from './errors';
import { checkFractions } from './seeded';
import { EXPORT_FORMATS, type ExportRequest } from './types';

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s));

/** Every problem with a request, each saying what to change; empty when it can run. */
export function requestProblems(r: ExportRequest): string[] {
  const problems: string[] = [];
  const f = r.filters ?? {};
  if (!EXPORT_FORMATS.includes(r.format)) problems.push(`Format "${r.format}" is not one of ${EXPORT_FORMATS.join(', ')}.`);
  if (!r.out) problems.push('Name the folder to write the dataset to.');
  if (r.seed !== undefined && !Number.isSafeInteger(r.seed)) problems.push(`The seed must be a whole number, not ${r.seed}.`);
  if (r.splits) {
    const problem = checkFractions(r.splits);
    if (problem) problems.push(problem);
  }
  if (r.ties !== undefined && r.ties !== 'split' && r.ties !== 'drop') problems.push(`Ties must be "split" or "drop", not "${r.ties}".`);
  for (const [name, value] of [['from', f.from], ['to', f.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) problems.push(`The ${name} date "${value}" is not a date; write it as 2026-01-31 or 2026-01-31T12:00:00Z.`);
  }
  if (f.from && f.to && isIsoDate(f.from) && isIsoDate(f.to) && f.from >= f.to) problems.push(`The from date ${f.from} must come before the to date ${f.to}.`);
  for (const [name, value] of [['minimum', f.minRating], ['maximum', f.maxRating]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 5)) problems.push(`The ${name} rating must be a whole number from 1 to 5, not ${value}.`);
  }
  if (f.minRating !== undefined && f.maxRating !== undefined && f.minRating > f.maxRating) problems.push(`The minimum rating ${f.minRating} is above the maximum ${f.maxRating}.`);
  for (const p of f.providers ?? []) if (!PROVIDER_IDS.includes(p)) problems.push(`Provider "${p}" is not one of ${PROVIDER_IDS.join(', ')}.`);
  for (const m of f.modes ?? []) if (!MODES.includes(m)) problems.push(`Mode "${m}" is not one of ${MODES.join(', ')}.`);
  if (f.includeSkipped && r.format !== 'pairwise') problems.push('Skipped pairs can only be included in the pairwise format (as rows with has_label false).');
  return problems;
}

export function checkRequest(r: ExportRequest): void {
  const problems = requestProblems(r);
  if (problems.length > 0) throw new ExportError('invalid_request', problems.join(' '));
}
