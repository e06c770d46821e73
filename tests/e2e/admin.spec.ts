import { expect, test } from '@playwright/test';
import { rpc, startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { adminSignIn, E2E_ADMIN_PASSPHRASE, pairShown, signIn } from './flow';

// A trainer cannot reach an admin page, by the navigation or by its key; a wrong passphrase is
// explained; an admin sees the Admin marker and the admin pages until Lock.
const data = tempDir('latina-e2e-admin-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Pages' });

test('a trainer sees no admin page, a wrong passphrase is explained, and Lock ends the admin session', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);
  await signIn(page, 'ana@studio.example');
  await pairShown(page);

  // First start: the sign-in creates the passphrase, then Lock makes this a trainer's workstation.
  await adminSignIn(page);
  await expect(nav(page).getByRole('button', { name: /^Prompts/ })).toBeVisible();
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('status', { name: 'Admin session' })).toHaveCount(0);

  // The trainer's navigation has Train and History only; the keys of admin pages show why not.
  await expect(nav(page).getByRole('button')).toHaveText([/^Train/, /^History/]);
  for (const [key, name] of [['p', 'Prompts'], ['m', 'Model'], ['o', 'Providers']] as const) {
    await page.keyboard.press('t');
    await pairShown(page);
    await page.keyboard.press(key);
    const notice = page.getByRole('region', { name: 'Admins only' });
    await expect(notice).toContainText(`The ${name} page is for admins`);
    await expect(page.getByRole('heading', { name, level: 1, exact: true })).toHaveCount(0);
  }
  // The History page leaves out the admin's Phase 1 controls and rater report.
  await page.keyboard.press('h');
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeAttached();
  await expect(page.getByRole('button', { name: /Stop Phase 1/ })).toHaveCount(0);

  // And the service refuses the call itself, whatever the page shows.
  await expect(rpc(host, 'prompts.evolve', { requested_by: 'ana@studio.example' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });

  // A wrong passphrase, keyboard only: the dialog says what to do and keeps the focus for a retry.
  await page.keyboard.press('t');
  await page.keyboard.press('p');
  await page.getByRole('region', { name: 'Admins only' }).getByRole('button', { name: 'Admin sign-in' }).press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Admin sign-in' });
  await expect(dialog.getByLabel('Admin passphrase')).toBeFocused();
  await page.keyboard.type('not the passphrase');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(/^Wrong admin passphrase\. Check Caps Lock and the keyboard layout, and try again/);
  await expect(dialog.getByLabel('Admin passphrase')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Admins only' })).toBeVisible();

  // The right one opens the page where the trainer was refused.
  await adminSignIn(page, E2E_ADMIN_PASSPHRASE);
  await expect(page.getByRole('heading', { name: 'Prompts', level: 1 })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Admin session' })).toHaveText(/^Admin/);
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('region', { name: 'Admins only' })).toBeVisible();
});
