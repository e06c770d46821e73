import { describe, expect, it } from 'vitest';
import { EXPORT_EXCLUSIONS, EXPORT_FORMATS, EXPORT_SPLITS } from '../../../core/api';
import { EXCLUSION_TEXT, EXPORT_FORMATS as CORE_FORMATS } from '../../../core/export';
import { ALL_PAIR_SPLITS } from '../../../core/export/seeded';

// The contract may import only zod, so it lists the export's formats, splits and reasons itself;
// these must stay the export core's, or a new format or reason would be refused at the boundary.
describe("the contract's export lists", () => {
  it('are the formats, splits and exclusion reasons of the export core', () => {
    expect([...EXPORT_FORMATS]).toEqual([...CORE_FORMATS]);
    expect([...EXPORT_SPLITS].sort()).toEqual([...ALL_PAIR_SPLITS].sort());
    expect([...EXPORT_EXCLUSIONS].sort()).toEqual(Object.keys(EXCLUSION_TEXT).sort());
  });
});
