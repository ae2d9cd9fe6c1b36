// How the dashboard writes figures: rates as percentages with one decimal, the composite as a score
// out of 100, and a dash where a figure cannot be computed (no valid callback).
import { fmt, messages } from '../lib/messages.js';

export function percent(rate: number | null | undefined): string {
  const m = messages<'audit'>().audit;
  return rate === null || rate === undefined
    ? m.none
    : fmt(m.percent, { n: (rate * 100).toFixed(1) });
}

export function score(composite: number | null | undefined): string {
  const m = messages<'audit'>().audit;
  return composite === null || composite === undefined
    ? m.none
    : fmt(m.kpis.score, { n: (composite * 100).toFixed(1) });
}

/** A table cell's number, right-aligned by the stylesheet. */
export const num = (n: number | string): { class: string; text: string } => ({
  class: 'num',
  text: String(n),
});
