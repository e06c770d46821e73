import { z } from 'zod';

// Every string a caller sends passes through one of these. PostgreSQL refuses a NUL in text, so a
// NUL accepted here would be stored on the workstation and then block the sync of everything after
// it; the other control characters are refused with it because no field has a use for them and they
// hide in pasted text. Line breaks and tabs are kept where a person writes paragraphs.

const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function controlCharacterMessage(value: unknown, multiline: boolean): string {
  const text = typeof value === 'string' ? value : '';
  const index = text.search(multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN);
  const code = `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
  if (!multiline && (text[index] === '\n' || text[index] === '\r' || text[index] === '\t')) {
    return `must be a single line without tabs (found ${code} at character ${index + 1}): remove the line break or tab`;
  }
  return `must not contain control characters (found ${code} at character ${index + 1}): delete it, or type the text instead of pasting it`;
}

/**
 * A string of the contract: a single line with no control characters. Chain `.trim()`, `.min()`,
 * `.regex()` and the rest as on `z.string()`.
 */
export function text(params?: { error?: string }) {
  return z
    .string(params)
    .refine((value) => !SINGLE_LINE_FORBIDDEN.test(value), { error: (issue) => controlCharacterMessage(issue.input, false), abort: true });
}

/** Like `text()`, for text a person writes in paragraphs (comments, prompts, notes): line breaks and tabs are allowed. */
export function multilineText(params?: { error?: string }) {
  return z
    .string(params)
    .refine((value) => !MULTI_LINE_FORBIDDEN.test(value), { error: (issue) => controlCharacterMessage(issue.input, true), abort: true });
}
