// This layer reads English. A clause in another language is refused, because its meaning cannot
// be judged here, unless every word is on a short list of rendering terms in French, Spanish,
// German and Italian ("éclairage naturel", "enfoque nítido"); then it passes with a warning.

const FOREIGN_FUNCTION_WORDS = new Set(
  `de del la el los las le les des du un une en et y mit und der die das ein eine einen con il lo gli della di avec sans
  ohne sin senza per por para pour sur auf mehr très muy più sehr al au aux ou oder o och och und zu im am`.split(/\s+/),
);

const FOREIGN_QUALITY = new Set(
  `éclairage lumière naturel naturelle net nette netteté photoréaliste réaliste réalistes ombres douces reflets détaillé
  iluminación luz natural enfoque nítido nítida fotorrealista realista sombras suaves reflejos detallado
  licht natürliches natürlich natürlicher beleuchtung scharf schärfe fotorealistisch realistisch realistische weiche
  schatten spiegelungen detailliert illuminazione luce naturale nitido nitida fotorealistico realistico realistica
  ombre morbide riflessi dettagliato`.split(/\s+/),
);

export type Language = 'english' | 'foreign_quality' | 'foreign';

/**
 * Which language a clause reads as. `known(word)` says whether the English vocabulary has the word;
 * a clause with no English word at all ("rotes Ledersofa") is not English either.
 */
export function languageOf(words: readonly string[], known: (word: string) => boolean): Language {
  const letters = words.filter((w) => /\p{L}/u.test(w) && !/\d/.test(w));
  if (letters.length === 0) return 'english';
  const nonLatin = letters.some((w) => /[^\p{Script=Latin}]/u.test(w));
  const accented = letters.some((w) => /[^a-z]/.test(w) && !known(w));
  const functionWords = letters.some((w) => FOREIGN_FUNCTION_WORDS.has(w) && !known(w));
  // One unknown word is read as English ("montage"); two with none known are not ("rotes Ledersofa").
  const noEnglish = letters.length > 1 && letters.every((w) => !known(w));
  if (!nonLatin && !accented && !functionWords && !noEnglish) return 'english';
  return letters.every((w) => FOREIGN_QUALITY.has(w) || FOREIGN_FUNCTION_WORDS.has(w)) ? 'foreign_quality' : 'foreign';
}
