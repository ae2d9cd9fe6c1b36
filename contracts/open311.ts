// Open311 GeoReport v2 service definitions: the service list an operator configures
// (open311-services.json) and the attributes (extra questions) a service asks.
import { z } from 'zod';
import { RequestType } from './order.js';

/** A GeoReport v2 service attribute: an extra question the service asks (spec: service definition). */
export const Open311Attribute = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean().default(false),
  description: z.string().min(1).max(200).describe('The question as the citizen reads it'),
  order: z.number().int().min(1).optional(),
  values: z
    .array(z.object({ key: z.string().min(1).max(64), name: z.string().min(1).max(100) }))
    .max(50)
    .optional()
    .describe('For singlevaluelist / multivaluelist: the allowed keys'),
});
export type Open311Attribute = z.infer<typeof Open311Attribute>;

export const Open311Service = z.object({
  service_code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  service_name: z.string().min(1),
  description: z.string().default(''),
  group: z.string().default(''),
  keywords: z.array(z.string()).default([]),
  topic: z.array(z.string().min(1)).min(1).describe('问题分类 path the service maps to'),
  requestType: RequestType.default('report'),
  attributes: z.array(Open311Attribute).max(20).default([]).describe('Extra questions (metadata)'),
});
export type Open311Service = z.infer<typeof Open311Service>;
export const Open311ServicesFile = z.object({ services: z.array(Open311Service).min(1) });
