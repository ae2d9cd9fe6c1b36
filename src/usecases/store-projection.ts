// What the order stores keep beside each view, from one SLA assessment of it: the due-time index
// entry and figures, the auditors' rollup contribution, and the division code it is counted under.
// The wiring hands it to the store once, so a write calls into the core once and assesses once.
import type { AssessmentConfig } from '../../contracts/metrics.js';
import { contributions, type ContributionContext } from '../domain/metrics/contribution.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import type { SlaSummary } from '../../contracts/sla.js';
import { measureFor } from '../domain/sla/clocks.js';
import type { Projection, StoredFigure } from '../ports/order-store.js';
import { orderPlaceCode, stationCode } from './place-code.js';
import type { SlaEngine } from './sla.js';

export interface ProjectionParts {
  sla: SlaEngine;
  /** Stations' covered places (counting and scoping); absent: an order counts under its routed place. */
  places?: PlaceIndex;
  /** How the auditors' figures are counted; absent: no rollups kept. */
  assessment?: AssessmentConfig;
}

/** What the rollups need to turn a view into contributions (also the metrics engine's). */
export function contributionContext(
  assessment: AssessmentConfig,
  sla: SlaEngine,
  places: PlaceIndex | undefined,
): ContributionContext {
  return {
    config: assessment,
    utcOffsetMinutes: sla.calendar.offsetMs / 60_000,
    workingHours: measureFor('working_hours', sla.calendar, sla.policy.workingHours),
    stationCode: (id) => (places ? stationCode(places, id) : undefined),
  };
}

/** The figures as the store keeps them: a stopped target met or late, an open one overdue or not. */
function storedFigures(summary: SlaSummary): StoredFigure[] {
  return summary.figures.map((f) => ({
    target: f.target,
    cycle: f.cycle,
    status: f.stoppedAt ? (f.met ? 'met' : 'late') : f.status === 'breached' ? 'overdue' : 'open',
    dueAt: f.dueAt,
  }));
}

export function storeProjection(parts: ProjectionParts): Projection {
  const { sla, places, assessment } = parts;
  const ctx = assessment ? contributionContext(assessment, sla, places) : undefined;
  return (view) => {
    const { summary, fires } = sla.assess(view);
    return {
      nextFireAt: fires[0]?.at ?? null,
      figures: storedFigures(summary),
      ...(ctx ? { contributions: contributions(view, summary, ctx) } : {}),
      ...(places ? { placeCode: orderPlaceCode(places, view) } : {}),
    };
  };
}
