// pino JSON logs. Personal data (citizens' names and phone numbers) and secrets never reach a log
// line: known fields are redacted by path, and every string is scrubbed of phone-like digit runs
// as a second line of defence against a careless log call.
import pino, { type Logger } from 'pino';

const PHONE_LIKE =
  /(?<!\d)(?:\+?86[- ]?)?(?:1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}[- ]?\d{3,4}[- ]?\d{4})(?!\d)/gu;

export function scrubText(s: string): string {
  return s.replace(PHONE_LIKE, (m) => {
    const d = m.replace(/\D/gu, '');
    return `${d.slice(0, 3)}****${d.slice(-4)}`;
  });
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error)
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack ? scrubText(value.stack) : undefined,
    };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

export const redactPaths = [
  'caller',
  '*.caller',
  '*.*.caller',
  'name',
  'phone',
  '*.name',
  '*.phone',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
];

export function createLogger(options: {
  level: string;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'hotline-gateway' },
      redact: { paths: redactPaths, censor: '[masked]' },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    options.destination,
  );
}
