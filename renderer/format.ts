import type { Outcome, Parameters } from '../core/api';

// How values read on screen; shared by the Train and History pages.

const PARAMETER_NAMES: Record<string, string> = {
  init_strength: 'Init strength',
  strength: 'Strength',
  guidance_scale: 'Guidance',
  controlnet_weight: 'ControlNet',
  controlnet_conditioning_scale: 'ControlNet',
};

/** The numeric parameters, named as in the seed's layout ("Init Strength: 0.28"). */
export function parameterRows(parameters: Parameters): { name: string; value: string }[] {
  return Object.entries(parameters)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([key, value]) => ({ name: PARAMETER_NAMES[key] ?? key, value: value.toFixed(2) }));
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  A: 'A better',
  B: 'B better',
  tie: 'Tie',
  both_bad: 'Both bad',
};

/** Local date and time to the minute: enough to find a round again, short enough for a table cell. */
export function shortDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
