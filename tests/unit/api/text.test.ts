import { describe, expect, it } from 'vitest';
import { calls, CALL_NAMES, multilineText, text } from '../../../core/api';
import { dispatch, type Handlers } from '../../../core/service';
import { adminGuard } from '../../helpers/access';
import { stringLeaves } from '../../helpers/schema-walk';

// Values that some string field of the contract accepts as they are; a field that accepts one of
// them must refuse it once a control character is appended.
const PLAIN_VALUES = ['abc', 'ana@studio', 'v1.2.0', 'https://api.example.com/v1', 'postgres://db.example.com/latina', 'exp_1', 'dGVzdA=='];

/** The error a call was refused with; fails the test when it succeeds. */
const refusal = (call: Promise<unknown>): Promise<Error & { code?: string }> =>
  call.then(
    () => Promise.reject(new Error('the call succeeded')),
    (error: Error) => error,
  );

describe('contract strings', () => {
  it('refuse NUL and the other C0 controls and DEL on a single line, naming the character', () => {
    for (const code of [0, 1, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f]) {
      const result = text().safeParse(`ab${String.fromCharCode(code)}c`);
      expect(result.success, `U+${code.toString(16)}`).toBe(false);
      expect(result.error!.issues[0]!.message).toContain(`U+${code.toString(16).toUpperCase().padStart(4, '0')} at character 3`);
    }
    expect(text().safeParse('Ana Lima, é ü 漢字 🙂').success).toBe(true);
  });

  it('keep line breaks and tabs in multi-line text, and refuse the rest', () => {
    expect(multilineText().safeParse('first line\r\n\tsecond line\n').success).toBe(true);
    for (const code of [0, 0x08, 0x0b, 0x0c, 0x1b, 0x7f]) expect(multilineText().safeParse(`a${String.fromCharCode(code)}`).success).toBe(false);
  });

  it('are checked in every input of every call', () => {
    const unchecked: string[] = [];
    let checked = 0;
    for (const name of CALL_NAMES) {
      for (const leaf of stringLeaves(calls[name].input)) {
        const plain = PLAIN_VALUES.find((value) => leaf.schema.safeParse(value).success);
        if (plain === undefined) continue;
        checked += 1;
        for (const bad of [`${plain}\u0000`, `${plain}\u001b`]) if (leaf.schema.safeParse(bad).success) unchecked.push(`${name} ${leaf.path}`);
      }
    }
    expect(unchecked).toEqual([]);
    expect(checked).toBeGreaterThan(25);
  });

  it('reach the caller as an invalid_input that names the field', async () => {
    const handlers = { 'train.skip': () => ({ skipped: true, experiment_id: 'exp_1' }) } as unknown as Handlers;
    const error = await refusal(dispatch(handlers, adminGuard, 'train.skip', { experiment_id: 'exp_1', reason: 'blurry\u0000', rated_by: 'ana' }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/reason: must not contain control characters \(found U\+0000 at character 7\)/);
    const rater = await refusal(dispatch(handlers, adminGuard, 'train.skip', { experiment_id: 'exp_1', reason: 'blurry', rated_by: 'ana\u0000' }));
    expect(rater.message).toMatch(/rated_by: must not contain control characters/);
  });
});
