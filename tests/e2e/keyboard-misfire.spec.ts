import { expect, test } from '@playwright/test';
import { rpc, startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { pairId, pairShown } from './flow';
import { checkedRating, comment, hideUpcoming, holdRatings, keysGoTo, ratingRadio, storedRatings } from './keys';

// The keys a fast trainer presses must land where they mean: never on a pair already saved, never
// in a control that took the focus unnoticed, and C on the option just rated.
const data = tempDir('latina-e2e-misfire-');
let host: RunningHost | null = null;

// The rater is set through the contract, so each test stands alone: signing in has its own spec.
test.beforeAll(async () => {
  host = await startHost(data.path);
  await rpc(host, 'settings.update', { rater_id: 'fast@studio.example' });
});

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

test('keys pressed after Enter never change the saved pair; the screen says the next one is loading', async ({ page }) => {
  await hideUpcoming(page);
  await page.goto(host!.url);
  await pairShown(page);
  const saved = (await pairId(page))!;
  const ratings = await holdRatings(page);

  await page.keyboard.press('4');
  await page.keyboard.press('4');
  await page.keyboard.press('Enter');
  await ratings.waitHeld();
  // The saved pair has left the screen while the host saves it.
  await expect(page.getByRole('status', { name: 'Next pair' })).toContainText('Loading the next pair');
  expect(await pairId(page)).not.toBe(saved);
  await page.keyboard.press('3');
  await page.keyboard.press('1');
  await expect(page.getByRole('alert')).toContainText('not applied: the next pair is not shown yet');

  await ratings.release();
  await pairShown(page);
  expect(await pairId(page)).not.toBe(saved);
  await expect(checkedRating(page, 'A')).toHaveCount(0);
  await expect(checkedRating(page, 'B')).toHaveCount(0);
  expect(await storedRatings(page, saved)).toEqual({ A: 4, B: 4 });
});

test('a clicked control never keeps the rating keys: the mode stays, Esc returns to rating', async ({ page }) => {
  await page.goto(host!.url);
  await pairShown(page);
  const mode = page.getByRole('radiogroup', { name: 'Mode' });
  await expect(mode.getByRole('radio', { name: 'structure' })).toHaveAttribute('aria-checked', 'true');
  const status = page.getByRole('status', { name: 'Training status' });
  const statusBefore = await status.textContent();

  await mode.getByRole('radio', { name: 'structure' }).click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('3');
  await expect(mode.getByRole('radio', { name: 'structure' })).toHaveAttribute('aria-checked', 'true');
  await expect(ratingRadio(page, 'A', '3')).toHaveAttribute('aria-checked', 'true');
  await expect(status).toHaveText(statusBefore!);

  // A list that does take the arrows says so at once, and Escape hands the keys back.
  await expect(keysGoTo(page)).toHaveText('Keys rate the pair');
  await page.getByRole('combobox', { name: 'Sample render' }).focus();
  await expect(keysGoTo(page)).toContainText('Keys type into Sample render');
  await page.keyboard.press('Escape');
  await expect(keysGoTo(page)).toHaveText('Keys rate the pair');
  await page.keyboard.press('2');
  await expect(ratingRadio(page, 'B', '2')).toHaveAttribute('aria-checked', 'true');
});

test('C after rating A comments on A; U brings back the ratings and comments it took back', async ({ page }) => {
  await page.goto(host!.url);
  await pairShown(page);
  await page.keyboard.press('Escape');
  const rated = (await pairId(page))!;

  await page.keyboard.press('5');
  await page.keyboard.press('c');
  await expect(comment(page, 'A')).toBeFocused();
  await page.keyboard.type('crisp tiles');
  await page.keyboard.press('Escape');
  await expect(keysGoTo(page)).toHaveText('Keys rate the pair');
  await page.keyboard.press('2');
  await page.keyboard.press('c');
  await expect(comment(page, 'B')).toBeFocused();
  await page.keyboard.type('blurry');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => pairId(page)).not.toBe(rated);
  expect(await storedRatings(page, rated)).toEqual({ A: 5, B: 2 });

  const recent = page.getByRole('list', { name: 'Recent submissions' });
  await expect(recent.getByRole('listitem').first()).toContainText('A 5 · B 2');
  await pairShown(page);
  await page.keyboard.press('u');
  await expect.poll(() => pairId(page)).toBe(rated);
  await expect(ratingRadio(page, 'A', '5')).toHaveAttribute('aria-checked', 'true');
  await expect(ratingRadio(page, 'B', '2')).toHaveAttribute('aria-checked', 'true');
  await expect(comment(page, 'A')).toHaveValue('crisp tiles');
  await expect(comment(page, 'B')).toHaveValue('blurry');
  await expect(recent.getByRole('listitem').first()).toContainText('undone');
  expect(await storedRatings(page, rated)).toBeNull();

  // The help overlay states the rule.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('after rating A, C is about A');
  await page.keyboard.press('Escape');
});

test('a new mode brings a pair of that mode; a pair already rated stays and says why', async ({ page }) => {
  await page.goto(host!.url);
  await pairShown(page);
  const mode = page.getByRole('radiogroup', { name: 'Mode' });
  const sourceLine = page.getByText(/^Render: .* · (structure|surfaces)$/);
  await expect(sourceLine).toContainText('· structure');

  await mode.getByRole('radio', { name: 'surfaces' }).click();
  await expect(mode.getByRole('radio', { name: 'surfaces' })).toHaveAttribute('aria-checked', 'true');
  await expect(sourceLine).toContainText('· surfaces', { timeout: 60_000 });
  await pairShown(page);

  await page.keyboard.press('4');
  const rated = await pairId(page);
  await mode.getByRole('radio', { name: 'structure' }).click();
  await expect(page.getByRole('status', { name: 'Last action' })).toContainText('The pair on screen is a surfaces pair');
  expect(await pairId(page)).toBe(rated);
  await expect(ratingRadio(page, 'A', '4')).toHaveAttribute('aria-checked', 'true');
});
