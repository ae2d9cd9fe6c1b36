// Where the auditor is looking: a path from their whole scope down to a district, a street and a
// station (the drill-down), and the API filter that path means.
import type { RankBy, UnitFilter } from './data.js';

export interface Step {
  level: RankBy;
  code: string;
  name: string;
}

export class DrillPath {
  private steps: Step[] = [];

  /** A scoped reader starts inside their district or street and can never go above it. */
  constructor(private readonly root: Step[] = []) {
    this.steps = [...root];
  }

  get path(): readonly Step[] {
    return this.steps;
  }
  get last(): Step | undefined {
    return this.steps.at(-1);
  }
  get rootDepth(): number {
    return this.root.length;
  }

  push(step: Step): void {
    // Drilling from a ranking by station at the top goes straight to that station.
    this.steps = [...this.steps.filter((s) => order(s.level) < order(step.level)), step];
  }

  /** Back to the step at `index` (-1: the top of the reader's scope). */
  upTo(index: number): void {
    this.steps = this.steps.slice(0, Math.max(index + 1, this.root.length));
  }

  /** The filter for figures, rankings and exports: the deepest unit only. */
  filter(): UnitFilter {
    const s = this.last;
    return s ? { [s.level]: s.code } : {};
  }

  /** The division code for the overdue and unsatisfied lists (a station has none: its street's). */
  placeCode(): string | undefined {
    return [...this.steps].reverse().find((s) => s.level !== 'station')?.code;
  }

  /** Ranking units one can still drill into below where one is. */
  choices(): RankBy[] {
    const depth = this.last ? order(this.last.level) : -1;
    return (['district', 'street', 'station'] as const).filter((b) => order(b) > depth);
  }
}

const order = (level: RankBy): number => ['district', 'street', 'station'].indexOf(level);
