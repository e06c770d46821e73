import { expect, type Page, type Route } from '@playwright/test';

// Helpers for the keyboard specs: reading the screen's ratings, the host's record, and holding
// calls in flight so a spec can press keys at exactly the moment that used to misfire.

export const ratingRadio = (page: Page, option: 'A' | 'B', value: string) =>
  page.getByRole('radiogroup', { name: `Rating for option ${option}` }).getByRole('radio', { name: value, exact: true });

export const checkedRating = (page: Page, option: 'A' | 'B') =>
  page.getByRole('radiogroup', { name: `Rating for option ${option}` }).getByRole('radio', { checked: true });

export const comment = (page: Page, option: 'A' | 'B') => page.getByRole('textbox', { name: `Comment for option ${option}` });

export const keysGoTo = (page: Page) => page.getByRole('status', { name: 'Keys go to' });

/** What the host stored for one pair: the ratings and comments of A and B. */
export async function storedRatings(page: Page, experimentId: string) {
  return page.evaluate(async (id) => {
    const response = await fetch('/rpc/train.history', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 500 }),
    });
    const body = (await response.json()) as {
      result: { experiments: { experiment_id: string; status: string; options: { option: string; rating: number | null; comments: string | null }[] }[] };
    };
    const row = body.result.experiments.find((e) => e.experiment_id === id && e.status === 'rated');
    return row ? Object.fromEntries(row.options.map((o) => [o.option, o.rating])) : null;
  }, experimentId);
}

/** Holds every train.rate call until release() is called; the rest of the host answers as usual. */
export async function holdRatings(page: Page) {
  const held: Route[] = [];
  let open = false;
  await page.route('**/rpc/train.rate', async (route) => {
    if (open) return route.continue();
    held.push(route);
  });
  return {
    waitHeld: () => expect.poll(() => held.length).toBeGreaterThan(0),
    async release() {
      open = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

/** Hides the pairs generated ahead, so Enter has nothing to show until the host answers. */
export async function hideUpcoming(page: Page) {
  await page.route('**/rpc/queue.next', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; result?: { upcoming: unknown[] } };
    if (body.result) body.result.upcoming = [];
    await route.fulfill({ response, json: body });
  });
}
