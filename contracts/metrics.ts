// The auditors' figures: the assessment configuration (weights, the 基本满意 factor, the period) and
// the answers for a period and a scope. Definitions follow DOMAIN.md "The three rates".
import { z } from 'zod';
import { RequestType } from './order.js';

export const AssessmentConfig = z.object({
  version: z
    .string()
    .min(1)
    .describe('Named in every answer, so figures can be traced to the rules that made them'),
  name: z
    .string()
    .min(1)
    .optional()
    .describe(
      'What people call it (2026年度考核口径): the pages and CSVs show it; the version when absent',
    ),
  weights: z
    .object({
      response: z.number().min(0),
      resolution: z.number().min(0),
      satisfaction: z.number().min(0),
    })
    .describe('Composite = weighted sum of the three rates'),
  basicallySatisfiedFactor: z.number().min(0).max(1).default(0.9),
  period: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('calendar_month') }),
    z.object({
      kind: z.literal('offset_month'),
      startDay: z
        .number()
        .int()
        .min(2)
        .max(28)
        .describe('e.g. 19: the period "2026-03" runs 02-19 .. 03-18'),
    }),
  ]),
  /** 重办 policy for an unsatisfied valid callback. */
  reopenOnUnsatisfied: z.enum(['when_attributed', 'always', 'never']).default('when_attributed'),
  /**
   * 重复件 in the figures: once (also when absent) counts a matter once, under its lead order, and a
   * repeat linked to it adds nothing; each counts every repeat as an order of its own.
   */
  duplicates: z.enum(['once', 'each']).optional(),
  /**
   * 协办 in the figures: lead_only (also when absent) credits the order to its lead station only;
   * credited also counts each assisting part in its own station's on-time 签收 and 办结 figures
   * (accepted / reported, on time by the part's own deadlines). A part closed by a dispatcher
   * without a report counts no 办结.
   */
  assists: z.enum(['lead_only', 'credited']).optional(),
});
export type AssessmentConfig = z.infer<typeof AssessmentConfig>;

export const ScopeLevel = z.enum(['all', 'district', 'street', 'station']);

export const Rates = z.object({
  validCallbacks: z.number().int(),
  responseRate: z.number().nullable().describe('contacted / valid callbacks'),
  resolutionRate: z.number().nullable().describe('solved / valid callbacks'),
  satisfactionRate: z
    .number()
    .nullable()
    .describe('(satisfied + factor × basically satisfied) / valid callbacks'),
  composite: z.number().nullable(),
});

export const SupervisionFigures = z
  .object({
    urgedOrders: z
      .number()
      .int()
      .describe('催办件数: orders urged at least once in the period, by the policy or by hand'),
    urges: z.number().int().describe('催办次数: every 催办 notice of the period'),
    supervisedOrders: z
      .number()
      .int()
      .describe('督办件数: orders a supervisor put under 督办 by hand in the period'),
    escalatedToStreet: z
      .number()
      .int()
      .describe('升级至街道: orders the policy escalated to the street supervisor in the period'),
    escalatedToDistrict: z
      .number()
      .int()
      .describe('升级至区级: orders the policy escalated to the district supervisor in the period'),
  })
  .describe(
    '督办: counted in the period it happened, under the station urged or holding the order then; an order counts once per kind in a period',
  );
export type SupervisionFigures = z.infer<typeof SupervisionFigures>;

export const Figures = Rates.extend({
  scope: z.object({ level: ScopeLevel, code: z.string().optional(), name: z.string().optional() }),
  period: z.object({ id: z.string(), from: z.string(), to: z.string() }),
  config: z.object({
    version: z.string(),
    name: z.string().describe("The configuration's name for people (its version when it has none)"),
    weights: AssessmentConfig.shape.weights,
    basicallySatisfiedFactor: z.number(),
    period: z.string(),
    slaPolicy: z.string(),
  }),
  filters: z.object({ type: z.array(RequestType).optional(), topic: z.string().optional() }),
  onTimeAcceptanceRate: z.number().nullable(),
  onTimeResolutionRate: z.number().nullable(),
  returnRate: z.number().nullable().describe('orders returned at least once / orders received'),
  returnReview: z
    .object({
      awaitingReview: z.number().int().describe('returns still waiting for a dispatcher'),
      accepted: z.number().int().describe('returns a dispatcher accepted (re-routed)'),
      rejected: z.number().int().describe('returns a dispatcher rejected (sent back)'),
    })
    .describe(
      '退单审核: returns made in the period, by the station that returned them, and how they were reviewed',
    ),
  supervision: SupervisionFigures,
  reopenRate: z.number().nullable().describe('orders reopened / orders received'),
  extensionRate: z
    .number()
    .nullable()
    .describe('orders with an extension request / orders received'),
  responseHours: z
    .object({
      count: z.number().int(),
      mean: z.number().nullable(),
      median: z.number().nullable(),
      p90: z.number().nullable(),
    })
    .describe('call → first contact, in working hours'),
  resolutionHours: z
    .object({
      count: z.number().int(),
      mean: z.number().nullable(),
      median: z.number().nullable(),
      p90: z.number().nullable(),
    })
    .describe('call → resolution, in working hours'),
  volumes: z.object({ received: z.number().int(), byType: z.record(z.string(), z.number().int()) }),
});
export type Figures = z.infer<typeof Figures>;

export const RankingRow = Rates.extend({
  rank: z
    .number()
    .int()
    .nullable()
    .describe('From 1 by composite; null: no valid callback to rank by (listed after the ranked)'),
  code: z.string(),
  name: z
    .string()
    .describe(
      "The unit's name; a name two rows share has its parent's before it (朝阳区 东湖街道)",
    ),
  received: z.number().int(),
  supervision: SupervisionFigures,
});
export const Ranking = z.object({
  period: Figures.shape.period,
  by: z.enum(['district', 'street', 'station']),
  config: Figures.shape.config,
  rows: z.array(RankingRow),
});
export type Ranking = z.infer<typeof Ranking>;
