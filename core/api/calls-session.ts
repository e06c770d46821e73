import { z } from 'zod';
import { text } from './text';

// The workstation's admin session: who sits at it (a trainer unless an admin signed in), and how
// an admin signs in. The role lives in the service, never in the renderer.

/** The shortest admin passphrase accepted: scrypt slows guessing, it cannot save a short one. */
export const MIN_PASSPHRASE_LENGTH = 10;

export const SessionViewSchema = z.object({
  role: z.enum(['trainer', 'admin']),
  /** The signed-in admin: their server login, or `admin` for the local passphrase. */
  admin: z
    .object({
      name: z.string(),
      via: z.enum(['passphrase', 'server']),
      /** When the session locks by itself unless an admin action comes first. */
      locks_at: z.string(),
    })
    .nullable(),
  /** Whether this workstation has an admin passphrase; until it has one, the first start offers to create it. */
  passphrase_set: z.boolean(),
  /** How an admin signs in here: the local passphrase, or a server login where sync is set up. */
  sign_in: z.enum(['passphrase', 'server']),
  /** Whether the rating screen shows details (provider, parameters, prompt version, prediction) now: only in an admin's own session. */
  details_visible: z.boolean(),
  /** Set after an idle lock, so the app can say why the Admin marker went away; cleared by the next sign-in. */
  locked_reason: z.enum(['idle']).nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const sessionCalls = {
  'session.status': { input: z.object({}).strict(), output: SessionViewSchema },
  'session.unlockAdmin': {
    input: z
      .object({
        /** The admin passphrase; with a server login, that login's password. */
        passphrase: text().min(1, 'type the admin passphrase').max(1024),
        /** The admin's server login, where sync is set up. */
        login: text().trim().min(1, 'type your server login').max(63).optional(),
      })
      .strict(),
    output: SessionViewSchema,
  },
  'session.lock': { input: z.object({}).strict(), output: SessionViewSchema },
  'session.setAdminPassphrase': {
    input: z
      .object({
        passphrase: text()
          .min(MIN_PASSPHRASE_LENGTH, `the admin passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`)
          .max(1024, 'the admin passphrase is too long (1024 characters at most)'),
      })
      .strict(),
    output: SessionViewSchema,
  },
};
