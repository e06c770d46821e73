import { expect, test } from '@playwright/test';
import { rpc, startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { adminSignIn, pairId, pairShown, signIn } from './flow';

// Trainers rate blind: nothing on a pane says which provider, parameters or prompt version made it.
// An admin may turn details on from the Model page, for their own signed-in session only: locking
// hides them again. Each rating records which way it was given.
const data = tempDir('latina-e2e-blind-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

const meta = (page: import('@playwright/test').Page, option: 'A' | 'B') => page.getByRole('region', { name: `Option ${option}` }).locator('.pane-meta');

async function rate(page: import('@playwright/test').Page) {
  await pairShown(page);
  const id = (await pairId(page))!;
  await page.keyboard.press('4');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect.poll(() => pairId(page)).not.toBe(id);
  return id;
}

test('panes show no provider, parameters or prompt version except in an admin session with details on; the trainer sees their own day', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);
  await signIn(page, 'blind@studio.example');
  await pairShown(page);
  for (const option of ['A', 'B'] as const) {
    await expect(meta(page, option)).toHaveText('');
  }
  const blind = await rate(page);

  await adminSignIn(page);
  await page.keyboard.press('m');
  const details = page.getByRole('checkbox', { name: /Show provider, parameters and prompt version/ });
  await expect(details).not.toBeChecked();
  await details.click();
  await expect(details).toBeChecked();
  await page.keyboard.press('t');
  await pairShown(page);
  await expect(meta(page, 'A')).toContainText(/Prompt v\d+\.\d+\.\d+/);
  await expect(meta(page, 'A')).toContainText('local');
  const shown = await rate(page);

  // Locked, the workstation is a trainer's again: the setting stays on, the details go.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('button', { name: 'Admin sign-in' })).toBeVisible();
  await pairShown(page);
  for (const option of ['A', 'B'] as const) await expect(meta(page, option)).toHaveText('');
  const locked = await rate(page);
  // The trainer's own day, updated by each rating: three pairs of the default goal of 300.
  await expect(page.getByRole('status', { name: 'Your session' })).toContainText(/^Today 3\/300 · 3\/h · \d+:\d\d$/);

  // The record says which rating was given blind; History shows it to the admin.
  const history = await rpc<{ experiments: { experiment_id: string; details_shown: boolean | null }[] }>(host, 'train.history', { limit: 50 });
  const shownOf = (id: string) => history.experiments.find((e) => e.experiment_id === id)?.details_shown;
  expect([shownOf(blind), shownOf(shown), shownOf(locked)]).toEqual([false, true, false]);
  await page.keyboard.press('h');
  await expect(page.getByRole('table', { name: 'Experiments' }).getByText('details on screen')).toHaveCount(1);
});
