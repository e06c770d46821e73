import { z } from 'zod';
import { text } from './text';
import { ModeSchema, ProviderHoldSchema, ProviderIdSchema, ProviderSettingsSchema } from './domain';

// The image providers' calls (for admins), merged into the contract's calls map in calls.ts.

const ProviderInput = z.object({ id: ProviderIdSchema }).strict();

export const ProviderViewSchema = z.object({
  id: ProviderIdSchema,
  label: z.string(),
  /** An adapter for it is built into this workstation. */
  installed: z.boolean(),
  enabled: z.boolean(),
  /** Can generate now (key present, model installed); `note` says why not otherwise. */
  available: z.boolean(),
  note: z.string(),
  /** Needs the network or costs money. */
  remote: z.boolean(),
  settings: ProviderSettingsSchema,
  /** A key is stored in the keychain (its value never leaves it). */
  has_key: z.boolean(),
  /** `ready`, or why it takes no new job now. */
  state: z.union([z.literal('ready'), ProviderHoldSchema]),
  until: z.string().nullable(),
  active_jobs: z.number().int(),
  spent_today_usd: z.number(),
  last_error: z.string().nullable(),
  /** The last Test connection, if there was one since the app started. */
  test: z.object({ ok: z.boolean(), message: z.string(), balance: z.string().nullable(), at: z.string() }).nullable(),
});
export type ProviderView = z.infer<typeof ProviderViewSchema>;

export const providerCalls = {
  'providers.list': { input: z.object({}).strict(), output: z.array(ProviderViewSchema) },
  'providers.update': {
    input: z
      .object({
        id: ProviderIdSchema,
        enabled: z.boolean().optional(),
        settings: ProviderSettingsSchema.partial().optional(),
        /** A new key; null removes the stored one; omitted keeps it (unless the host changes). */
        api_key: text().max(4000).nullable().optional(),
      })
      .strict(),
    output: ProviderViewSchema,
  },
  /** Checks the address and key without generating anything (costs nothing). */
  'providers.test': { input: ProviderInput, output: ProviderViewSchema },
  /** The models (checkpoints, versions) the provider offers, where its API can list them. */
  'providers.models': { input: ProviderInput, output: z.object({ models: z.array(z.object({ id: z.string(), label: z.string() })) }) },
  /** Builds a pack of pairs ahead for rating offline, within every provider's limits; size 0 stops building. */
  'providers.pack': { input: z.object({ mode: ModeSchema, size: z.number().int().min(0).max(2000) }).strict(), output: z.object({ size: z.number().int(), ready: z.number().int() }) },
} as const;
