// Cluster mode does not keep the auditors' metrics rollups yet (they live in the embedded SQLite
// store): the metrics routes answer 503 with this reason instead of figures from one process only.
import { DomainError } from '../../src/domain/errors.js';
import type { MetricsStore } from '../../src/ports/metrics-store.js';

const refuse = (): Promise<never> => Promise.reject(new DomainError('unavailable', 'Metrics rollups are not available in cluster mode yet; run the figures on the embedded gateway or wait for the Redis rollups'));

export const noClusterMetrics: MetricsStore = { counters: refuse, histogram: refuse };
