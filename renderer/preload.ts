import type { ApiClient, ExperimentView } from '../core/api';

// How many decoded images to hold: the upcoming pairs' options, with room for one refresh.
const KEEP = 8;

/**
 * Fetches and decodes the images of the pairs waiting after the current one, so that after a
 * submit the next pair paints at once instead of loading two large images while the host is busy
 * generating the refill. Image URLs are content-addressed and cached by the browser.
 */
export function createImagePreloader(api: ApiClient) {
  const held = new Map<string, HTMLImageElement>();
  return (experiments: ExperimentView[]): void => {
    for (const experiment of experiments) {
      for (const option of experiment.options) {
        const sha = option.image?.sha256;
        if (!sha || held.has(sha)) continue;
        const image = new Image();
        image.src = api.imageUrl(sha);
        image.decode().catch(() => held.delete(sha));
        held.set(sha, image);
      }
    }
    while (held.size > KEEP) held.delete(held.keys().next().value!);
  };
}
