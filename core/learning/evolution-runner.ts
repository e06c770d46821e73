import { join } from 'node:path';
import {
  checkVariant,
  combineLayers,
  makeVersion,
  nextVersion,
  phraseChanges,
  writeVersionFile,
  type EvolutionBrief,
  type PromptLibrary,
  type PromptValidator,
  type TriggerReason,
  type Variant,
} from '../prompts';
import { createTask } from '../schedule';
import type { Store } from '../store';
import { makeBrief, type Told } from './evolution-brief';
import { proposeVariants, type Outcome, type ProposalDeps } from './evolution-proposals';

// One evolution from start to candidates: what the evolver is told, its proposals
// (evolution-proposals.ts), the guardrails, and the new version files. It runs in the background as a task of the
// one scheduler; every end (candidates, guardrail rejections, an LLM failure with what to do) is
// recorded in SQLite, and the current version is never touched here.

export interface EvolutionDeps extends ProposalDeps {
  store: Store;
  dataDir: string;
  validate: PromptValidator;
  library(): PromptLibrary;
  reload(): void;
  newId(prefix: string): string;
  now(): string;
  changed(reason: string): void;
  afterEvolution(): void;
}

/**
 * A trigger fires inside a rating's signal: the brief is built this long after, once the rating's
 * answer and the queue's refill are out of the way (trainers rate seconds apart).
 */
export const EVOLUTION_DELAY_MS = 1000;

/** An evolution a trigger made due (no brief yet), or one recorded as running with its brief. */
interface Job {
  trigger: TriggerReason;
  requestedBy: string | null;
  /** The sample count when it was asked for: the triggers count the next evolution from it. */
  atSample: number;
  /** The ratings written when it was asked for: its brief reads those only. */
  ratingsUpTo: number;
  started?: { id: string; told: Told };
}

/** What saving an edited prompt did: its evolution, or the guardrails' reasons for not saving it. */
export type EditResult = { saved: true; evolutionId: string } | { saved: false; reasons: string[] };
/** What releasing a held candidate did: released, or why there was nothing to release. */
export type ReleaseResult = 'released' | 'not_found' | 'not_held' | 'already_released';

/**
 * Evolutions one at a time on the injected clock: a trigger makes one due, an admin starts one at
 * once; a manual edit or a released candidate is recorded in the call itself.
 */
