export type Side = 'A' | 'B';
export type Outcome = 'A' | 'B' | 'tie' | 'both_bad';

/**
 * One effective rating as the trainer saw it: A is the left pane, B the right. `item` names the
 * pair's content, so a repeat (shown again later, sides swapped) or another trainer's copy of a
 * pair shares its original's item; `swapped` says this showing put the item's B on the left.
 */
export interface RaterAnswer {
  rater: string;
  item: string;
  swapped: boolean;
  ratingA: number;
  ratingB: number;
  outcome: Outcome;
  /** shown_at → answered_at; null when the showing time was not recorded. */
  seconds: number | null;
  /** For a gold pair, the side (as shown) that was deliberately broken; null otherwise. */
  brokenSide: Side | null;
  /** The item was offered to a second trainer through the server (this is its original or its copy). */
  overlap?: boolean;
}
