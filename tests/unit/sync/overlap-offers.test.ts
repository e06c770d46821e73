import { describe, expect, it } from 'vitest';
import { OVERLAP_BACKLOG, overlapOffers, overlapPosition, type OverlapAsk, type OverlapCandidate } from '../../../core/sync';

const ask = (change: Partial<OverlapAsk> = {}): OverlapAsk => ({ share: 1, rater: 'bo', workstationId: 'ws_bo', mode: 'structure', waiting: 0, ...change });
const candidate = (id: string, change: Partial<OverlapCandidate> = {}): OverlapCandidate => ({ experiment_id: id, rated_by: 'ana', workstation_id: 'ws_ana', mode: 'structure', ...change });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `exp_${String(i).padStart(5, '0')}`);

describe('overlap offers', () => {
  it('places a pair by the first 32 bits of the md5 of its id', () => {
    // md5("abc") = 900150983cd24fb0d6963f7d28e17f72 (RFC 1321, appendix A.5): 0x90015098 / 2^32.
    expect(overlapPosition('abc')).toBeCloseTo(0x90015098 / 2 ** 32, 12);
    expect(overlapPosition('exp_a')).toBe(overlapPosition('exp_a'));
    const positions = ids(10_000).map(overlapPosition);
    expect(positions.every((p) => p >= 0 && p < 1)).toBe(true);
    // Uniform enough that a share of 10 % is about 10 % of the pairs (binomial sd 0.3 %).
    expect(positions.filter((p) => p < 0.1).length / positions.length).toBeCloseTo(0.1, 1);
  });

  it('takes the pairs in the share in the server’s order, and none outside it', () => {
    const all = ids(200).map((id) => candidate(id));
    const share = 0.1;
    const within = all.filter((c) => overlapPosition(c.experiment_id) < share);
    const chosen = overlapOffers(all, ask({ share, waiting: 0 }));
    expect(chosen).toEqual(within.slice(0, OVERLAP_BACKLOG));
    expect(overlapOffers(all, ask({ share: 0 }))).toEqual([]);
  });

  it('never takes the trainer’s own pairs, this workstation’s, another mode’s or one twice', () => {
    const offered = overlapOffers(
      [
        candidate('exp_own', { rated_by: 'bo' }),
        candidate('exp_here', { workstation_id: 'ws_bo' }),
        candidate('exp_surfaces', { mode: 'surfaces' }),
        candidate('exp_ok'),
        candidate('exp_ok'),
      ],
      ask(),
    );
    expect(offered.map((c) => c.experiment_id)).toEqual(['exp_ok']);
  });

  it('leaves the rest to other trainers once the backlog of waiting copies is full', () => {
    const all = ids(20).map((id) => candidate(id));
    expect(overlapOffers(all, ask({ waiting: OVERLAP_BACKLOG - 2 }))).toHaveLength(2);
    expect(overlapOffers(all, ask({ waiting: OVERLAP_BACKLOG }))).toEqual([]);
    expect(overlapOffers(all, ask({ waiting: OVERLAP_BACKLOG + 3 }))).toEqual([]);
  });
});
