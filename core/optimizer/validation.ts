import { OUTCOMES, PARAMETER_RANGES, type Outcome } from '../api';
import { CONTINUOUS_DIMENSIONS, type CanonicalPoint, type OptimizerSpace } from './space';

/**
 * Checks at the optimizer's boundary. Each message names the offending entry and what is accepted,
 * and a batch is checked whole before anything is stored, so a refused call changes nothing.
 */

export function checkPoint(space: OptimizerSpace, point: CanonicalPoint, where: string): void {
  if (typeof point !== 'object' || point === null) throw new Error(`${where}: expected a point, got ${String(point)}.`);
  if (!space.providers.includes(point.provider)) {
    throw new Error(`${where}: provider "${String(point.provider)}" is not in this optimizer's space (${space.providers.join(', ')}).`);
  }
  for (const dimension of CONTINUOUS_DIMENSIONS) {
    const value = point[dimension];
    const { min, max } = PARAMETER_RANGES[dimension];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`${where}: ${dimension} must be a finite number, got ${String(value)}.`);
    }
    if (value < min || value > max) throw new Error(`${where}: ${dimension} ${value} lies outside [${min}, ${max}].`);
  }
}

function checkWeight(weight: unknown, where: string): void {
  if (weight === undefined) return;
  if (typeof weight !== 'number' || !(weight > 0 && weight <= 1)) {
    throw new Error(`${where}: weight must be a number in (0, 1] (the rater's reliability), got ${String(weight)}.`);
  }
}

function checkRater(rater: unknown, where: string): void {
  if (typeof rater !== 'string' || rater.trim() === '') throw new Error(`${where}: rater must be a non-empty string.`);
}

export function checkRating(
  space: OptimizerSpace,
  observation: { point: CanonicalPoint; rating: number; rater: string; weight?: number },
  where: string,
): void {
  checkPoint(space, observation.point, where);
  const { rating } = observation;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new Error(`${where}: rating must be an integer from 1 to 5, got ${String(rating)}.`);
  }
  checkWeight(observation.weight, where);
  checkRater(observation.rater, where);
}

export function checkPreference(
  space: OptimizerSpace,
  observation: { a: CanonicalPoint; b: CanonicalPoint; outcome: Outcome; rater: string; weight?: number; ratings?: { a: number; b: number } },
  where: string,
): void {
  checkPoint(space, observation.a, `${where} (option A)`);
  checkPoint(space, observation.b, `${where} (option B)`);
  if (!(OUTCOMES as readonly string[]).includes(observation.outcome)) {
    throw new Error(`${where}: outcome must be one of ${OUTCOMES.join(', ')}, got ${String(observation.outcome)}.`);
  }
  if (observation.ratings !== undefined) {
    for (const side of ['a', 'b'] as const) {
      const rating = observation.ratings?.[side];
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
        throw new Error(`${where}: ratings.${side} must be an integer from 1 to 5 (the round's rating of option ${side.toUpperCase()}), got ${String(rating)}.`);
      }
    }
  }
  checkWeight(observation.weight, where);
  checkRater(observation.rater, where);
}
