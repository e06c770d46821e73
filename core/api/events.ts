import { z } from 'zod';
import { ModeSchema, QueueStateSchema, SyncStatusSchema } from './domain';
import type { EventName } from './names';
import { SessionViewSchema } from './calls-session';

export const events = {
  queueChanged: QueueStateSchema,
  statusChanged: z.object({ mode: ModeSchema, samples_collected: z.number().int() }),
  syncStatus: SyncStatusSchema,
  /** Prompt versions, evolutions or decisions changed: the Prompts page reloads. */
  promptsChanged: z.object({ reason: z.string() }),
  /** An admin signed in, locked, or the admin session locked after idle time. */
  sessionChanged: SessionViewSchema,
} satisfies Record<EventName, z.ZodType>;

export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
