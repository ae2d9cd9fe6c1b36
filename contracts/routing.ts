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

/** The levels an address is read into; building, unit and room ride along but do not route. */
export const AddressLevel = z.enum([
  'province',
  'city',
  'district',
  'street',
  'community',
  'estate',
  'building',
  'unit',
  'room',
]);

export const MatchedLevel = z.object({
  level: AddressLevel,
  text: z
    .string()
    .describe('The words in the address that named this level (folded: simplified, half-width)'),
  code: z
    .string()
    .optional()
    .describe('Division code the words were matched to; absent for building, unit and room'),
  name: z.string().optional().describe('Official or operator name of that place'),
});

export const RouteBasis = z.enum(['unique', 'home_region']);

export const RouteDecision = z.object({
  outcome: z.enum(['routed', 'triage']),
  rule: RouteRule.optional().describe('The rule that decided; absent when nothing decided'),
  stationId: z.string().optional(),
  place: PlaceRef.optional().describe('The most specific place the order was resolved to'),
  candidates: z
    .array(RouteCandidate)
    .default([])
    .describe('For triage: every place that matched, for the dispatcher'),
  reason: z.string().describe('One sentence a dispatcher can read'),
  matchedCode: z
    .string()
    .optional()
    .describe('The division code the order was resolved to, by its code or its address'),
  levels: z
    .array(MatchedLevel)
    .optional()
    .describe('For the address rule: what the text said at each level, and what it matched'),
  basis: RouteBasis.optional().describe(
    "For the address rule: unique = the only place consistent with the text; home_region = the only one of equally good places inside the source's home region",
  ),
  candidatesOmitted: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('For triage: equally good places left out of candidates to keep the list readable'),
});
export type RouteDecision = z.infer<typeof RouteDecision>;
export type RouteCandidate = z.infer<typeof RouteCandidate>;
export type PlaceRef = z.infer<typeof PlaceRef>;
export type MatchedLevel = z.infer<typeof MatchedLevel>;
