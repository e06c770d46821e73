// A word-level diff between two prompts for the Prompts page: longest common subsequence over
// words, compared without case and trailing punctuation ("depth" and "depth," are the same word).

export interface DiffPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0);

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  const key = (w: string) => w.toLowerCase().replace(/[,.;:]+$/, '');
  const ka = a.map(key);
  const kb = b.map(key);
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]; prompts are short, O(n*m) is fine.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = ka[i] === kb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], word: string) => {
    const last = parts.at(-1);
    if (last?.op === op) last.text += ` ${word}`;
    else parts.push({ op, text: word });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (ka[i] === kb[j]) {
      push('same', b[j]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return parts;
}
