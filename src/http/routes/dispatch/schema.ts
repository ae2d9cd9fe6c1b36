// What the dispatcher console reads: the work queues (triage, returns to review, extension requests,
// overdue orders), each order with the places a dispatcher can send it to, ready to show.
import { z } from 'zod';
import { PlaceLevel } from '../../../../contracts/places.js';
import { OrderView } from '../../../../contracts/views.js';

export const DispatchCandidate = z.object({
  code: z.string().describe('Division code of the place'),
  name: z.string(),
  level: PlaceLevel,
  line: z
    .array(z.string())
    .describe('The place and its ancestors by name, from the province down (the full line)'),
  matchedText: z.string().optional().describe('The words of the address that named this place'),
  stationId: z.string().optional().describe('The station covering the place, if any'),
  stationName: z.string().optional(),
  inHomeRegion: z
    .boolean()
    .describe("Inside the hotline source's home region; such candidates are listed first"),
  eligible: z
    .boolean()
    .describe('false: no station covers it, or its station returned the order as 属地不符'),
});
export type DispatchCandidate = z.infer<typeof DispatchCandidate>;

export const DispatchItem = z.object({
  order: OrderView,
  candidates: z
    .array(DispatchCandidate)
    .describe('Where the order could go, home region first (triage and returns only)'),
});

export const DispatchQueue = z.object({
  items: z.array(DispatchItem),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null at the end'),
  truncated: z
    .boolean()
    .optional()
    .describe('Extension requests only: the scan stopped at its bound; more may be waiting'),
});
export type DispatchQueue = z.infer<typeof DispatchQueue>;

export const QueueQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
