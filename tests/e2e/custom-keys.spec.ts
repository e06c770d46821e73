import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { pairId, pairShown, signIn } from './flow';
import { ratingRadio } from './keys';

// An admin gives actions other keys from the keyboard; a key that already means something is
// refused with the reason; the new keys work at once, survive a reload and show in the help.
const data = tempDir('latina-e2e-custom-keys-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

test('remap Undo and a rating key, a clash refused, the new keys in force after a reload', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);
  await signIn(page, 'admin@studio.example');
  await pairShown(page);

  await page.keyboard.press('?');
  await page.keyboard.press('e');
  const editor = page.getByRole('dialog', { name: 'Change keys' });
  await expect(editor).toBeVisible();

  await editor.getByRole('button', { name: 'Key for Undo your last submission and show that pair again' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('button', { name: /Key for Undo/ })).toHaveText('press a key…');
  await page.keyboard.press('g');
  await expect(editor.getByRole('status', { name: 'Keys notice' })).toHaveText('G saved.');

  // Skip may not take G now: refused, with the reason, and Skip keeps S.
  const skipKey = editor.getByRole('button', { name: 'Key for Skip this pair (asks for a reason)' });
  await skipKey.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('g');
  await expect(editor.getByRole('alert')).toContainText('G is already the key of "Undo your last submission');
  await expect(skipKey).toHaveText('S');

  // The rating 5 moves to the semicolon.
  await editor.getByRole('button', { name: 'Key for rating 5' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press(';');
  await expect(editor.getByRole('status', { name: 'Keys notice' })).toHaveText('; saved.');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // In force at once, and still after a reload.
  await page.reload();
  await pairShown(page);
  const rated = await pairId(page);
  await page.keyboard.press(';');
  await expect(ratingRadio(page, 'A', '5')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('5');
  await expect(ratingRadio(page, 'B', '5')).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect.poll(() => pairId(page)).not.toBe(rated);
  await pairShown(page);
  await page.keyboard.press('u');
  await expect(page.getByRole('status', { name: 'Last action' })).not.toContainText('Undone');
  await page.keyboard.press('g');
  await expect.poll(() => pairId(page)).toBe(rated);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Undo your last submission/ })).toContainText('G');
  await expect(help.getByRole('row', { name: /Rate the focused option/ })).toContainText('1 2 3 4 ;');
  await page.keyboard.press('Escape');
});
