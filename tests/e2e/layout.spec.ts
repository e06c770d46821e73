import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp';
import { pairShown, signIn } from './flow';

// At the three usual screen sizes the header, status line, tools row and decision bar each keep one
// row with nothing cut short, and the images take what the layout leaves: the spec prints the share.
const data = tempDir('latina-e2e-layout-');
let host: RunningHost | null = null;

test.afterAll(async () => {
  await host?.stop();
  data.remove();
});

/** Rows that must not wrap, and any text inside them that is clipped. */
async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const selector of ['.header', '.status', '.train-tools', '.decide']) {
      const row = document.querySelector(selector) as HTMLElement | null;
      if (row === null) {
        problems.push(`${selector} missing`);
        continue;
      }
      // Wrapped: one item starts below where another ends.
      const boxes = [...row.children]
        .filter((c) => (c as HTMLElement).offsetParent !== null && getComputedStyle(c).position !== 'absolute')
        .map((c) => c.getBoundingClientRect())
        .filter((r) => r.height > 0);
      if (boxes.some((x) => boxes.some((y) => x.top >= y.bottom))) problems.push(`${selector} wraps onto more than one row`);
      for (const el of [row, ...row.querySelectorAll<HTMLElement>('*')]) {
        if (el.offsetParent === null || el.closest('.visually-hidden')) continue;
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') {
          problems.push(`${selector}: "${el.textContent?.trim().slice(0, 60)}" is cut off (${el.scrollWidth} > ${el.clientWidth})`);
        }
      }
      if (row.getBoundingClientRect().right > window.innerWidth + 1) problems.push(`${selector} runs past the window`);
    }
    return problems;
  });
}

const imageShare = (page: Page) =>
  page.evaluate(() => {
    const area = [...document.querySelectorAll('.viewport')].reduce((sum, el) => {
      const r = el.getBoundingClientRect();
      return sum + r.width * r.height;
    }, 0);
    return area / (window.innerWidth * window.innerHeight);
  });

test('nothing wraps or is cut off at 1280×720, 1440×900 and 1920×1080; the images take most of the window', async ({ page }) => {
  host = await startHost(data.path);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  await signIn(page, 'layout.checker.with.a.long.name@studio.example');
  const rows: string[] = [];
  for (const [width, height] of [[1280, 720], [1440, 900], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await pairShown(page);
    await page.keyboard.press('4');
    await page.keyboard.press('3');
    expect(await layoutProblems(page), `${width}×${height}`).toEqual([]);
    // Typing into a comment (the longest key line) and a refusal message keep the rows intact too.
    await page.keyboard.press('c');
    expect(await layoutProblems(page), `${width}×${height}, typing`).toEqual([]);
    await page.keyboard.press('Escape');

    const share = await imageShare(page);
    rows.push(`${width}×${height}: images take ${(share * 100).toFixed(1)} % of the window`);
    expect(share, `${width}×${height}`).toBeGreaterThan(0.6);

    // The ratings read at a glance on each image.
    for (const option of ['A', 'B'] as const) {
      const badge = page.getByLabel(`Option ${option} rating`);
      await expect(badge).toHaveText(option === 'A' ? 'A 4' : 'B 3');
      const size = await badge.locator('strong').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(24);
    }
    await page.keyboard.press('2');
  }
  console.log(rows.join('\n'));
});
