import type { EvolutionWait } from '../../core/api';

// When the next prompt evolution starts, said the same way on the status line and the Prompts page.

/** Why no sample can be named, as the end of "next evolution …". */
const WAIT_TEXT: Record<EvolutionWait, string> = {
  evolution_running: 'when this one has finished',
  paired_test: 'after the paired test',
  admin_review: 'once an admin decides on the test winner',
  rating_at_target: 'on a plateau only (mean rating at target)',
  current_unrated: 'once the current version has ratings',
};

/** Short forms for the status line, where room is scarce. */
const WAIT_SHORT: Record<EvolutionWait, string> = {
  evolution_running: 'evolving',
  paired_test: 'testing a candidate',
  admin_review: 'winner awaits review',
  rating_at_target: 'at target',
  current_unrated: 'awaiting ratings',
};

export interface NextEvolutionFigure {
  next_evolution_at_sample: number | null;
  next_evolution_waiting_for: EvolutionWait | null;
}

/** "next evolution at sample 80", or why none is due at a known sample; null when neither is known. */
export function nextEvolutionText(p: NextEvolutionFigure): string | null {
  if (p.next_evolution_at_sample !== null) return `next evolution at sample ${p.next_evolution_at_sample}`;
  return p.next_evolution_waiting_for === null ? null : `next evolution ${WAIT_TEXT[p.next_evolution_waiting_for]}`;
}

export function nextEvolutionShort(p: NextEvolutionFigure): string | null {
  if (p.next_evolution_at_sample !== null) return `evolves at ${p.next_evolution_at_sample}`;
  return p.next_evolution_waiting_for === null ? null : WAIT_SHORT[p.next_evolution_waiting_for];
}
