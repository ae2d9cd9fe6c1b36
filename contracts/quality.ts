// Quality flags: what intake did to an order's text and bytes, so nobody mistakes repaired text for
// what the citizen said, and auditors know when to fetch the original bytes.
import { z } from 'zod';

export const QualityFlag = z.enum([
  'charset_detected',
  'charset_declared_wrong',
  'field_names_traditional',
  'traditional_converted',
  'pinyin_removed',
  'html_stripped',
  'fullwidth_folded',
  'mojibake_repaired',
  'mojibake_suspected',
  'lost_characters',
]);
export type QualityFlag = z.infer<typeof QualityFlag>;

export const QualityNote = z.object({
  flag: QualityFlag,
  field: z
    .string()
    .describe(
      '"body" for the request as a whole, else the canonical field path, e.g. content or location.address',
    ),
  detail: z.string().optional().describe('e.g. the charset declared and the one found'),
});
export type QualityNote = z.infer<typeof QualityNote>;

/** Flags that mean text may differ from what was said and was not (or not fully) repaired. */
export const unrepairedFlags: readonly QualityFlag[] = ['mojibake_suspected', 'lost_characters'];
