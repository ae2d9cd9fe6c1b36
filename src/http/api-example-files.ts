// The API walk-throughs in test/fixtures/api/: each file is a story told as requests (who calls,
// which documented operation, with what body), and test/fixtures/api/recorded/ holds what the gateway
// answered to each, recorded by test/e2e/api-examples.test.ts. Both are read here to give every
// documented operation a real request and a real answer in the OpenAPI document. A route gets its
// examples by being called in a walk-through: nothing here names a route.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One request of a walk-through. */
export interface WalkStep {
  /** The documented operation, "METHOD /path/{param}", as the OpenAPI document lists it. */
  request: string;
  /** Who calls: an API key, "account:<id>" (a logged-in person), or absent (public). */
  as?: string;
  /** Path parameters: a value, or "$name" for a value saved by an earlier step. Absent: the saved one. */
  params?: Record<string, string>;
  /** Query string, without the "?". */
  query?: string;
  /** A JSON body, shown as the operation's request example; a string "$name" is a saved value. */
  body?: unknown;
  /** A form body (application/x-www-form-urlencoded), shown as the operation's request example. */
  form?: Record<string, string>;
  /** A body read from another fixture (test/fixtures/<path>), already an example where it lives. */
  bodyFile?: string;
  headers?: Record<string, string>;
  /** Signs the body (Standard Webhooks: webhook-id, -timestamp, -signature) with this whsec_ secret. */
  signWith?: string;
  /** Sets the gateway's clock first (ISO time with offset). */
  at?: string;
  /** Runs one SLA sweep first (after `at`). */
  sweep?: boolean;
  /** Sends the status webhooks first, the clock moving an hour at a time for two days (retries). */
  deliver?: boolean;
  /** Saves values of the JSON answer for later steps: name → dotted path ("items.0.id"). */
  save?: Record<string, string>;
  /** What the example shows, for the reference's example menu. */
  summary: string;
}

export interface Walkthrough {
  about: string;
  /** The gateway takes hand-offs from the Workers intake signed with this whsec_ secret. */
  edgeHandoffSecret?: string;
  /**
   * A status webhook receiver on loopback (its URL saved as "receiver"), answering these HTTP
   * statuses in turn and then 200; steps with `deliver` send it what is due.
   */
  statusReceiver?: { answers: number[] };
  steps: WalkStep[];
}

/** What the gateway answered to one step, personal data masked. */
export interface RecordedAnswer {
  request: string;
  summary: string;
  status: number;
  contentType: string;
  body?: unknown;
  /** The JSON body as sent, when saved values were put into it. */
  sent?: unknown;
}

export const apiFixtureDir = (fixtures: string) => join(fixtures, 'api');

const jsonFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

export function readWalkthroughs(fixtures: string): { name: string; walk: Walkthrough }[] {
  const dir = apiFixtureDir(fixtures);
  return jsonFiles(dir).map((f) => ({
    name: f.replace(/\.json$/, ''),
    walk: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Walkthrough,
  }));
}

export function readRecorded(fixtures: string, name: string): RecordedAnswer[] | undefined {
  const file = join(apiFixtureDir(fixtures), 'recorded', `${name}.json`);
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as RecordedAnswer[])
    : undefined;
}

/** "POST /v1/orders/{id}/accept" → the OpenAPI document's key: "post /v1/orders/{id}/accept". */
export const operationKey = (request: string) => {
  const [method = '', path = ''] = request.trim().split(/\s+/);
  return `${method.toLowerCase()} ${path}`;
};
