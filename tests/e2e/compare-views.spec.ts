import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { pairShown, signIn } from './flow';

// The tools for judging fine detail, each on a key with its state on screen: zoom in real pixels on
// both options with keyboard panning, flicker, split, difference, full screen, Space for the original.
const data = tempDir('latina-e2e-compare-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

const indicator = (page: Page) => page.getByRole('status', { name: 'Comparison view' });
const enhanced = (page: Page, option: 'A' | 'B') => page.getByRole('img', { name: `Enhanced option ${option}`, exact: true });

async function box(page: Page, option: 'A' | 'B') {
  return enhanced(page, option).evaluate((el) => {
    const img = el as HTMLImageElement;
    const r = img.getBoundingClientRect();
    const frame = img.parentElement!.getBoundingClientRect();
    return { left: r.left - frame.left, top: r.top - frame.top, width: r.width, natural: img.naturalWidth, dpr: window.devicePixelRatio };
  });
}

test('zoom, pan, flicker, split, difference and full screen, all from the keyboard', async ({ page }) => {
  host = await startHost(data.path);
  await page.goto(host.url);
  await signIn(page, 'eye@studio.example');
  await pairShown(page);
  await expect(indicator(page)).toHaveText('Side by side · Zoom Fit');

  // Z: 1:1 is one output pixel per device pixel; 2× doubles it; both options the same.
  await page.keyboard.press('z');
  await expect(indicator(page)).toContainText('Zoom 1:1 · arrows pan');
  let a = await box(page, 'A');
  expect(a.width).toBeCloseTo(a.natural / a.dpr, 0);
  await page.keyboard.press('z');
  await expect(indicator(page)).toContainText('Zoom 2×');
  a = await box(page, 'A');
  expect(a.width).toBeCloseTo((2 * a.natural) / a.dpr, 0);
  expect(await box(page, 'B')).toEqual(a);

  // While zoomed the arrows pan both together; Tab still moves between A and B.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await box(page, 'A')).left).toBeLessThan(a.left);
  const panned = await box(page, 'A');
  expect(panned.top).toBeLessThan(a.top);
  expect(await box(page, 'B')).toEqual(panned);
  // The mouse pans as well: dragging A to the right brings both back towards the left edge.
  const frame = (await page.getByRole('region', { name: 'Option A' }).locator('.viewport').boundingBox())!;
  await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width / 2 + 60, frame.y + frame.height / 2, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => (await box(page, 'A')).left).toBeGreaterThan(panned.left);
  expect((await box(page, 'B')).left).toBe((await box(page, 'A')).left);
  await page.getByRole('region', { name: 'Option A' }).click();
  await expect(page.getByRole('region', { name: 'Option A' })).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('region', { name: 'Option B' })).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('z');
  await page.keyboard.press('z');
  await expect(indicator(page)).toContainText('Zoom Fit');

  // K: flicker shows the focused option in one place; Tab switches it there.
  await page.keyboard.press('k');
  await expect(indicator(page)).toContainText('Flicker (Tab switches)');
  await expect(enhanced(page, 'B')).toBeVisible();
  await expect(enhanced(page, 'A')).toBeHidden();
  await page.keyboard.press('Tab');
  await expect(enhanced(page, 'A')).toBeVisible();
  await expect(enhanced(page, 'B')).toBeHidden();
  // Ratings still go to the focused option and read on the image; rating A moves on to B.
  await page.keyboard.press('4');
  await expect(page.getByRole('radiogroup', { name: 'Rating for option A' }).getByRole('radio', { checked: true })).toHaveText('4');
  await expect(enhanced(page, 'B')).toBeVisible();
  await expect(page.getByLabel('Option B rating')).toHaveText('B –');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Option A rating')).toHaveText('A 4');

  // R: flicker by itself; the shown option changes with no key pressed.
  await page.keyboard.press('r');
  await expect(indicator(page)).toContainText('Flicker (by itself)');
  await expect(enhanced(page, 'B')).toBeVisible();
  await expect(enhanced(page, 'A')).toBeVisible();
  await page.keyboard.press('r');

  // V: split; ] moves the line.
  await page.keyboard.press('v');
  await expect(indicator(page)).toContainText('Split · line at 50 %');
  await page.keyboard.press(']');
  await expect(indicator(page)).toContainText('line at 60 %');
  await expect(page.getByLabel('Option B rating')).toBeVisible();

  // D: the difference, at the output's own size.
  await page.keyboard.press('d');
  await expect(indicator(page)).toContainText('Difference ×4');
  const difference = page.getByRole('img', { name: 'Difference between A and B' });
  await expect.poll(() => difference.evaluate((el) => (el as HTMLCanvasElement).width)).toBeGreaterThan(100);
  await page.keyboard.press('d');
  await expect(indicator(page)).toContainText('Side by side');

  // Space held: the original in place of the options.
  await page.keyboard.down(' ');
  await expect(page.getByRole('img', { name: /^Original render/ }).first()).toBeVisible();
  await page.keyboard.up(' ');
  await expect(enhanced(page, 'A')).toBeVisible();

  // F: full screen, the images take ≥ 90 % of the window; Escape leaves.
  await page.keyboard.press('f');
  await expect(indicator(page)).toContainText('Full screen');
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeHidden();
  const share = await page.evaluate(() => {
    const area = [...document.querySelectorAll('.viewport')].reduce((sum, el) => {
      const r = el.getBoundingClientRect();
      return sum + r.width * r.height;
    }, 0);
    return area / (window.innerWidth * window.innerHeight);
  });
  console.log(`full screen: images take ${(share * 100).toFixed(1)} % of the window`);
  expect(share).toBeGreaterThanOrEqual(0.9);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const text of ['Zoom both options', 'Flicker', 'Split slider', 'Difference', 'Full screen', 'pan up']) await expect(help).toContainText(text);
  await page.keyboard.press('Escape');
});
