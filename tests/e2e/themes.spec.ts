import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { pairShown, signIn } from './flow';

// The app follows the system's light or dark setting, live, and text stays readable in both:
// contrast of at least 4.5:1 (WCAG 2.x AA for normal text) on the parts a trainer reads all day.
const data = tempDir('latina-e2e-themes-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

const READ_ALL_DAY = ['.brand', '.status-main', '.status span:not(.status-main)', '.pane-meta', '.pane-label', '.key-target', 'button.primary', ".rating button[aria-checked='true']", '.rating button:not([aria-checked=\'true\'])', '.nav button'];

/** Contrast ratio of each selector's text against what is really behind it (translucent layers blended). */
function contrasts(page: Page) {
  return page.evaluate((selectors) => {
    const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number) as number[];
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const blend = (top: number[], under: number[]) => {
      const a = top[3] ?? 1;
      return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a));
    };
    const behind = (el: Element | null): number[] => {
      if (el === null) return [255, 255, 255];
      const bg = parse(getComputedStyle(el).backgroundColor);
      const alpha = bg[3] ?? 1;
      if (bg.length === 0 || alpha === 0) return behind(el.parentElement);
      return alpha >= 1 ? bg.slice(0, 3) : blend(bg, behind(el.parentElement));
    };
    const out: Record<string, number> = {};
    for (const selector of selectors) {
      const el = document.querySelector(selector);
      if (el === null) {
        out[selector] = -1;
        continue;
      }
      const fg = blend(parse(getComputedStyle(el).color), behind(el));
      const [l1, l2] = [luminance(fg), luminance(behind(el))].sort((a, b) => b - a);
      out[selector] = Math.round(((l1! + 0.05) / (l2! + 0.05)) * 100) / 100;
    }
    return out;
  }, READ_ALL_DAY);
}

const pageLuminance = (page: Page) =>
  page.evaluate(() => {
    const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).map(Number);
    return (r! + g! + b!) / (3 * 255);
  });

test('light and dark follow the system setting, live, and the text reads in both', async ({ page }) => {
  host = await startHost(data.path);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(host.url);
  await signIn(page, 'theme@studio.example');
  await pairShown(page);
  await page.keyboard.press('4');
  expect(await pageLuminance(page)).toBeGreaterThan(0.85);
  const light = await contrasts(page);
  console.log('light', light);
  for (const [selector, ratio] of Object.entries(light)) expect(ratio, `light: ${selector}`).toBeGreaterThanOrEqual(4.5);

  // The system switches to dark while the app runs: no reload needed.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => pageLuminance(page)).toBeLessThan(0.15);
  const dark = await contrasts(page);
  console.log('dark', dark);
  for (const [selector, ratio] of Object.entries(dark)) expect(ratio, `dark: ${selector}`).toBeGreaterThanOrEqual(4.5);
  await page.keyboard.press('3');
  await expect(page.getByRole('radiogroup', { name: 'Rating for option B' }).getByRole('radio', { checked: true })).toHaveText('3');
});
