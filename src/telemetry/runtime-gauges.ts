// Node runtime metrics with the names Prometheus users know from prom-client's defaults
// (process_*, nodejs_*): memory, CPU, event-loop delay and utilisation, open handles. Node-only.
import { metrics, type ObservableResult } from '@opentelemetry/api';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** Starts sampling; the returned function stops it and removes the callbacks. */
export function observeRuntime(): () => void {
  const meter = metrics.getMeter('hotline-gateway');
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  const startSeconds = Math.round(Date.now() / 1000 - process.uptime());

  const gauges = {
    rss: meter.createObservableGauge('process_resident_memory_bytes', {
      description: 'Resident set size',
      unit: 'By',
    }),
    heapUsed: meter.createObservableGauge('nodejs_heap_size_used_bytes', {
      description: 'V8 heap in use',
      unit: 'By',
    }),
    heapTotal: meter.createObservableGauge('nodejs_heap_size_total_bytes', {
      description: 'V8 heap allocated',
      unit: 'By',
    }),
    cpu: meter.createObservableCounter('process_cpu_seconds', {
      description: 'CPU time used by the process (user and system)',
      unit: 's',
    }),
    start: meter.createObservableGauge('process_start_time_seconds', {
      description: 'When the process started (Unix seconds)',
      unit: 's',
    }),
    lagP99: meter.createObservableGauge('nodejs_eventloop_delay_p99_seconds', {
      description: 'Event-loop delay, 99th percentile since the previous scrape',
      unit: 's',
    }),
    utilization: meter.createObservableGauge('nodejs_eventloop_utilization_ratio', {
      description: 'Share of time the event loop was busy since the previous scrape',
    }),
    handles: meter.createObservableGauge('nodejs_active_resources', {
      description: 'Active handles and requests keeping the event loop alive',
    }),
  };
  const callbacks: [keyof typeof gauges, (r: ObservableResult) => void][] = [
    ['rss', (r) => r.observe(process.memoryUsage.rss())],
    ['heapUsed', (r) => r.observe(process.memoryUsage().heapUsed)],
    ['heapTotal', (r) => r.observe(process.memoryUsage().heapTotal)],
    [
      'cpu',
      (r) => {
        const u = process.cpuUsage();
        r.observe((u.user + u.system) / 1e6);
      },
    ],
    ['start', (r) => r.observe(startSeconds)],
    [
      'lagP99',
      (r) => {
        r.observe(delay.percentile(99) / 1e9);
        delay.reset();
      },
    ],
    [
      'utilization',
      (r) => {
        const now = performance.eventLoopUtilization();
        r.observe(performance.eventLoopUtilization(now, elu).utilization);
        elu = now;
      },
    ],
    ['handles', (r) => r.observe(process.getActiveResourcesInfo().length)],
  ];
  for (const [name, cb] of callbacks) gauges[name].addCallback(cb);
  return () => {
    for (const [name, cb] of callbacks) gauges[name].removeCallback(cb);
    delay.disable();
  };
}
