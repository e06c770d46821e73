export { ratingTrend, type TrendPoint } from './trend';
export { groupMeans, meanInterval95, t975, type Bounds, type MeanInterval } from './intervals';
export { BREAK_MS, teamThroughput, throughput, type Answer, type RaterThroughput, type TeamThroughput } from './throughput';
