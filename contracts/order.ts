// The canonical work order: the one shape every vendor format is turned into.
// Field names follow the real 12345 export columns (工单编号, 诉求类型, 问题分类, 来电人 ...).
import { z } from 'zod';
import { freeFormIssue } from './free-form.js';
import { QualityNote } from './quality.js';

export const Channel = z.enum(['phone', 'app', 'web', 'wechat', 'sms', 'email', 'other']);
/** 诉求类型: 咨询, 求助, 投诉, 举报, 建议, 表扬/感谢, 其他. */
export const RequestType = z.enum([
  'consultation',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
  'other',
]);
/** Emergencies (安全隐患, 扬言, outages affecting many homes) run on stricter clocks. */
export const Urgency = z.enum(['normal', 'urgent', 'emergency']);

/** RFC 3339 date-time with an explicit offset; a time without a zone is ambiguous and refused. */
export const OffsetDateTime = z.iso.datetime({ offset: true, local: false });

export const Point = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

export const Location = z
  .object({
    divisionCode: z
      .string()
      .regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a 6, 9 or 12 digit division code')
      .optional()
      .describe('GB/T 2260 or 12-digit statistical division code, when the platform knows it'),
    district: z.string().max(64).optional().describe('被反映区'),
    street: z.string().max(64).optional().describe('被反映街乡镇'),
    community: z.string().max(64).optional().describe('村/社区'),
    address: z.string().max(500).optional().describe('小区点位 / address as written'),
    point: Point.optional(),
  })
  // May be empty: real exports often carry the place only in 主要内容, and the router then reads it
  // from the title and content (issue 18.1). An order is never refused for lacking place fields.
  .describe('Where; may be empty when the title or content says where');

export const Caller = z.object({
  name: z.string().max(64).optional().describe('来电人; personal data, masked in logs and exports'),
  phone: z
    .string()
    .max(32)
    .optional()
    .describe('来电号码; personal data, masked in logs and exports'),
});

export const Attachment = z.object({
  url: z.url({ protocol: /^https?$/ }),
  name: z.string().max(200).optional(),
  contentType: z.string().max(100).optional(),
});

/** What a hotline platform submits. */
export const OrderSubmission = z.object({
  externalId: z.string().min(1).max(64).describe('工单编号 on the hotline platform'),
  channel: Channel.default('phone'),
  type: RequestType,
  topic: z
    .array(z.string().min(1).max(64))
    .min(1)
    .max(6)
    .describe('问题分类 path, top level first'),
  title: z.string().min(1).max(200),
  content: z.string().min(1).max(4000).describe('主要内容'),
  caller: Caller.default({}),
  location: Location.default({}),
  receivedAt: OffsetDateTime.describe('来电时间, with its UTC offset'),
  urgency: Urgency.default('normal'),
  attachments: z.array(Attachment).max(20).default([]),
  handling: z
    .object({
      nature: z
        .enum(['lead', 'assist', 'transfer'])
        .optional()
        .describe('工单性质: 主办 lead, 协办 assist (another unit leads), 转办 transfer'),
      leadUnit: z.string().min(1).max(200).optional().describe('主办单位 named by the platform'),
      assistUnits: z
        .array(z.string().min(1).max(200))
        .max(20)
        .optional()
        .describe(
          '协办单位: units of the station directory (by name or id) are asked for their part at intake',
        ),
    })
    .optional()
    .describe('主办/协办 as the platform sent it (cn-12345: 工单性质, 主办单位, 协办单位)'),
  extra: z
    .record(z.string(), z.unknown())
    .superRefine((extra, ctx) => {
      const issue = freeFormIssue(extra);
      if (issue) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    })
    .default({})
    .describe(
      "The vendor's fields with no canonical home, kept as sent; at most 8 levels deep, 1,000 values and 32 KB",
    ),
});
export type OrderSubmission = z.infer<typeof OrderSubmission>;
export type OrderSubmissionInput = z.input<typeof OrderSubmission>;

/** The canonical order as stored: the submission, normalised, plus the gateway's identity for it. */
export const CanonicalOrder = OrderSubmission.extend({
  id: z.string().describe('Gateway id'),
  source: z.string().describe('Hotline platform that submitted the order'),
  quality: z
    .array(QualityNote)
    .optional()
    .describe(
      'What intake repaired or flagged (charset, traditional characters, pinyin, lost characters ...); absent when nothing',
    ),
});
export type CanonicalOrder = z.infer<typeof CanonicalOrder>;
