import type { Store } from '../store';
import { VERSION_NAME, writeCurrentPointer } from './prompt-files';

/** The decision that reached the server last: which version, and the sha256 of its file. */
export interface LatestDecision {
  id: string;
  version: string;
  /** Null for decisions from before decisions named content, or written on the server by hand. */
  sha256: string | null;
}

const APPLIED = 'pull_applied_decision';
const WAITING = 'pull_waiting_decision';

/**
 * The decision that reached the server last. Arrival, not decided_at: a workstation whose clock
 * runs a day ahead would otherwise win over every decision made after it.
 */
export const LATEST_DECISION_SQL = 'SELECT id, version, sha256 FROM prompt_decisions ORDER BY server_seq DESC LIMIT 1';

/**
 * Moves this workstation's current-version pointer to the admins' latest decision, once per
 * decision, and never while a decision made here still waits in the outbox. A decision that names
 * content is followed only to a local copy with that sha256: a version name that someone else took
 * first with other text is not adopted. One whose version has not arrived yet waits for a later pull.
 * Returns the version made current, or null.
 */
export async function followDecision(store: Store, promptVersionsDir: string, decision: LatestDecision, log: (message: string) => void): Promise<string | null> {
  if (store.sync.state.get<string>(APPLIED) === decision.id || store.sync.hasPending('prompt_decision')) return null;
  const settle = () => store.sync.state.set(APPLIED, decision.id);
  if (!VERSION_NAME.test(decision.version)) {
    settle();
    return null;
  }
  if (decision.sha256 !== null) {
    const held = store.prompts.list().find((v) => v.version === decision.version);
    if (!held) {
      if (store.sync.state.get<string>(WAITING) !== decision.id) {
        log(`the admins made ${decision.version} current; it is not on this workstation yet, so the pointer waits for it`);
        store.sync.state.set(WAITING, decision.id);
      }
      return null;
    }
    if (held.sha256 !== decision.sha256) {
      log(
        `the admins made ${decision.version} current with content ${decision.sha256.slice(0, 12)}…, but this workstation's ` +
          `${decision.version} is ${held.sha256.slice(0, 12)}…; the pointer stays where it is`,
      );
      settle();
      return null;
    }
  }
  await writeCurrentPointer(promptVersionsDir, decision.version);
  log(`current prompt version is now ${decision.version} (the admins' latest decision)`);
  settle();
  return decision.version;
}
