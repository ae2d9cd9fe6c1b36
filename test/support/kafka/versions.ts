// TEST EQUIPMENT ONLY: part of the single-node Kafka test broker used by the test suites. It is not a
// Kafka implementation for production; production runs Apache Kafka (see deploy/).
//
// The API versions the test broker serves, in one table, so that clients other than kafkajs (librdkafka
// and so kcat, kafka-python, ...) find what they negotiate. A client uses, per API, the highest version
// both sides support, and librdkafka also enables whole features only when the broker's range contains
// particular versions (balanced consumer groups need FindCoordinator, JoinGroup, SyncGroup, Heartbeat and
// LeaveGroup v0, OffsetCommit 1-2 and OffsetFetch v1): a single version per API is not enough.
//
// Lowest versions: those Apache Kafka 4.0 still serves (KIP-896), which are exactly what librdkafka's
// feature checks need. Highest versions: the last classic (non-flexible) version of every API, plus
// ApiVersions v3, the flexible version every modern client sends first. See README.md for the table.
import { ApiKey } from './protocol.js';

/** [min, max] version served per API key, in ApiVersions order. */
export const SERVED_VERSIONS: ReadonlyMap<number, readonly [number, number]> = new Map([
  [ApiKey.Produce, [3, 8]],
  [ApiKey.Fetch, [4, 11]],
  [ApiKey.ListOffsets, [1, 5]],
  [ApiKey.Metadata, [0, 8]],
  [ApiKey.OffsetCommit, [2, 7]],
  [ApiKey.OffsetFetch, [1, 5]],
  [ApiKey.FindCoordinator, [0, 2]],
  [ApiKey.JoinGroup, [0, 5]],
  [ApiKey.Heartbeat, [0, 3]],
  [ApiKey.LeaveGroup, [0, 3]],
  [ApiKey.SyncGroup, [0, 3]],
  [ApiKey.DescribeGroups, [0, 4]],
  [ApiKey.ApiVersions, [0, 3]],
  [ApiKey.CreateTopics, [2, 4]],
  [ApiKey.DeleteTopics, [1, 3]],
  [ApiKey.InitProducerId, [0, 1]],
]);

/**
 * First flexible version per API (Kafka's `flexibleVersions`): from it on the request header carries a
 * tagged-field section and the body uses compact encodings. Only ApiVersions is served that high.
 */
const FLEXIBLE_FROM: ReadonlyMap<number, number> = new Map([
  [ApiKey.Produce, 9],
  [ApiKey.Fetch, 12],
  [ApiKey.ListOffsets, 6],
  [ApiKey.Metadata, 9],
  [ApiKey.OffsetCommit, 8],
  [ApiKey.OffsetFetch, 6],
  [ApiKey.FindCoordinator, 3],
  [ApiKey.JoinGroup, 6],
  [ApiKey.Heartbeat, 4],
  [ApiKey.LeaveGroup, 4],
  [ApiKey.SyncGroup, 4],
  [ApiKey.DescribeGroups, 5],
  [ApiKey.ApiVersions, 3],
  [ApiKey.CreateTopics, 5],
  [ApiKey.DeleteTopics, 4],
  [ApiKey.InitProducerId, 2],
]);

export function isFlexible(apiKey: number, version: number): boolean {
  const from = FLEXIBLE_FROM.get(apiKey);
  return from !== undefined && version >= from;
}

/**
 * Whether the response header has a tagged-field section (header v1). ApiVersions never does, even in a
 * flexible version: a client must be able to read the answer before it knows what the broker speaks.
 */
export function flexibleResponseHeader(apiKey: number, version: number): boolean {
  return apiKey !== ApiKey.ApiVersions && isFlexible(apiKey, version);
}
