// The seed's `analyzeCommonIssues(recentExperiments)`: what the comments on low-rated options
// (rating <= 2) of recent experiments complain about, most frequent first. Comments are free text
// from trainers, so known complaints are matched by their usual wordings (the seed names three:
// flat/montage appearance, lack of depth, unrealistic lighting); words that recur outside those
// wordings are reported as they were written, so nothing a trainer said repeatedly is lost.

export const LOW_RATING = 2;
export const RECENT_EXPERIMENTS = 10;

export interface CommentedOption {
  experiment_id: string;
  rating: number;
  comment: string;
}

export interface Issue {
  issue: string;
  /** How many low-rated options mention it. */
  count: number;
}

const KNOWN_ISSUES: readonly { issue: string; pattern: RegExp }[] = [
  { issue: 'Flat/montage appearance', pattern: /\b(flat|montage|collage|pasted|cut[- ]?out|photoshopped|composited?)\b/ },
  { issue: 'Lack of depth', pattern: /\b(no|lacks?|lacking|without|little|missing) depth\b|\bdepth(less)?\b|\bshallow\b|\b2d\b/ },
  { issue: 'Unrealistic lighting', pattern: /\b(light|lighting|lit|shadows?|highlights?|exposure|overexposed|underexposed|dark|gloomy)\b/ },
  { issue: 'Blurry or soft details', pattern: /\b(blurr?y|blur|soft|smudged?|out of focus|unsharp|mushy)\b/ },
  { issue: 'Noise or grain', pattern: /\b(noisy|noise|grainy|grain|artefacts?|artifacts?|speckled?)\b/ },
  { issue: 'Oversaturated or wrong colours', pattern: /\b(oversaturated|saturated|garish|neon|colou?rs? (are |look )?(off|wrong)|colou?r cast|too (warm|cool|yellow|blue|orange))\b/ },
  { issue: 'Distorted or warped geometry', pattern: /\b(distorted|warped|bent|wobbly|deformed|crooked|melted|skewed)\b/ },
  { issue: 'Plastic or CGI look', pattern: /\b(plastic|cgi|cg|render(ed)?[- ]look|fake|artificial|video ?game|cartoon(ish|y)?|unreal)\b/ },
  { issue: 'Fake textures', pattern: /\b(textures?|materials? look|surfaces? look)\b/ },
  { issue: 'Over-sharpened halos', pattern: /\b(halos?|oversharpened|over-sharpened|crunchy|fried)\b/ },
];

const STOPWORDS = new Set(
  'a an and are as at be but by for from has have in is it its looks look of on or so the this that to too very was with not no bit quite really just more less'.split(' '),
);

/** Recurring words of a comment outside the known wordings, for the "as written" part. */
function looseWords(comment: string): string[] {
  return comment
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 3 && !STOPWORDS.has(w));
}

/**
 * The top issues of the low-rated options among `options` (already limited to recent experiments),
 * each counted once per option, most frequent first; ties keep the catalogue's order.
 */
export function analyzeCommonIssues(options: readonly CommentedOption[], limit = 5): Issue[] {
  const low = options.filter((o) => o.rating <= LOW_RATING && o.comment.trim().length > 0);
  const counts = new Map<string, number>();
  const loose = new Map<string, number>();
  for (const option of low) {
    const text = option.comment.toLowerCase();
    let matched = false;
    for (const known of KNOWN_ISSUES) {
      if (known.pattern.test(text)) {
        counts.set(known.issue, (counts.get(known.issue) ?? 0) + 1);
        matched = true;
      }
    }
    if (!matched) for (const word of new Set(looseWords(text))) loose.set(word, (loose.get(word) ?? 0) + 1);
  }
  const issues: Issue[] = KNOWN_ISSUES.filter((k) => counts.has(k.issue)).map((k) => ({ issue: k.issue, count: counts.get(k.issue)! }));
  // A word from unmatched comments counts as an issue once two options share it.
  for (const [word, count] of loose) if (count >= 2) issues.push({ issue: `"${word}" (trainers' word)`, count });
  return issues.sort((a, b) => b.count - a.count).slice(0, limit);
}
