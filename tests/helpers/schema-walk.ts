import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  items?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every string schema inside `schema`, with the path of keys that leads to it. */
export function stringLeaves(schema: z.ZodType, path: string[] = []): { path: string; schema: z.ZodType }[] {
  const def = defOf(schema);
  if (def.type === 'string') return [{ path: path.join('.') || '(root)', schema }];
  const children: [string, z.ZodType][] = [];
  if (def.shape) children.push(...Object.entries(def.shape));
  for (const inner of [def.innerType, def.element, def.in, def.out, def.keyType, def.valueType]) if (inner) children.push(['', inner]);
  for (const option of [...(def.options ?? []), ...(def.items ?? [])]) children.push(['', option]);
  return children.flatMap(([key, child]) => stringLeaves(child, key ? [...path, key] : path));
}
