import { trendDescription, trendPoints } from '../stores/historyStore';

const WIDTH = 240;
const HEIGHT = 64;

/** Mean rating per block of 10 samples as a small line; the accessible name carries the numbers. */
export function TrendChart({ trend }: { trend: readonly number[] }) {
  const points = trendPoints(trend, WIDTH, HEIGHT);
  const mid = trendPoints([3], WIDTH, HEIGHT)[0]?.y ?? HEIGHT / 2;
  return (
    <svg className="trend" role="img" aria-label={trendDescription(trend)} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT}>
      <line className="trend-axis" x1={0} x2={WIDTH} y1={mid} y2={mid} />
      {points.length > 1 && <polyline className="trend-line" points={points.map((p) => `${p.x},${p.y}`).join(' ')} />}
      {points.map((p, i) => (
        <circle key={i} className="trend-dot" cx={p.x} cy={p.y} r={2.5} />
      ))}
    </svg>
  );
}
