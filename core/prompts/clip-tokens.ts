// Stable Diffusion reads a prompt through CLIP's text encoder: a 77-token window, of which the start
// and end markers take two, so 75 tokens of prompt count and the rest is silently cut. CLIP's
// tokenizer lower-cases, splits words, single digits and punctuation runs, then applies BPE. Without
// its 49,408-entry vocabulary this estimates the BPE step: one token per word of up to 8 letters,
// one more per further 8 letters ("photorealistic" = photo + realistic). Common long words are a
// single token in the real vocabulary, so the estimate errs towards more tokens: a prompt it passes
// fits.

export const CLIP_WINDOW = 77;
export const CLIP_PROMPT_TOKENS = CLIP_WINDOW - 2;

const PIECES = /'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+/gu;

const tokensOfPiece = (piece: string): number => (/^\p{L}+$/u.test(piece) ? 1 + Math.floor((piece.length - 1) / 8) : 1);

export interface ClipEstimate {
  tokens: number;
  /** The character offset where the 75th token ends, when the prompt is longer; null when it fits. */
  cutAt: number | null;
}

export function estimateClipTokens(prompt: string, limit = CLIP_PROMPT_TOKENS): ClipEstimate {
  let tokens = 0;
  let cutAt: number | null = null;
  for (const match of prompt.toLowerCase().matchAll(PIECES)) {
    const next = tokens + tokensOfPiece(match[0]);
    if (cutAt === null && next > limit) cutAt = match.index;
    tokens = next;
  }
  return { tokens, cutAt };
}
