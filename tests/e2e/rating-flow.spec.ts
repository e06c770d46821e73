import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';

// The trainer's whole loop with the keyboard only, against the real browser host in Chromium.
const data = tempDir('latina-e2e-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

async function pairShown(page: Page) {
  for (const label of ['A', 'B']) {
    const img = page.getByRole('region', { name: `Option ${label}` }).getByRole('img').first();
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).toBe(true);
  }
}

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });
const pairId = (page: Page) => page.getByRole('main').getAttribute('data-experiment-id');

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

test('a trainer rates, undoes, skips with the keyboard alone, and finds it all after a restart', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);

  const who = page.getByRole('dialog', { name: 'Who is rating?' });
  await expect(who).toBeVisible();
  await page.keyboard.type('ana@studio.example');
  await page.keyboard.press('Enter');
  await expect(who).toBeHidden();
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

  // U: the last submission is undone and its pair comes back first, with empty ratings.
  await page.keyboard.press('u');
  await expect(status(page)).toContainText('Samples collected: 4/50');
  await expect.poll(() => pairId(page)).toBe(third);
  await expect(page.getByRole('radiogroup', { name: 'Rating for option A' }).getByRole('radio', { checked: true })).toHaveCount(0);

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

  // Restart the host on the same data: everything is still there, and the rater is remembered.
  await host.stop();
  host = await startHost(data.path);
  await page.goto(host.url);
  await expect(page.getByRole('dialog', { name: 'Who is rating?' })).toBeHidden();
  await expect(status(page)).toContainText('Samples collected: 4/50');
  await pairShown(page);

  await page.keyboard.press('h');
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: 'Skipped' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'ana@studio.example' })).toHaveCount(3);
});

test('bad uploads get a clear message and change nothing', async ({ page }) => {
  host ??= await startHost(data.path);
  await page.goto(host.url);
  if (await page.getByRole('dialog', { name: 'Who is rating?' }).isVisible()) {
    await page.keyboard.type('qa@studio.example');
    await page.keyboard.press('Enter');
  }
  await pairShown(page);
  const pairBefore = await pairId(page);
  const statusBefore = await status(page).textContent();

  const upload = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Upload render' }).click();
    await (await chooser).setFiles(file);
  };

  // A text file: refused before it leaves the page.
  await upload({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await expect(page.getByRole('alert')).toContainText(/not an image/i);

  // A JPEG cut in half: passes the page's checks, refused by the host's decoder.
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#a08060' } }).jpeg().toBuffer();
  await upload({ name: 'room.jpg', mimeType: 'image/jpeg', buffer: jpeg.subarray(0, jpeg.length >> 1) });
  await expect(page.getByRole('alert')).toContainText(/damaged or incomplete/i);

  await expect(status(page)).toHaveText(statusBefore!);
  expect(await pairId(page)).toBe(pairBefore);
});
