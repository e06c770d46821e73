import { expect, type Page } from '@playwright/test';

// The trainer's loop with the keyboard only, shared by the browser-host spec and the Electron spec
// so that both hosts are held to exactly the same behaviour.

export async function pairShown(page: Page) {
  for (const label of ['A', 'B']) {
    const img = page.getByRole('region', { name: `Option ${label}` }).getByRole('img').first();
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).toBe(true);
  }
}

/**
 * Answers "Who is rating?". Typing before the dialog is up loses the keys: the dialog only opens
 * once the settings have loaded, and until then nothing holds the focus.
 */
export async function signIn(page: Page, rater: string) {
  const who = page.getByRole('dialog', { name: 'Who is rating?' });
  await expect(who).toBeVisible();
  await expect(who.getByRole('textbox')).toBeFocused();
  await page.keyboard.type(rater);
  await page.keyboard.press('Enter');
  await expect(who).toBeHidden();
}

export const status = (page: Page) => page.getByRole('status', { name: 'Training status' });
export const pairId = (page: Page) => page.getByRole('main').getAttribute('data-experiment-id');

async function ratePair(page: Page, a: string, b: string) {
  await pairShown(page);
  const before = await pairId(page);
  await page.keyboard.press(a);
  await page.keyboard.press(b);
  await expect(page.getByRole('radiogroup', { name: 'Rating for option A' }).getByRole('radio', { name: a })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('radiogroup', { name: 'Rating for option B' }).getByRole('radio', { name: b })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect.poll(() => pairId(page)).not.toBe(before);
  return before;
}

/**
 * First start, three pairs rated, one refused submit, undo, skip, the help overlay; then `restart`
 * (a new host process or a new Electron app on the same data) and everything is still there.
 */
export async function rateUndoSkipRestart(page: Page, restart: () => Promise<Page>): Promise<void> {
  await signIn(page, 'ana@studio.example');
  await expect(page.getByText('ana@studio.example')).toBeVisible();
  await expect(status(page)).toContainText('Samples collected: 0/50');

  // Submitting with one rating missing is refused with a message, and nothing is saved.
  await pairShown(page);
  await page.keyboard.press('4');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText(/rate option B/i);
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Samples collected: 2/50');

  await ratePair(page, '3', '5');
  await expect(status(page)).toContainText('Samples collected: 4/50');
  const third = await ratePair(page, '5', '1');
  await expect(status(page)).toContainText('Samples collected: 6/50');

  // U: the last submission is undone and its pair comes back first, with the ratings it had.
  await page.keyboard.press('u');
  await expect(status(page)).toContainText('Samples collected: 4/50');
  await expect.poll(() => pairId(page)).toBe(third);
  await expect(page.getByRole('radiogroup', { name: 'Rating for option A' }).getByRole('radio', { checked: true })).toHaveText('5');
  await expect(page.getByRole('radiogroup', { name: 'Rating for option B' }).getByRole('radio', { checked: true })).toHaveText('1');

  // S: skip with a reason.
  await pairShown(page);
  await page.keyboard.press('s');
  const skip = page.getByRole('dialog', { name: 'Skip this pair' });
  await expect(skip).toBeVisible();
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(skip).toBeHidden();
  await expect.poll(() => pairId(page)).not.toBe(third);
  await expect(status(page)).toContainText('Samples collected: 4/50');

  // ?: the help overlay lists the keys.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Undo');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Restart on the same data: everything is still there, and the rater is remembered.
  page = await restart();
  await expect(page.getByRole('dialog', { name: 'Who is rating?' })).toBeHidden();
  await expect(status(page)).toContainText('Samples collected: 4/50');
  await pairShown(page);

  await page.keyboard.press('h');
  const rows = page.getByRole('table', { name: 'Experiments' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Skipped' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'ana@studio.example' })).toHaveCount(3);
}

/** The admin passphrase the specs create on their workstations. */
export const E2E_ADMIN_PASSPHRASE = 'e2e admin passphrase';

/**
 * Signs in as an admin with the header's "Admin sign-in": on a workstation without a passphrase
 * the dialog creates it (typed twice), otherwise it asks for it. Keyboard only inside the dialog.
 */
export async function adminSignIn(page: Page, passphrase = E2E_ADMIN_PASSPHRASE) {
  await page.getByRole('banner').getByRole('button', { name: 'Admin sign-in' }).click();
  const dialog = page.getByRole('dialog', { name: /^(Admin sign-in|Create the admin passphrase)$/ });
  await expect(dialog).toBeVisible();
  const creating = (await dialog.getByLabel('Repeat the passphrase').count()) > 0;
  await expect(dialog.getByLabel('Admin passphrase')).toBeFocused();
  await page.keyboard.type(passphrase);
  if (creating) {
    await page.keyboard.press('Tab');
    await page.keyboard.type(passphrase);
  }
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status', { name: 'Admin session' })).toBeVisible();
}
