import { describe, expect, it } from 'vitest';
import { ApiError, calls, CALL_NAMES, EVENT_NAMES, events } from '../../core/api';
import { dispatch, type Handlers } from '../../core/service';
import { adminGuard } from '../helpers/access';

const validRate = {
  experiment_id: 'exp_1',
  ratings: [
    { option: 'A', rating: 3, comments: '' },
    { option: 'B', rating: 4, comments: 'nice' },
  ],
  outcome: 'B',
  rated_by: 'ana@studio',
};

describe('contract', () => {
  it('names exactly the calls and events it has schemas for', () => {
    expect(Object.keys(calls).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it.each([
    ['a rating of 0', { ratings: [{ option: 'A', rating: 0 }, { option: 'B', rating: 4 }] }, /whole number from 1 to 5/],
    ['a rating of 6', { ratings: [{ option: 'A', rating: 6 }, { option: 'B', rating: 4 }] }, /whole number from 1 to 5/],
    ['a rating of 2.5', { ratings: [{ option: 'A', rating: 2.5 }, { option: 'B', rating: 4 }] }, /whole number/],
    ['one option only', { ratings: [{ option: 'A', rating: 3 }] }, /rate both options/],
    ['option A twice', { ratings: [{ option: 'A', rating: 3 }, { option: 'A', rating: 4 }] }, /each once/],
    ['an unknown outcome', { outcome: 'C' }, /outcome must be one of/],
    ['no rater', { rated_by: '' }, /rated_by/],
  ])('train.rate refuses %s', (_name, patch, message) => {
    const result = calls['train.rate'].input.safeParse({ ...validRate, ...patch });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join('; ')).toMatch(message);
  });

  it('train.rate accepts a valid request and defaults comments', () => {
    const parsed = calls['train.rate'].input.parse({ ...validRate, ratings: [{ option: 'A', rating: 1 }, { option: 'B', rating: 5 }] });
    expect(parsed.ratings[0]!.comments).toBe('');
  });

  it.each([
    ['an unknown mode', { sample_id: 'kitchen', mode: 'colour' }, /mode must be "structure" or "surfaces"/],
    ['both an image and a sample', { sample_id: 'x', image: { data_base64: 'AA==' }, mode: 'structure' }, /either an image or a sample_id/],
    ['neither', { mode: 'structure' }, /either an image or a sample_id/],
    ['an empty file', { image: { data_base64: '' }, mode: 'structure' }, /empty \(0 bytes\)/],
  ])('train.create refuses %s', (_name, input, message) => {
    const result = calls['train.create'].input.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join('; ')).toMatch(message);
  });

  it('refuses parameters outside the seed ranges', () => {
    const option = calls['train.create'].output.shape.options.element.shape.parameters;
    expect(option.safeParse({ api: 'local', init_strength: 0.6, guidance_scale: 7, controlnet_weight: 0.9 }).success).toBe(false);
    expect(option.safeParse({ api: 'local', init_strength: Number.NaN, guidance_scale: 7, controlnet_weight: 0.9 }).success).toBe(false);
    expect(option.safeParse({ api: 'stablediffusion', strength: 0.2, guidance_scale: 7.5, controlnet_conditioning_scale: 0.95 }).success).toBe(true);
  });

  it('dispatch validates before the handler runs and answers a typed error', async () => {
    let ran = false;
    const handlers = { 'train.rate': () => ((ran = true), {}) } as unknown as Handlers;
    const error = (await dispatch(handlers, adminGuard, 'train.rate', { ...validRate, outcome: 'maybe' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^Invalid train.rate request: outcome:/);
    expect(ran).toBe(false);
    await expect(dispatch(handlers, adminGuard, 'train.drop', {})).rejects.toMatchObject({ code: 'not_found' });
  });

  it('dispatch refuses an answer that breaks the contract', async () => {
    const handlers = { 'queue.state': () => ({ ready: 'many' }) } as unknown as Handlers;
    await expect(dispatch(handlers, adminGuard, 'queue.state', {})).rejects.toMatchObject({ code: 'internal' });
  });
});
