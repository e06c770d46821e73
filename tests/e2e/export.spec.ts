import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { rpc, startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { adminSignIn, pairShown, signIn } from './flow';

// The admin's Export page against the real browser host in Chromium: pairs rated through the
// contract, an export run from the page with the keyboard, its summary, and the folder on disk.
const data = tempDir('latina-e2e-export-');
let host: RunningHost | null = null;
const RATER = 'ana@studio.example';

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

interface Next {
  experiment: { experiment_id: string } | null;
}

/** Rates the next ready pair through the contract, as a script (or a second window) would. */
async function rateNext(running: RunningHost, ratingA: number, ratingB: number): Promise<void> {
  const next = await rpc<Next>(running, 'queue.next', { wait_ms: 60_000 });
  if (!next.experiment) throw new Error('no pair was generated to rate');
  await rpc(running, 'train.rate', {
    experiment_id: next.experiment.experiment_id,
    ratings: [
      { option: 'A', rating: ratingA, comments: 'crisp edges' },
      { option: 'B', rating: ratingB, comments: '' },
    ],
    outcome: ratingA > ratingB ? 'A' : 'B',
    rated_by: RATER,
  });
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Pages' });

test('an admin exports the rated pairs from the Export page, keyboard only, and a trainer has no Export page', async ({ page }) => {
  host = await startHost(join(data.path, 'workstation'));
  await page.goto(host.url);
  await signIn(page, RATER);
  await pairShown(page);
  await adminSignIn(page);
  for (const [a, b] of [[5, 2], [1, 4], [3, 5]] as const) await rateNext(host, a, b);

  await page.keyboard.press('Escape');
  await page.keyboard.press('e');
  await expect(page.getByRole('heading', { name: 'Export', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Export settings' });
  const out = join(data.path, 'datasets', 'june');

  // Without sync the studio server cannot be the source: the choice is there, disabled, with why and what to do.
  const source = form.getByRole('radiogroup', { name: 'Source' });
  const workstation = source.getByRole('radio', { name: 'This workstation' });
  const server = source.getByRole('radio', { name: 'Studio server (whole team)' });
  await expect(workstation).toBeChecked();
  await expect(server).toBeDisabled();
  await expect(server).toHaveAccessibleDescription(/^Sync is not set up on this workstation\. .*open Sync settings \(in the header\)/);
  await workstation.focus();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('combobox', { name: 'Format' })).toBeFocused();

  // A relative folder is refused with what to write instead; the form keeps what was typed.
  await form.getByRole('textbox', { name: /^Output folder/ }).focus();
  await page.keyboard.type('june');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(/Write the output folder as a full path .* not "june"/);

  await page.keyboard.press('Control+A');
  await page.keyboard.type(out);
  // Tick "Exclude flagged raters" with the keyboard, then start from the seed field.
  await form.getByRole('checkbox', { name: 'Exclude flagged raters' }).focus();
  await page.keyboard.press('Space');
  await expect(form.getByRole('checkbox', { name: 'Exclude flagged raters' })).toBeChecked();
  await form.getByRole('textbox', { name: /^Seed/ }).focus();
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');

  const outcome = page.getByRole('region', { name: 'Last export' });
  await expect(outcome.getByRole('heading', { name: 'Export finished' })).toBeVisible();
  await expect(outcome).toContainText(/pairwise · 3 pairs: /);
  await expect(outcome.getByRole('textbox', { name: 'Dataset folder' })).toHaveValue(out);
  await expect(outcome.getByRole('button', { name: 'Copy path' })).toBeVisible();
  // The browser host has no file manager to open: the page says so instead of a button that cannot work.
  await expect(outcome.getByRole('button', { name: 'Show in folder' })).toHaveCount(0);
  await expect(outcome).toContainText('This browser cannot open folders on this computer');
  expect(await rpc(host, 'export.showInFolder')).toEqual({ shown: false, path: out, reason: 'no_file_manager' });
  await expect(outcome.getByRole('table', { name: 'Left out' })).toBeVisible();

  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['README.md']));
  expect(existsSync(join(out, 'data'))).toBe(true);

  // A second export to the same folder is refused: it is not empty, and nothing in it changes.
  await form.getByRole('button', { name: 'Start export' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').first()).toHaveText(/is not empty\. Choose a new or empty folder/);
  await expect(outcome.getByRole('heading', { name: 'Export finished' })).toBeVisible();

  // Locked, this is a trainer's workstation: no Export in the navigation, E explains, the call is refused.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(nav(page).getByRole('button', { name: /^Export/ })).toHaveCount(0);
  await page.keyboard.press('t');
  await pairShown(page);
  await page.keyboard.press('e');
  await expect(page.getByRole('region', { name: 'Admins only' })).toContainText('The Export page is for admins');
  await expect(page.getByRole('heading', { name: 'Export', level: 1, exact: true })).toHaveCount(0);
  await expect(rpc(host, 'export.status')).rejects.toMatchObject({ code: 'forbidden', status: 403 });
});
