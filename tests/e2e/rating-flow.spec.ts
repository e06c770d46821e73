import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { startHost, type RunningHost } from '../helpers/host';
import { bombPng } from '../helpers/images';
import { tempDir } from '../helpers/temp';
import { pairId, pairShown, rateUndoSkipRestart, status } from './flow';

// The trainer's whole loop with the keyboard only, against the real browser host in Chromium.
const data = tempDir('latina-e2e-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

test('a trainer rates, undoes, skips with the keyboard alone, and finds it all after a restart', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);
  await rateUndoSkipRestart(page, async () => {
    await host!.stop();
    host = await startHost(data.path);
    await page.goto(host.url);
    return page;
  });
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

  // An empty file, and a PNG whose header claims 20000×20000 pixels (a decompression bomb).
  await upload({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert')).toContainText(/empty \(0 bytes\)/i);
  await upload({ name: 'huge.png', mimeType: 'image/png', buffer: bombPng() });
  await expect(page.getByRole('alert')).toContainText(/20000×20000.*Downscale it/);

  await expect(status(page)).toHaveText(statusBefore!);
  expect(await pairId(page)).toBe(pairBefore);
});
