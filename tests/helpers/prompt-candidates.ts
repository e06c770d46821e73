import type { CallOutput } from '../../core/api';
import type { Service } from '../../core/service';

type Overview = CallOutput<'prompts.list'>;
export type CandidateView = Overview['evolutions'][number]['candidates'][number];

/** Every candidate of every evolution the prompts page lists, newest evolution first. */
export const allCandidates = (list: Overview): CandidateView[] => list.evolutions.flatMap((e) => e.candidates);

/**
 * An admin rejects every candidate that waits for its paired test, is in it, or won it: "Evolve now"
 * is refused while one may still replace the baseline, so a test that evolves again clears them first.
 */
export async function rejectOpenCandidates(service: Service, decidedBy = 'admin@studio'): Promise<Overview> {
  let list = await service.call('prompts.list', {});
  for (const candidate of allCandidates(list)) {
    if (!['queued', 'testing', 'won'].includes(candidate.status)) continue;
    list = await service.call('prompts.decide', { candidate_id: candidate.id, decision: 'reject', decided_by: decidedBy, note: 'cleared before the next evolution' });
  }
  return list;
}
