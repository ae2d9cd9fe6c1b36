// The gazetteer and the station directory: operator data that routing reads.
// Division codes follow GB/T 2260 (6 digits: province/city/district) and the
// statistical 12-digit code (digits 7-9 street or town, 10-12 community or village).
import { z } from 'zod';

export const PlaceLevel = z.enum(['province', 'city', 'district', 'street', 'community', 'estate']);
export type PlaceLevel = z.infer<typeof PlaceLevel>;

/** Code patterns per level; estates (小区) have no official code, so they hang off their community's. */
const codePattern: Record<PlaceLevel, RegExp> = {
  province: /^\d{2}0000$/,
  city: /^\d{4}00$/,
  district: /^\d{6}$/,
  street: /^\d{9}$/,
  community: /^\d{12}$/,
  estate: /^\d{12}-[A-Za-z0-9]+$/,
};

export const Place = z
  .object({
    code: z.string().min(2),
    level: PlaceLevel,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    parent: z
      .string()
      .optional()
      .describe('Code of the enclosing place; absent only for provinces'),
  })
  .superRefine((p, ctx) => {
    if (!codePattern[p.level].test(p.code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `"${p.code}" is not a valid ${p.level} code`,
      });
    }
  });
export type Place = z.infer<typeof Place>;

export const Gazetteer = z.object({ places: z.array(Place).min(1) });
export type Gazetteer = z.infer<typeof Gazetteer>;

export const StationKind = z.enum(['grid', 'street', 'department']);

export const Station = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  kind: StationKind.default('grid'),
  covers: z
    .array(z.string())
    .default([])
    .describe('Division codes this station covers; the most specific cover wins'),
});
export type Station = z.infer<typeof Station>;

export const TopicRule = z.object({
  topicPrefix: z
    .array(z.string().min(1))
    .min(1)
    .describe('Matches orders whose topic path starts with these levels'),
  stationId: z.string(),
  withinCode: z.string().optional().describe('Only for orders located inside this division code'),
});
export type TopicRule = z.infer<typeof TopicRule>;

export const StationDirectory = z.object({
  stations: z.array(Station).min(1),
  topicRules: z.array(TopicRule).default([]),
});
export type StationDirectory = z.infer<typeof StationDirectory>;
