import type { QueueState } from '../../core/api';
import { nextEvolutionShort } from './evolutionText';
import { bestRatingText, phase1Text, phase2Text, promptText, queueText, samplesText, type TrainStatus } from './statusStore';

// The status line as it fits one row at 1280 px: each item short, its full wording in the tooltip.

export interface StatusItem {
  key: string;
  text: string;
  full: string;
  main?: boolean;
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

function phase1Short(status: TrainStatus): string {
  const p = status.phase_1;
  if (!p.active) return p.stop_rule === null ? 'Phase 1: off' : 'Phase 1: complete';
  const state = p.stage === 'initial-design' ? 'initial design' : p.convergence !== null ? `${percent(p.convergence)} converged` : 'running';
  return p.estimated_trials_remaining === null ? `Phase 1: ${state}` : `Phase 1: ${state}, ~${p.estimated_trials_remaining} to go`;
}

function phase2Short(status: TrainStatus): string {
  const p = status.phase_2;
  if (!p.active) return 'Phase 2: off';
  if (p.ready_for_inference) return p.model_accuracy === null ? 'Phase 2: ready' : `Phase 2: ready, ${percent(p.model_accuracy)}`;
  return `Phase 2: learning (${p.training_samples} samples)`;
}

function bestShort(status: TrainStatus): string {
  const { best_rating: raw, predicted_best_rating: predicted, predicted_interval80: interval } = status.phase_1;
  if (predicted !== null && interval !== null) return `Best: ${predicted.toFixed(1)} predicted (${interval[0].toFixed(1)}–${interval[1].toFixed(1)})`;
  return bestRatingText(status);
}

function promptShort(status: TrainStatus): string {
  const p = status.prompt_evolution;
  const next = p.active ? nextEvolutionShort(p) : null;
  return next === null ? promptText(status) : `Prompt ${p.current_version} · ${next}`;
}

export function statusItems(status: TrainStatus, queue: QueueState | null): StatusItem[] {
  const items: StatusItem[] = [
    { key: 'samples', text: samplesText(status), full: samplesText(status), main: true },
    { key: 'best', text: bestShort(status), full: bestRatingText(status) },
    { key: 'phase1', text: phase1Short(status), full: phase1Text(status) },
    { key: 'phase2', text: phase2Short(status), full: phase2Text(status) },
    { key: 'prompt', text: promptShort(status), full: promptText(status) },
  ];
  if (queue !== null) items.push({ key: 'queue', text: queueText(queue), full: queueText(queue) });
  return items;
}
