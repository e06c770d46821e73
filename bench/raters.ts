// `npm run bench:raters`: five simulated trainers rate the same simulated pairs, and the real
// core/raters figures and flags are asked who to flag. Three trainers are honest (noise and an
// individual offset on a latent quality), one answers at random, one always prefers the left side.
// Each pair has a known latent quality per option; about 5 % are gold pairs (one option broken,
// its quality far below the other's) and about 3 % come back later with sides swapped. Every
// trainer sees every pair (full overlap), each showing with its own random side order; answer
// times are log-normal around each trainer's own pace, the same for all five.
// It prints, for one seed, each trainer's figures and flags, then across seeds how often the two
// bad trainers were flagged (detection) and how often an honest one was (false flags).
import { mixSeed, mulberry32 } from '../core/optimizer';
import { flagRaters, raterFigures, type Outcome, type RaterAnswer, type RaterReport } from '../core/raters';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const SEEDS = Number(process.env.BENCH_SEEDS ?? 20);
const GOLD_RATE = 0.05;
const REPEAT_RATE = 0.03;
const HONEST_NOISE = Number(process.env.BENCH_NOISE ?? 0.4);

type Kind = 'honest' | 'random' | 'left';
const TRAINERS: { name: string; kind: Kind }[] = [
  { name: 'honest-1', kind: 'honest' },
  { name: 'honest-2', kind: 'honest' },
  { name: 'honest-3', kind: 'honest' },
  { name: 'random', kind: 'random' },
  { name: 'left', kind: 'left' },
];

function simulate(seed: number, noise = HONEST_NOISE): RaterReport {
  const random = mulberry32(mixSeed(0x4a7e, seed));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const clampRating = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
  const pairs = Array.from({ length: PAIRS }, (_, i) => {
    const gold = random() < GOLD_RATE;
    // A gold pair's intact side is a normal, decent enhancement; its broken side is plainly worse.
    const a = gold ? 3.5 + 0.5 * gauss() : 3 + gauss();
    const brokenIsA = random() < 0.5;
    const b = gold ? a - 2.5 : 3 + gauss();
    return { item: `pair-${i}`, quality: gold && brokenIsA ? [b, a] : [a, b], broken: gold ? (brokenIsA ? 'A' : 'B') : null } as const;
  });
  const answers: RaterAnswer[] = [];
  for (const trainer of TRAINERS) {
    const offset = trainer.kind === 'honest' ? (random() - 0.5) : 0;
    const pace = 9 * (0.7 + 0.7 * random());
    const showings = pairs.map((p) => ({ pair: p, swapped: random() < 0.5 }));
    const repeats = pairs.filter(() => random() < REPEAT_RATE).map((p) => ({ pair: p, swapped: true }));
    for (const [n, showing] of [...showings, ...repeats].entries()) {
      const { pair } = showing;
      // A repeat comes back with the sides its first showing had, swapped.
      const swapped = n >= showings.length ? !showings.find((s) => s.pair === pair)!.swapped : showing.swapped;
      const [left, right] = swapped ? [pair.quality[1]!, pair.quality[0]!] : [pair.quality[0]!, pair.quality[1]!];
      const seenLeft = left + offset + noise * gauss();
      const seenRight = right + offset + noise * gauss();
      let ratingA: number;
      let ratingB: number;
      let outcome: Outcome;
      if (trainer.kind === 'random') {
        ratingA = 1 + Math.floor(5 * random());
        ratingB = 1 + Math.floor(5 * random());
        outcome = (['A', 'B', 'tie', 'both_bad'] as const)[Math.floor(4 * random())]!;
      } else if (trainer.kind === 'left') {
        // Sees the pictures like an honest trainer, but the left one always comes out on top.
        ratingA = clampRating(Math.max(seenLeft, seenRight));
        ratingB = clampRating(Math.min(seenLeft, seenRight));
        outcome = 'A';
      } else {
        ratingA = clampRating(seenLeft);
        ratingB = clampRating(seenRight);
        const diff = seenLeft - seenRight;
        outcome = Math.max(seenLeft, seenRight) < 1.8 ? 'both_bad' : Math.abs(diff) < 0.3 ? 'tie' : diff > 0 ? 'A' : 'B';
      }
      const brokenSide = pair.broken === null ? null : swapped ? (pair.broken === 'A' ? 'B' : 'A') : pair.broken;
      answers.push({
        rater: trainer.name,
        item: pair.item,
        swapped,
        ratingA,
        ratingB,
        outcome,
        seconds: pace * Math.exp(0.4 * gauss()),
        brokenSide,
      });
    }
  }
  return flagRaters(raterFigures(answers, mulberry32(mixSeed(0xb007, seed))));
}

