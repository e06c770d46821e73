import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { pairId, pairShown, signIn } from './flow';

// A refused upload is explained beside the Upload button, in words a person can act on; no
// decoder's own text reaches the screen. Escape puts it away and the keys rate again.
const data = tempDir('latina-e2e-messages-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

/** What Ctrl/⌘+V delivers when an image file is on the clipboard. */
async function paste(page: Page, name: string, mimeType: string, bytes: Buffer) {
  await page.evaluate(
    ({ name, mimeType, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type: mimeType }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { name, mimeType, data: bytes.toString('base64') },
  );
}

test('a damaged PNG is refused beside the Upload button in plain words; Escape puts the message away', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);
  await signIn(page, 'msg@studio.example');
  await pairShown(page);
  const before = await pairId(page);

  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a08060' } }).png().toBuffer();
  const damaged = Buffer.concat([png.subarray(0, 8), Buffer.alloc(64, 0xab)]);
  await paste(page, 'room.png', 'image/png', damaged);

  const tools = page.getByRole('group', { name: 'New pair' });
  const alert = tools.getByRole('alert');
  await expect(alert).toHaveText('The PNG file is damaged or incomplete, so it cannot be read. Export or download it again, then add the new file.');
  await expect(page.getByRole('alert')).toHaveCount(1);
  for (const internal of [/input buffer/i, /corrupt header/i, /sharp/i, /vips/i]) await expect(alert).not.toHaveText(internal);

  // Near what caused it: just below the Upload button, starting at its left edge.
  const button = (await page.getByRole('button', { name: 'Upload render' }).boundingBox())!;
  const message = (await alert.boundingBox())!;
  expect(message.y - (button.y + button.height)).toBeLessThan(40);
  expect(message.y).toBeGreaterThanOrEqual(button.y + button.height - 1);
  expect(Math.abs(message.x - button.x)).toBeLessThan(40);

  // A text file pasted is refused the same way, before it leaves the page.
  await paste(page, 'notes.png', 'image/png', Buffer.from('not an image at all'));
  await expect(alert).toContainText(/not an image|damaged/i);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('3');
  await expect(page.getByRole('radiogroup', { name: 'Rating for option A' }).getByRole('radio', { checked: true })).toHaveText('3');
  expect(await pairId(page)).toBe(before);
});
