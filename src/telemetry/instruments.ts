// The gateway's metric instruments, through the OpenTelemetry metrics API only. Names follow the
// Prometheus conventions as the exporter writes them (a counter gains `_total`); units are in the
// name and the metadata; label values are bounded: configured sources and stations, enum values
// of the contracts, route templates, never an order id or anything a citizen said.
import { metrics, type MeterProvider } from '@opentelemetry/api';

/** Seconds, from a fast HTTP answer to a long manual dispatch. */
const durationBuckets = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];
const dispatchBuckets = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400, 259_200];
const lagBuckets = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14_400, 43_200];

function create(provider: MeterProvider) {
  const meter = provider.getMeter('hotline-gateway');
  return {
    httpDuration: meter.createHistogram('http_server_request_duration_seconds', {
      description: 'Duration of HTTP server requests (OpenTelemetry http.server.request.duration)',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
    ordersReceived: meter.createCounter('hotline_orders_received', {
      description:
        'Orders pushed by hotline platforms, by source, channel, type and outcome (created, duplicate, conflict, rejected, error)',
    }),
    routingDecisions: meter.createCounter('hotline_routing_decisions', {
      description: 'Routing decisions by rule and decision (auto, triage, manual)',
    }),
    dispatchDuration: meter.createHistogram('hotline_dispatch_duration_seconds', {
      description: 'Time from receipt to dispatch to a station, by decision (auto, manual)',
      unit: 's',
      advice: { explicitBucketBoundaries: dispatchBuckets },
    }),
    slaWarnings: meter.createCounter('hotline_sla_warnings', {
      description: 'SLA warnings emitted, by target',
    }),
    slaBreaches: meter.createCounter('hotline_sla_breaches', {
      description: 'SLA breaches emitted, by target',
    }),
    callbacks: meter.createCounter('hotline_callbacks', {
      description: 'Callback surveys (回访) recorded, by validity and satisfaction',
    }),
    webhookAttempts: meter.createCounter('hotline_webhook_attempts', {
      description: 'Status webhook attempts by outcome (delivered, retry, dead, gone, disabled)',
    }),
    webhookDeadLetters: meter.createCounter('hotline_webhook_dead_letters', {
      description: 'Status webhook deliveries given up (dead letters)',
    }),
    webhookLag: meter.createHistogram('hotline_webhook_delivery_lag_seconds', {
      description: 'Time from an event being projected to its webhook being delivered',
      unit: 's',
      advice: { explicitBucketBoundaries: lagBuckets },
    }),
    dispatchDeadLetters: meter.createCounter('hotline_dispatch_dead_letters', {
      description: 'Cluster: event records the dispatch relay sent to the dead-letter topic',
    }),
    longPollWaiters: meter.createUpDownCounter('hotline_longpoll_waiters', {
      description: 'Station pulls currently held open (long poll)',
    }),
    rateLimited: meter.createCounter('hotline_rate_limit_refusals', {
      description: 'Intake requests refused with 429, by source',
    }),
    storeCommitDuration: meter.createHistogram('hotline_store_commit_duration_seconds', {
      description: 'Embedded store: duration of one group-commit transaction (with its fsync)',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
    storeCommitBatch: meter.createHistogram('hotline_store_commit_batch_size', {
      description: 'Embedded store: writes sharing one group-commit transaction',
      advice: { explicitBucketBoundaries: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
    }),
    kafkaWriteDuration: meter.createHistogram('hotline_kafka_write_duration_seconds', {
      description: 'Cluster: time from handing a record to the producer to its acknowledgement',
      unit: 's',
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
    kafkaWriteTimeouts: meter.createCounter('hotline_kafka_write_timeouts', {
      description: 'Cluster: writes answered 503 because Kafka had not acknowledged in time',
    }),
    reconcilerCompletions: meter.createCounter('hotline_reconciler_completions', {
      description: 'Cluster: half-done writes of dead processes completed by the reconciler',
    }),
    stationPulls: meter.createCounter('hotline_station_pulls', {
      description: 'Inbox pulls by the stations themselves, by station',
    }),
  };
}

export type Instruments = ReturnType<typeof create>;

let cache: { provider: MeterProvider; instruments: Instruments } | undefined;

/** The instruments of the current global meter provider (no-ops until the SDK is installed). */
export function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (cache?.provider !== provider) cache = { provider, instruments: create(provider) };
  return cache.instruments;
}
