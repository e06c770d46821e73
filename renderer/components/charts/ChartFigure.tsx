import { useId, type ReactNode } from 'react';

/**
 * One chart with its title as the accessible name and a sentence or two of the same figures as
 * its description: a screen reader reads the summary, not the drawing's stray tick labels.
 */
export function ChartFigure({ title, summary, children, after }: { title: string; summary: string; children: ReactNode; after?: ReactNode }) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId} aria-describedby={summaryId}>
      <h3 id={titleId} className="chart-title">
        {title}
      </h3>
      <div className="chart-drawing" role="img" aria-label={`${title} (chart; the figures are in the summary below)`}>
        {children}
      </div>
      <figcaption id={summaryId} className="chart-summary">
        {summary}
      </figcaption>
      {after}
    </figure>
  );
}
