import { expect, test, type Page } from '@playwright/test';
import type { CallOutput } from '../../core/api';
import { agreementExcludedText, agreementText } from '../../renderer/stores/rewardStore';
import { rpc, startHost, type RunningHost } from '../helpers/host';
import { ratePairs } from '../helpers/rate-pairs';
import { startService, TEST_ADMIN_PASSPHRASE } from '../helpers/service';
import { tempDir } from '../helpers/temp';
import { until } from '../helpers/until';
import { adminSignIn, pairId, pairShown, signIn, status } from './flow';

// The figures the trainer and the admin read, in the page: each says what it counts, and figures of
// the same thing agree. Each test has its own data folder and host.
let host: RunningHost | null = null;
const dirs: { remove(): void }[] = [];

test.afterEach(async () => {
  await host?.stop();
  host = null;
});
test.afterAll(() => dirs.forEach((d) => d.remove()));

async function freshHost(): Promise<RunningHost> {
  const data = tempDir('latina-e2e-');
  dirs.push(data);
  host = await startHost(data.path);
  return host;
}

/** The contract calls the page makes, by name, from now on. */
function recordCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/rpc/')) calls.push(path.slice('/rpc/'.length));
  });
  return calls;
}

const notice = (page: Page) => page.getByRole('status', { name: 'Last action' });

test('each rating is one round trip, and the notice and the status line give the same count', async ({ page }) => {
  const { url } = await freshHost();
  await page.goto(url);
  await signIn(page, 'ana@studio.example');
  const sync = page.getByRole('status', { name: 'Sync status' });
  // Pairs generated ahead are outbox rows too, but no rating is kept before one is given.
  await expect(sync).toContainText('Sync: not set up · nothing rated yet');
  const calls = recordCalls(page);
  for (let pair = 1; pair <= 3; pair++) {
    await pairShown(page);
    const before = await pairId(page);
    await page.keyboard.press('4');
    await page.keyboard.press('2');
    calls.length = 0;
    await page.keyboard.press('Enter');
    await expect(notice(page)).toHaveText(`Saved. ${2 * pair} samples collected.`);
    await expect(status(page)).toContainText(`Samples collected: ${2 * pair}/50`);
    await expect.poll(() => pairId(page)).not.toBe(before);
    await pairShown(page);
    // Nothing asks for the status or the queue again: train.rate's answer carried them.
    expect(calls.filter((name) => name === 'train.rate')).toHaveLength(1);
    expect(calls.filter((name) => name === 'train.status' || name === 'queue.state')).toEqual([]);
    await expect(sync).toContainText(`Sync: not set up · ${pair} ${pair === 1 ? 'rating' : 'ratings'} kept on this computer only`);
  }
});

test('past Phase 1 the status line counts samples without a target, and the next evolution reads the same on the status line and the Prompts page', async ({ page }) => {
  const { url } = await freshHost();
  await page.goto(url);
  await signIn(page, 'ana@studio.example');
  await pairShown(page);
  await page.keyboard.press('4');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Samples collected: 2/50');
  await expect(status(page)).toContainText('evolves at 10');

  await adminSignIn(page);
  await page.keyboard.press('h');
  const phase1 = page.getByRole('region', { name: 'Phase 1 control' });
  await phase1.getByRole('button', { name: 'Stop Phase 1' }).click();
  await expect(phase1).toContainText('Phase 1: complete, stopped by an admin');
  await page.keyboard.press('Escape');
  await page.keyboard.press('t');
  await expect(status(page)).toContainText('Phase 1: complete');
  await expect(status(page).getByText('Samples collected: 2', { exact: true })).toBeVisible();

  await page.keyboard.press('p');
  const evolution = page.getByRole('region', { name: 'Evolution' });
  await expect(evolution).toContainText('next evolution at sample 10');
  // Evolve now: while its candidates are tested no sample is named, on either.
  await evolution.getByRole('button', { name: 'Evolve now' }).click();
  await expect(evolution).toContainText('next evolution after the paired test');
  await page.keyboard.press('Escape');
  await page.keyboard.press('t');
  await expect(status(page)).toContainText('testing a candidate');
  await expect(status(page).getByTitle('Prompt v1.0.0, next evolution after the paired test')).toBeVisible();
});

test("the Model page shows the reward model's agreement with its baseline and interval, and names each count", async ({ page }) => {
  const data = tempDir('latina-e2e-');
  dirs.push(data);
  // Ratings made through the real service first: 20 rated images train a model, which then
  // predicts the pairs waiting in the queue; those are rated next, so the agreement has pairs.
  const service = await startService(data.path, { reward: { ensemble: { maxEpochs: 25, lr: 1e-3 }, retrainDebounceMs: 50 } });
  await service.call('settings.update', { prefetch: 6 });
  await ratePairs(service, 10);
  await until('a first model', async () => (await service.call('reward.status', {})).model);
  // The pair shown next and the two after it, all predicted before they are rated.
  await until('the next three pairs predicted', async () => {
    const { experiment, upcoming } = await service.call('queue.next', { wait_ms: 60_000 });
    const next = [experiment!, ...upcoming];
    return next.length === 3 && next.every((e) => e.options.every((o) => o.predicted_rating !== null));
  });
  await ratePairs(service, 3, 10);
  const expected = await service.call('reward.status', {});
  await service.close();
  // Three decisive rated pairs (B, A, B) were predicted beforehand: each counts unless the model rated it equal.
  expect(expected.agreement.pairs + expected.agreement.excluded.prediction_ties).toBe(3);

  host = await startHost(data.path);
  await page.goto(host.url);
  await signIn(page, 'ana@studio');
  await adminSignIn(page, TEST_ADMIN_PASSPHRASE);
  await page.keyboard.press('m');
  const model = page.getByRole('region', { name: 'Reward model status' });
  // The page shows the host's figures as the renderer words them, and the host's figures are the ones checked in the service tests.
  const shown = await until('the Model page', async () => {
    const now = await rpc<CallOutput<'reward.status'>>(host!, 'reward.status', {});
    return now.agreement.pairs === expected.agreement.pairs && now;
  });
  await expect(model).toContainText(agreementText(shown));
  if (shown.agreement.pairs > 0) await expect(model).toContainText(/Model agreed with the trainer on \d+ of \d+ pairs? \(\d+%, 95% interval \d+–\d+%\); always naming [AB]: \d+ of \d+ \(\d+%\); chance: 50%/);
  const excluded = agreementExcludedText(shown);
  if (excluded !== null) await expect(model).toContainText(excluded);
  await expect(model).toContainText(`${shown.training_samples} rated images so far; the current model was trained on ${shown.model!.training_samples}`);
});
