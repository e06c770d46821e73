import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { adminSignIn, pairShown, signIn } from './flow';

// A keyboard-only admin reaches every page by its own key, and on the pages other than Train
// (where Tab switches between the options) Tab from the top reaches the navigation at once.
const data = tempDir('latina-e2e-navigation-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1, exact: true });
const optionA = (page: Page) => page.getByRole('region', { name: 'Option A' });

test('every page opens with its own key, and Tab from the top reaches the navigation in a few steps', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);
  await signIn(page, 'admin@studio.example');
  await adminSignIn(page);
  await pairShown(page);

  await page.keyboard.press('p');
  await expect(heading(page, 'Prompts')).toBeVisible();
  await page.keyboard.press('m');
  await expect(heading(page, 'Reward model')).toBeAttached();
  await page.keyboard.press('h');
  await expect(heading(page, 'History')).toBeAttached();
  await page.keyboard.press('h');
  await expect(optionA(page)).toBeVisible();
  await page.keyboard.press('m');
  await expect(heading(page, 'Reward model')).toBeAttached();
  await page.keyboard.press('o');
  await expect(heading(page, 'Providers')).toBeVisible();
  await page.keyboard.press('t');
  await expect(optionA(page)).toBeVisible();

  // The ? overlay lists the page keys.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('region', { name: 'Rating' })).toContainText('Prompts page');
  await expect(help.getByRole('region', { name: 'History, Prompts, Model and Providers pages' })).toContainText('Back to Train');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  const nav = page.getByRole('navigation', { name: 'Pages' });
  for (const [key, name] of [['h', 'History'], ['p', 'Prompts'], ['m', 'Reward model'], ['o', 'Providers']] as const) {
    await page.keyboard.press(key);
    await expect(heading(page, name)).toBeAttached();
    // From the top of the document: nothing focused.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const steps: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      const inNav = await nav.evaluate((el) => el.contains(document.activeElement));
      steps.push(await page.evaluate(() => document.activeElement?.textContent?.trim().slice(0, 40) ?? 'nothing'));
      if (inNav) break;
    }
    await expect(nav.locator(':focus'), `${name}: Tab went to ${steps.join(' → ')}`).toHaveCount(1);
  }
});
