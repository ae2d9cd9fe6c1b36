// The telemetry settings, parsed once at start like the rest of the environment: a bad value stops
// the gateway with a message naming the variable. Kept beside the telemetry code (not in
// src/config/env.ts) so the OpenTelemetry variables stay the SDK's standard names.
import { z } from 'zod';
import { issueLines } from '../domain/zod-issues.js';

const Url = z.url({ protocol: /^https?$/ });

export const TelemetryEnv = z.object({
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: no tracer provider at all (spans are no-ops; metrics stay on)'),
  OTEL_EXPORTER_OTLP_ENDPOINT: Url.optional().describe(
    'OTLP/HTTP base URL; traces go to <endpoint>/v1/traces. Unset: spans are never exported',
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Url.optional().describe('Full OTLP/HTTP traces URL'),
  OTEL_SERVICE_NAME: z.string().min(1).default('hotline-gateway'),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .describe('Serve /metrics on this port (on HOST) instead of the API port, without a key'),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe(
      'Bearer token Prometheus sends for /metrics on the API port (an admin key works too)',
    ),
});
export type TelemetryEnv = z.infer<typeof TelemetryEnv>;

export class TelemetryEnvError extends Error {}

export function parseTelemetryEnv(source: Record<string, string | undefined>): TelemetryEnv {
  const picked = Object.fromEntries(
    Object.keys(TelemetryEnv.shape)
      .map((k) => [k, source[k] === '' ? undefined : source[k]] as const)
      .filter(([, v]) => v !== undefined),
  );
  const parsed = TelemetryEnv.safeParse(picked);
  if (parsed.success) return parsed.data;
  throw new TelemetryEnvError(
    `Invalid environment:\n${issueLines(parsed.error)
      .map((l) => `- ${l}`)
      .join('\n')}`,
  );
}

/** Where spans go: the traces URL, or the base endpoint's /v1/traces; undefined: nowhere. */
export function tracesUrl(env: TelemetryEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}
