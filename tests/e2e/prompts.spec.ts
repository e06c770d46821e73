import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { startLlmStub, type LlmStub } from '../helpers/llm-stub';
import { tempDir } from '../helpers/temp';
import { adminSignIn, pairShown, signIn } from './flow';

// The admin's Prompts page against the real browser host in Chromium, driven by role and name:
// evolve now (offline), candidates with reasoning and guardrails, reject with a note, the word
// diff, rollback, and the LLM settings against a local OpenAI-compatible stub.
const data = tempDir('latina-e2e-prompts-');
let host: RunningHost | null = null;
let stub: LlmStub | null = null;

test.afterAll(async () => {
  await host?.stop();
  await stub?.close();
  data.remove();
});

test('an admin evolves, reviews, compares, rejects, rolls back and sets up the LLM', async ({ page }) => {
  host = await startHost(data.path);
  stub = await startLlmStub();
  await page.goto(host.url);
  await signIn(page, 'admin@studio.example');
  await adminSignIn(page);
  await pairShown(page);

  // Keyboard only: P opens the Prompts page from anywhere.
  await page.keyboard.press('p');
  await expect(page.getByRole('heading', { name: 'Prompts', level: 1 })).toBeVisible();
  await expect(page.getByText(/Current version v1\.0\.0/)).toBeVisible();
  await expect(page.getByText('No evolution yet.')).toBeVisible();

  // Evolve now: with no LLM set up the offline evolver proposes two candidates.
  await page.getByRole('button', { name: 'Evolve now' }).click();
  const first = page.getByRole('article', { name: 'Candidate v1.1.0' });
  const second = page.getByRole('article', { name: 'Candidate v1.2.0' });
  await expect(first).toContainText('being tested');
  await expect(second).toContainText('waiting for its test');
  await expect(first).toContainText('Reasoning:');
  await expect(first.getByLabel('Guardrails of v1.1.0')).toContainText('passed');
  await expect(first.getByRole('button', { name: 'Approve v1.1.0' })).toBeDisabled();
  await expect(page.getByRole('list', { name: 'Evolutions' })).toContainText('offline evolver');

  // Reject the second with a note.
  await second.getByRole('textbox', { name: 'Note on v1.2.0' }).fill('too many new terms at once');
  await second.getByRole('button', { name: 'Reject v1.2.0' }).click();
  await expect(second).toContainText('rejected by an admin');
  await expect(second).toContainText('too many new terms at once');

  // The word-level diff between v1.0.0 and v1.1.0.
  await page.getByRole('combobox', { name: 'Compare' }).selectOption('v1.0.0');
  await page.getByRole('combobox', { name: 'with' }).selectOption('v1.1.0');
  await page.getByRole('button', { name: 'Show differences' }).click();
  const changes = page.getByLabel('Prompt changes from v1.0.0 to v1.1.0');
  await expect(changes.locator('ins, del').first()).toBeVisible();

  // Roll back and forth: every version stays available.
  const versions = page.getByRole('table', { name: 'Prompt versions' });
  await versions.getByRole('button', { name: 'Make v1.1.0 current' }).click();
  await expect(page.getByRole('status', { name: 'Prompts notice' })).toHaveText('Rolled back: v1.1.0 is now current.');
  await expect(versions.getByRole('row', { name: /v1\.1\.0 current/ })).toBeVisible();
  await versions.getByRole('button', { name: 'Make v1.0.0 current' }).click();
  await expect(page.getByText(/Current version v1\.0\.0/)).toBeVisible();

  // A manual edit: one that changes the materials is refused and not saved; a good one becomes v1.0.1.
  const editor = page.getByRole('form', { name: 'Edit the current prompt' });
  const promptBox = editor.getByRole('textbox', { name: /^Prompt/ });
  const original = await promptBox.inputValue();
  await promptBox.fill(`${original}, red velvet sofa`);
  await editor.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByRole('alert').first()).toContainText('not saved');
  // The offline evolver never proposes this phrase (it is not in prompts/photorealism-vocabulary.json),
  // so the edit cannot duplicate one of the candidates it just made from a random seed.
  await promptBox.fill(`${original}, balanced exposure`);
  await editor.getByRole('textbox', { name: 'Why this edit' }).fill('even exposure across the room');
  await editor.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByRole('article', { name: 'Candidate v1.0.1' })).toContainText('added "balanced exposure"');

  // LLM settings: a bad URL is refused with what to do; a good one is saved and tested.
  const llm = page.getByRole('form', { name: 'LLM settings' });
  await llm.getByRole('textbox', { name: 'Base URL' }).fill('localhost:11434');
  await llm.getByRole('textbox', { name: 'Model' }).fill('stub-model');
  await llm.getByRole('button', { name: 'Save LLM settings' }).click();
  await expect(page.getByRole('alert').first()).toContainText('must be a URL starting with http://');
  await llm.getByRole('textbox', { name: 'Base URL' }).fill(stub.baseUrl);
  await llm.getByLabel(/API key/).fill('sk-e2e-secret');
  await llm.getByRole('button', { name: 'Save LLM settings' }).click();
  await expect(llm).toContainText('Evolutions ask stub-model');
  await expect(llm.getByLabel(/API key/)).toHaveValue('');
  await expect(llm).toContainText('(stored; leave empty to keep)');
  stub.script([{ kind: 'content', content: '{"ok": true}' }]);
  await llm.getByRole('button', { name: 'Test connection' }).click();
  await expect(llm.getByRole('status', { name: 'LLM connection test' })).toContainText('Connection OK');
  expect(stub.authorizations.at(-1)).toBe('Bearer sk-e2e-secret');

  // While v1.1.0 is in its paired test, "Evolve now" is refused, saying why.
  await page.getByRole('button', { name: 'Evolve now' }).click();
  await expect(page.getByRole('alert').first()).toContainText('a new evolution now would start from a version it may replace');
  for (const version of ['v1.1.0', 'v1.0.1']) {
    await page.getByRole('article', { name: `Candidate ${version}` }).getByRole('button', { name: `Reject ${version}` }).click();
    await expect(page.getByRole('article', { name: `Candidate ${version}` })).toContainText('rejected by an admin');
  }

  // An LLM that answers prose: the evolution ends failed, saying so, and the current version stays.
  stub.script([{ kind: 'content', content: 'Here is a nicer prompt for you.' }]);
  await page.getByRole('button', { name: 'Evolve now' }).click();
  await expect(page.getByRole('list', { name: 'Evolutions' }).getByRole('alert').first()).toContainText('not JSON');
  await expect(page.getByText(/Current version v1\.0\.0/)).toBeVisible();
});
