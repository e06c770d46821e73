import { expect, test } from '@playwright/test';
import { rpc, startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { createSite, startServers, type Servers, type Site } from '../integration/sync/servers';
import { adminSignIn, pairShown } from './flow';

// The admin sets up sync in the UI against a real PostgreSQL and a real S3-compatible server; the
// trainer's rating reaches the server, and a wrong password says what to do instead of retrying.
let servers: Servers;
let site: Site;
let host: RunningHost;
const data = tempDir('latina-e2e-sync-');

test.beforeAll(async () => {
  servers = await startServers();
  site = await createSite(servers);
  host = await startHost(data.path);
  await rpc(host, 'settings.update', { rater_id: 'ana@studio.example' });
});

test.afterAll(async () => {
  await host?.stop();
  await servers?.close();
  data.remove();
});

test('sync settings, test connection, a rating shipped, and a wrong password explained', async ({ page }) => {
  await page.goto(host.url);
  const indicator = page.getByRole('status', { name: 'Sync status' });
  await expect(indicator).toContainText('Sync: not set up');
  // Setting up sync is the admin's: the passphrase is created before the servers are known.
  await adminSignIn(page);

  await page.getByRole('button', { name: 'Sync settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync settings' });
  const s3 = site.config.s3!;
  await dialog.getByLabel('PostgreSQL connection string').fill(servers.pg.url(site.database, site.trainer.user));
  await dialog.getByLabel('PostgreSQL password').fill(site.trainer.password);
  await dialog.getByLabel('S3 endpoint').fill(s3.endpoint!);
  await dialog.getByLabel('S3 region').fill(s3.region);
  await dialog.getByLabel('S3 bucket').fill(s3.bucket);
  await dialog.getByLabel('S3 access key id').fill(s3.accessKeyId);
  await dialog.getByLabel('S3 secret access key').fill(s3.secretAccessKey);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Saved.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const results = dialog.getByRole('list', { name: 'Connection test' });
  await expect(results).toContainText('PostgreSQL: OK');
  await expect(results).toContainText('S3: OK');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await pairShown(page);
  await page.keyboard.press('4');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Samples collected: 2/50');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(indicator).toContainText('Sync: online · all saved on the server');
  const rows = await servers.pg.query<{ rating: number }>(site.database, 'SELECT rating FROM enhancement_ratings ORDER BY rating');
  expect(rows.map((r) => r.rating)).toEqual([2, 4]);

  // A wrong password: a clear message with what to do, and the rating stays safe locally.
  await page.getByRole('button', { name: 'Sync settings' }).click();
  await dialog.getByLabel('PostgreSQL password').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Saved.')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(indicator).toContainText(/Sync: stopped · .*password/i);
});