const fmt = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(0)} %`);

const example = simulate(1);
console.log(`bench:raters — ${PAIRS} pairs per trainer, seed 1 (team median ${fmt(example.teamMedianSeconds.value, 1)} s, team rating variance ${fmt(example.teamRatingVariance.value)})`);
console.table(
  example.raters.map((r) => ({
    trainer: r.rater,
    pairs: r.pairs,
    'gold (n)': `${pct(r.gold.value)} (${r.gold.n})`,
    'repeats agree (n)': `${pct(r.selfConsistency.value)} (${r.selfConsistency.n})`,
    'α ordinal [95 %] (values)': `${fmt(r.agreement.value)} [${fmt(r.agreement.low)}–${fmt(r.agreement.high)}] (${r.agreement.values})`,
    'outcome agreement': `${pct(r.outcomeAgreement.value)} [${pct(r.outcomeAgreement.low)}–${pct(r.outcomeAgreement.high)}]`,
    'median s': fmt(r.medianSeconds.value, 1),
    variance: fmt(r.ratingVariance.value),
    'left share (p)': `${pct(r.leftChoice.value)} (${r.leftChoice.p.toExponential(1)})`,
    flags: r.flags.map((f) => f.code).join(', ') || '—',
  })),
);

function acrossSeeds(noise: number) {
  const byKind = { honest: { runs: 0, flagged: 0 }, random: { runs: 0, flagged: 0 }, left: { runs: 0, flagged: 0 } };
  const flagCounts = new Map<string, number>();
  let allCaught = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const report = simulate(seed, noise);
    let caughtThisSeed = true;
    for (const trainer of TRAINERS) {
      const r = report.raters.find((x) => x.rater === trainer.name)!;
      const flagged = r.flags.length > 0;
      byKind[trainer.kind].runs++;
      if (flagged) byKind[trainer.kind].flagged++;
      if ((trainer.kind === 'honest') === flagged) caughtThisSeed = false;
      for (const f of r.flags) flagCounts.set(`${trainer.kind}: ${f.code}`, (flagCounts.get(`${trainer.kind}: ${f.code}`) ?? 0) + 1);
    }
    if (caughtThisSeed) allCaught++;
  }
  return { byKind, flagCounts, allCaught };
}

const { byKind, flagCounts, allCaught } = acrossSeeds(HONEST_NOISE);
const bad = byKind.random.flagged + byKind.left.flagged;
console.log(`\nacross ${SEEDS} seeds (honest noise σ = ${HONEST_NOISE}):`);
console.table({
  'random trainer flagged': `${byKind.random.flagged}/${byKind.random.runs}`,
  'left-side trainer flagged': `${byKind.left.flagged}/${byKind.left.runs}`,
  'detection rate': pct(bad / (byKind.random.runs + byKind.left.runs)),
  'honest trainers flagged (false flags)': `${byKind.honest.flagged}/${byKind.honest.runs}`,
  'false-flag rate (target < 5 %)': pct(byKind.honest.flagged / byKind.honest.runs),
  'seeds with exactly the two bad trainers flagged': `${allCaught}/${SEEDS}`,
});
console.log('flags raised, by trainer kind:');
console.table(Object.fromEntries([...flagCounts].sort()));

// The α threshold is strict for taste: the false-flag rate depends on how noisy honest trainers are.
console.log('sensitivity to the honest trainers\' noise (σ on a 1–5 scale, latent quality σ = 1):');
console.table(
  [0.3, 0.4, 0.5, 0.6].map((noise) => {
    const run = acrossSeeds(noise);
    return {
      'honest noise σ': noise,
      'detection rate': pct((run.byKind.random.flagged + run.byKind.left.flagged) / (run.byKind.random.runs + run.byKind.left.runs)),
      'false-flag rate': pct(run.byKind.honest.flagged / run.byKind.honest.runs),
    };
  }),
);
