import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../core/export';
import { progressWorthAnEvent } from '../../../core/service/export';

/** The events a run of progress reports becomes, as the export service filters them. */
function announced(reports: ExportProgress[]): ExportProgress[] {
  const sent: ExportProgress[] = [];
  for (const report of reports) if (progressWorthAnEvent(sent.at(-1) ?? null, report)) sent.push(report);
  return sent;
}

describe('export progress events', () => {
  it('go out once per whole percent of each phase, however often the export reports', () => {
    // 100,000 pairs reported every 250 (as the export core does), then 20,000 files hashed one by one.
    const rows = Array.from({ length: 401 }, (_, i) => ({ phase: 'rows' as const, done: Math.min(i * 250, 100_000), total: 100_000 }));
    const files = Array.from({ length: 20_001 }, (_, i) => ({ phase: 'manifest' as const, done: i, total: 20_000 }));
    const sent = announced([...rows, ...files]);
    expect(sent.filter((p) => p.phase === 'rows')).toHaveLength(101);
    expect(sent.filter((p) => p.phase === 'manifest')).toHaveLength(101);
    expect(sent.at(-1)).toEqual({ phase: 'manifest', done: 20_000, total: 20_000 });
  });

  it('announce a new phase at once, and a phase with nothing to do once', () => {
    expect(announced([{ phase: 'rows', done: 0, total: 0 }, { phase: 'rows', done: 0, total: 0 }, { phase: 'manifest', done: 0, total: 3 }])).toEqual([
      { phase: 'rows', done: 0, total: 0 },
      { phase: 'manifest', done: 0, total: 3 },
    ]);
  });
});
