// The in-memory token bucket passes the shared RateLimiter contract (the Redis one runs it too).
import { describeRateLimiterContract } from '../../test/contracts/rate-limiter.contract.js';
import { TokenBucketRateLimiter } from './token-bucket-rate-limiter.js';

describeRateLimiterContract('in-memory token bucket', (perMinute, burst, clock) =>
  Promise.resolve(new TokenBucketRateLimiter({ perMinute, burst }, clock)),
);
