import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { adminSignIn, pairShown } from './flow';

// The admin's Providers page against the real browser host in Chromium, driven by role and name.
// Leonardo and Replicate are built in but need keys, ComfyUI needs its checkpoint file; the page's settings,
// its error wording and the offline pack are exercised on the local enhancer, which needs nothing.
const data = tempDir('latina-e2e-providers-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

test('an admin sees every provider, gets an actionable error, saves limits and builds an offline pack', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'Your name or e-mail' }).fill('admin@studio.example');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await adminSignIn(page);
  await pairShown(page);

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Providers' }).click();
  await expect(page.getByRole('heading', { name: 'Providers', level: 1 })).toBeVisible();
  const local = page.getByRole('region', { name: /local.* provider/i });
  await expect(local.getByRole('status')).toHaveText(/Ready|Generating/);
  const comfyui = page.getByRole('region', { name: 'ComfyUI provider' });
  await expect(comfyui.getByRole('status', { name: /state/ })).toHaveText('Off.');
  await expect(comfyui.getByRole('textbox', { name: 'Model' })).toHaveAttribute('placeholder', /checkpoint file/);
  await expect(comfyui.getByRole('checkbox', { name: 'Enabled' })).toBeEnabled();
  const replicate = page.getByRole('region', { name: 'Stable Diffusion on Replicate provider' });
  await expect(replicate.getByRole('status', { name: /state/ })).toHaveText('Off.');
  await expect(replicate.getByRole('textbox', { name: 'Model' })).toHaveAttribute('placeholder', /fofr\/sdxl-multi-controlnet-lora:<version id>/);
  await expect(replicate.getByRole('checkbox', { name: 'Enabled' })).toBeEnabled();

  await local.getByRole('textbox', { name: 'Base URL' }).fill('http://render-farm.example.com');
  await local.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByRole('alert')).toContainText('use https:// for render-farm.example.com');

  await local.getByRole('textbox', { name: 'Base URL' }).fill('http://127.0.0.1');
  await local.getByRole('textbox', { name: 'Daily cap in USD (empty for none)' }).fill('3');
  await local.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByRole('status', { name: 'Providers notice' })).toContainText('saved');
  await expect(local.getByLabel(/spend/)).toContainText('of $3.00');

  // The Model page shows admins what generation cost today.
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Model' }).click();
  await expect(page.getByLabel('Generation cost')).toContainText('Spent today:');
  await expect(page.getByLabel('Generation cost')).toContainText('of $3.00');
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Providers' }).click();

  const pack = page.getByRole('region', { name: 'Offline pack' });
  await pack.getByRole('textbox', { name: 'Pairs in the pack' }).fill('5');
  await pack.getByRole('button', { name: 'Build pack' }).click();
  await expect(page.getByRole('status', { name: 'Providers notice' })).toContainText('Building a pack of 5 pairs');
  await expect(pack.getByRole('status', { name: 'Offline pack status' })).toHaveText(/pairs ready offline|Building: \d of 5 ready/, { timeout: 60_000 });
});
