// RFC 9457 problem details: the one error shape of every route.
import { z } from 'zod';

export const FieldError = z.object({
  path: z.string().describe('Dotted path of the offending field, e.g. location.divisionCode'),
  message: z.string(),
});

export const Problem = z.object({
  type: z.string().describe('A URI naming the kind of problem'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().describe('Stable machine-readable code'),
  requestId: z.string().optional(),
  errors: z.array(FieldError).optional(),
  state: z.string().optional().describe('For state conflicts: the state the order is in'),
});
export type Problem = z.infer<typeof Problem>;
export type FieldError = z.infer<typeof FieldError>;
