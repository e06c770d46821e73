import fc from 'fast-check';
import type { z } from 'zod';

// Generated inputs for the contract: shaped by each call's schema, so that many reach the handlers,
// and salted with what a careless or hostile caller sends: control characters, huge strings, NaN,
// wrong types and unknown keys.

const HUGE = ['a'.repeat(300_000), 'A'.repeat(2_000_001), `${'é'.repeat(100_000)}\u0000`];

const controlText = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), fc.constantFrom('\u007f', '\u0085', '\ud800', 'a', ' ', 'é')), { maxLength: 12 })
  .map((parts) => parts.join(''));

const hostileNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1),
  // Never a whole number: a large integer is a valid `wait_ms` and would make a case wait for minutes.
  fc.double({ noInteger: true }),
);

const hostileString = fc.oneof(
  controlText,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...HUGE),
  fc.constantFrom('', ' ', '__proto__', 'constructor', '../../etc/passwd', '%00', 'postgres://u:p@127.0.0.1:9/db?sslpassword=x'),
);

/** Anything at all: the wrong type for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor')), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** `arbitrary` in about one case of ten, otherwise null. */
export const rarely = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  items?: z.ZodType[];
  in?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * A value shaped like `schema`, with every field sometimes replaced by a hostile value and objects
 * sometimes given an unknown key. `plausible` are strings that are real on the workstation
 * (experiment ids, versions, names), so some generated calls act on real records.
 */
export function shapedBy(schema: z.ZodType, plausible: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const shaped = (inner: z.ZodType) => shapedBy(inner, plausible, depth + 1);
  let arbitrary: fc.Arbitrary<unknown>;
  switch (def.type) {
    case 'object': {
      const entries = Object.entries(def.shape ?? {}).map(([key, child]) => [key, shaped(child)] as const);
      // Every key present; a missing one comes from the optional fields and from `undefined` among the hostile values.
      const known = fc.record(Object.fromEntries(entries));
      arbitrary = fc.tuple(known, rarely(fc.tuple(fc.string({ maxLength: 8 }), hostileValue))).map(([value, extra]) =>
        extra ? { ...(value as object), [extra[0]]: extra[1] } : value,
      );
      break;
    }
    case 'string':
      arbitrary = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...plausible) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
      break;
    case 'number':
      arbitrary = fc.oneof(fc.integer({ min: -2, max: 13 }), fc.double({ min: 0, max: 13, noInteger: true }));
      break;
    case 'boolean':
      arbitrary = fc.boolean();
      break;
    case 'enum':
      arbitrary = fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
      break;
    case 'literal':
      arbitrary = fc.constantFrom(...(def.values ?? [null]));
      break;
    case 'array':
      arbitrary = fc.array(shaped(def.element!), { maxLength: 3 });
      break;
    case 'tuple':
      arbitrary = fc.tuple(...(def.items ?? []).map(shaped));
      break;
    case 'record':
      arbitrary = fc.dictionary(fc.constantFrom(...plausible), shaped(def.valueType!), { maxKeys: 3 });
      break;
    case 'union':
      arbitrary = fc.oneof(...(def.options ?? []).map(shaped));
      break;
    case 'optional':
    case 'default':
      arbitrary = fc.option(shaped(def.innerType!), { nil: undefined });
      break;
    case 'nullable':
      arbitrary = fc.option(shaped(def.innerType!), { nil: null });
      break;
    case 'pipe':
      arbitrary = shaped(def.in!);
      break;
    default:
      arbitrary = hostileValue;
  }
  // Deep down, mostly well-formed values; at any level, now and then the wrong thing.
  return depth > 4 ? arbitrary : fc.oneof({ weight: depth === 0 ? 6 : 16, arbitrary }, { weight: 1, arbitrary: hostileValue });
}