export function createEvolutionRunner(deps: EvolutionDeps) {
  const { store } = deps;
  const localDir = join(deps.dataDir, 'prompts', 'versions');
  // Aborted at close: it stops a running LLM call, and no evolution starts after it.
  const abort = new AbortController();
  // The evolution due or running (at most one); cleared once it has ended, before anyone is told.
  let job: Job | null = null;

  /**
   * Turns each proposal into a candidate: a failure, a guardrail rejection, or a new version (the
   * minor bumped for an evolution, the patch for a manual edit).
   */
  function record(id: string, trigger: TriggerReason, told: EvolutionBrief, outcomes: Outcome[], createdBy: string, bump: 'minor' | 'patch'): void {
    const library = deps.library();
    const parent = library.versions.get(told.current_version)!.version;
    const known = [...told.known_prompts];
    const taken = new Set([...library.versions.keys(), ...store.prompts.list().map((r) => r.version)]);
    outcomes.forEach((outcome, position) => {
      const variant = outcome.ok && outcome.index !== undefined ? outcome.index : position;
      const base = { id: deps.newId('cnd'), evolution_id: id, variant, created_at: deps.now() };
      if (!outcome.ok) {
        store.prompts.addCandidate({ ...base, version: null, status: 'failed', proposal_json: null, verdict_json: null, error: outcome.failure.message, error_action: outcome.failure.action });
        return;
      }
      const v = outcome.variant;
      const proposal = JSON.stringify(v);
      const verdict = combineLayers(
        {
          prompt: v.improved_prompt,
          negative_prompt: v.improved_negative_prompt,
          current_prompt: told.current_prompt,
          current_negative_prompt: told.current_negative_prompt,
          known_prompts: known,
        },
        outcome.released ? null : (outcome.judge ?? null),
      );
      if (outcome.released) verdict.warnings.push(outcome.released.note);
      if (v.negative_kept) verdict.warnings.push('the evolver gave no negative prompt; the current one is kept');
      if (!verdict.passed) {
        store.prompts.addCandidate({ ...base, version: null, status: 'rejected', proposal_json: proposal, verdict_json: JSON.stringify(verdict), error: null, error_action: null });
        return;
      }
      const name = nextVersion(parent.version, bump, taken);
      const version = makeVersion({
        version: name,
        parent,
        prompt: v.improved_prompt,
        negative_prompt: v.improved_negative_prompt,
        created_by: createdBy,
        created_at: deps.now(),
        description:
          bump === 'patch'
            ? `Edited by hand from ${parent.version}`
            : `Evolved from ${parent.version} (${trigger.replaceAll('_', ' ')}), variant ${variant + 1} of ${outcomes.length}`,
        tags: bump === 'patch' ? ['manual-edit'] : ['evolved', createdBy.startsWith('evolver:llm') ? 'llm' : 'offline'],
        extra: { evolution_id: id, evolution_reasoning: v.reasoning, changes: v.changes, expected_improvement: v.expected_improvement },
      });
      deps.validate(version, `${name}.json`);
      const written = writeVersionFile(localDir, version);
      taken.add(name);
      known.push(v.improved_prompt);
      store.prompts.addCandidate(
        { ...base, version: name, status: 'queued', proposal_json: proposal, verdict_json: JSON.stringify(verdict), error: null, error_action: null },
        { version: name, origin: 'local', file: written.file, parent_version: parent.version, created_at: version.created_at, created_by: createdBy, sha256: written.sha256 },
      );
    });
  }

  async function run(id: string, trigger: TriggerReason, told: Told): Promise<void> {
    const llm = deps.llmSettings();
    try {
      const { outcomes, usage, attempts } = await proposeVariants(deps, id, told, abort.signal);
      record(id, trigger, told.brief, outcomes, llm ? `evolver:llm:${llm.model}` : 'evolver:offline', 'minor');
      const failures = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
      const failed = failures.length === outcomes.length ? failures[0]!.failure : null;
      store.prompts.finishEvolution({ id, status: failed ? 'failed' : 'done', finished_at: deps.now(), error: failed?.message ?? null, error_action: failed?.action ?? null, usage_json: usage && JSON.stringify(usage), attempts });
    } catch (error) {
      deps.log(`evolution ${id} failed: ${(error as Error).message}`);
      settle(`recording the failure of evolution ${id}`, () =>
        store.prompts.finishEvolution({ id, status: 'failed', finished_at: deps.now(), error: (error as Error).message, error_action: 'Check the message, then press "Evolve now" again.', usage_json: null, attempts: null }),
      );
    }
  }

  function settle(what: string, step: () => void): void {
    try {
      step();
    } catch (error) {
      deps.log(`${what} failed: ${(error as Error).message}`);
    }
  }

  /** Builds the brief and records the evolution as running: the one step that reads the ratings. */
  function begin({ trigger, requestedBy, atSample, ratingsUpTo }: Job): { id: string; told: Told } {
    const id = deps.newId('evo');
    const library = deps.library();
    const told = makeBrief(store, library, ratingsUpTo);
    const llm = deps.llmSettings();
    store.prompts.startEvolution({
      id,
      trigger,
      requested_by: requestedBy,
      evolver: llm ? 'llm' : 'offline',
      model: llm?.model ?? null,
      at_sample: atSample,
      parent_version: library.current,
      started_at: deps.now(),
      brief_json: JSON.stringify(told.brief),
    });
    deps.log(`prompt evolution ${id} started (${trigger}, ${llm ? `LLM ${llm.model}` : 'offline evolver'})`);
    deps.changed(`evolution ${id} started`);
    return { id, told };
  }

  const evolution = createTask(
    deps.clock,
    async () => {
      const current = job;
      if (!current) return;
      current.started ??= begin(current);
      await run(current.started.id, current.trigger, current.started.told);
    },
    {
      delayMs: EVOLUTION_DELAY_MS,
      stillDue: () => job !== null && !abort.signal.aborted,
      // The evolution no longer counts as running when the page hears it finished, and nobody
      // awaits it while the app runs: an error from here on (a full disk for the next test's
      // experiment file) is logged, not an unhandled rejection that ends the host.
      settled: () => {
        const ended = job?.started?.id ?? null;
        job = null;
        if (ended === null) return;
        settle(`after evolution ${ended}`, () => {
          deps.reload();
          deps.afterEvolution();
          deps.changed(`evolution ${ended} finished`);
        });
      },
      report: (error) => deps.log(`prompt evolution could not start: ${error.message}`),
    },
  );

  return {
    /** An evolution is due or running: the triggers hold, and an admin's "Evolve now" waits. */
    running: () => job !== null,
    closed: () => abort.signal.aborted,
    /** A trigger fired: the evolution starts shortly, so the rating that fired it does not build its brief. */
    due(trigger: TriggerReason): void {
      if (job || abort.signal.aborted) return;
      job = { trigger, requestedBy: null, atSample: store.prompts.sampleCount(), ratingsUpTo: store.ratings.lastWritten() };
      evolution.soon();
    },
    /** Records the evolution as running and returns its id at once; the work continues in the background. */
    start(trigger: TriggerReason, requestedBy: string | null): string {
      if (abort.signal.aborted) throw new Error('The app is closing: no new evolution starts.');
      if (job) throw new Error('An evolution is already due or running.');
      // Due before it is recorded, so whoever hears it started sees it running.
      const due: Job = { trigger, requestedBy, atSample: store.prompts.sampleCount(), ratingsUpTo: store.ratings.lastWritten() };
      job = due;
      try {
        due.started = begin(due);
      } catch (error) {
        job = null;
        throw error;
      }
      void evolution.now();
      return due.started.id;
    },
    /**
     * A manual edit of the current prompt: a patch version through the same guardrails, then tested
     * in pairs like an evolved candidate. An edit the guardrails refuse is not saved at all.
     */
    edit(prompt: string, negative: string, editedBy: string, note: string | null): EditResult {
      const library = deps.library();
      const told = makeBrief(store, library);
      const verdict = checkVariant({
        prompt,
        negative_prompt: negative,
        current_prompt: told.brief.current_prompt,
        current_negative_prompt: told.brief.current_negative_prompt,
        known_prompts: told.brief.known_prompts,
      });
      if (!verdict.passed) return { saved: false, reasons: verdict.reasons };
      const id = deps.newId('evo');
      store.prompts.startEvolution({
        id,
        trigger: 'manual',
        requested_by: editedBy,
        evolver: 'admin',
        model: null,
        at_sample: store.prompts.sampleCount(),
        parent_version: library.current,
        started_at: deps.now(),
        brief_json: JSON.stringify(told.brief),
      });
      const variant: Variant = {
        improved_prompt: prompt,
        improved_negative_prompt: negative,
        negative_kept: false,
        changes: phraseChanges(told.brief.current_prompt, prompt, told.brief.current_negative_prompt, negative),
        reasoning: note ?? 'Edited by hand.',
        expected_improvement: '',
      };
      record(id, 'manual', told.brief, [{ ok: true, variant }], editedBy, 'patch');
      store.prompts.finishEvolution({ id, status: 'done', finished_at: deps.now(), error: null, error_action: null, usage_json: null, attempts: null });
      deps.reload();
      deps.afterEvolution();
      deps.changed(`manual edit ${id}`);
      return { saved: true, evolutionId: id };
    },
    /**
     * An admin lets a held candidate (the guardrail layers disagreed, or the judge failed) go to its
     * paired test: it becomes a version as if both layers had passed it; the rules' other checks
     * (duplicates, dropped preservation phrases, limits) still apply.
     */
    release(candidateId: string, releasedBy: string): ReleaseResult {
      const row = store.prompts.candidate(candidateId);
      const evolution = row && store.prompts.evolution(row.evolution_id);
      if (!row || !evolution || !row.proposal_json || !row.verdict_json) return 'not_found';
      if (!(JSON.parse(row.verdict_json) as { needs_admin?: boolean }).needs_admin) return 'not_held';
      const releases = `variant ${row.variant + 1}, on which the guardrail layers did not agree`;
      const note = `released for its paired test by ${releasedBy}: ${releases}`;
      const siblings = store.prompts.candidatesOf(row.evolution_id);
      if (siblings.some((c) => c.verdict_json?.includes(releases) ?? false)) return 'already_released';
      const told = JSON.parse(evolution.brief_json) as EvolutionBrief;
      const createdBy = evolution.model ? `evolver:llm:${evolution.model}` : `evolver:${evolution.evolver}`;
      const index = Math.max(...siblings.map((c) => c.variant)) + 1;
      record(evolution.id, evolution.trigger, told, [{ ok: true, variant: JSON.parse(row.proposal_json) as Variant, released: { by: releasedBy, note }, index }], createdBy, 'minor');
      deps.reload();
      deps.afterEvolution();
      deps.changed(`held candidate ${candidateId} released`);
      return 'released';
    },
    /** Stops a running LLM call and waits for the evolution to record how it ended. */
    async close(): Promise<void> {
      abort.abort();
      await evolution.close();
    },
  };
}
