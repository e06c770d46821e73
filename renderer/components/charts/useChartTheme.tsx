import { useEffect, useState } from 'react';

// The chart library draws with colours given as values, not CSS: read them from the theme's
// variables, and again when the system switches between light and dark.

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  panel: string;
  band: string;
  series: string[];
}

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: v('--text'),
    muted: v('--muted'),
    grid: v('--line'),
    panel: v('--panel'),
    band: v('--chart-band'),
    series: [1, 2, 3, 4, 5, 6].map((i) => v(`--chart-${i}`)),
  };
}

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: light)');
    const update = () => setTheme(readTheme());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return theme;
}

/** Axis and legend styling shared by every chart, in the theme's readable text colours. */
export function axisProps(theme: ChartTheme) {
  return {
    stroke: theme.grid,
    tick: { fill: theme.text, fontSize: 11 },
    tickLine: { stroke: theme.grid },
  };
}

export function axisLabel(theme: ChartTheme, value: string, axis: 'x' | 'y') {
  return axis === 'x'
    ? { value, position: 'insideBottom' as const, offset: -4, fill: theme.text, fontSize: 12 }
    : { value, angle: -90, position: 'insideLeft' as const, style: { textAnchor: 'middle' as const }, fill: theme.text, fontSize: 12 };
}

/** The legend above the drawing, its labels in the text colour (the library would paint them in the series' colour). */
export function legendProps(theme: ChartTheme) {
  return {
    verticalAlign: 'top' as const,
    wrapperStyle: { fontSize: 12 },
    formatter: (value: string) => <span style={{ color: theme.text }}>{value}</span>,
  };
}
