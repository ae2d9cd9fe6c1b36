// How an order found its station, or why it did not: stored with the order so nobody has to guess later.
import { z } from 'zod';
import { PlaceLevel } from './places.js';

export const RouteRule = z.enum(['division_code', 'address', 'topic', 'manual']);

export const PlaceRef = z.object({
  code: z.string(),
  name: z.string(),
  level: PlaceLevel,
});

export const RouteCandidate = PlaceRef.extend({
  stationId: z.string().optional(),
  matchedText: z.string().optional(),
});

export const RouteDecision = z.object({
  outcome: z.enum(['routed', 'triage']),
  rule: RouteRule.optional().describe('The rule that decided; absent when nothing decided'),
  stationId: z.string().optional(),
  place: PlaceRef.optional().describe('The most specific place the order was resolved to'),
  candidates: z.array(RouteCandidate).default([]).describe('For triage: every place that matched, for the dispatcher'),
  reason: z.string().describe('One sentence a dispatcher can read'),
});
export type RouteDecision = z.infer<typeof RouteDecision>;
export type RouteCandidate = z.infer<typeof RouteCandidate>;
export type PlaceRef = z.infer<typeof PlaceRef>;
