// The layers and the imports each may make: one table, read by the layering test and drawn in
// docs/architecture.md. A layer is the longest matching folder prefix; a rule lists what it may import.
export interface Layer {
  name: string;
  /** Folder prefixes (relative to the repository root) that belong to this layer. */
  folders: readonly string[];
  /** Layer names this layer may import from (itself always). */
  may: readonly string[];
}

export const layers: readonly Layer[] = [
  { name: 'contracts', folders: ['contracts/'], may: [] },
  { name: 'domain', folders: ['src/domain/'], may: ['contracts'] },
  { name: 'ports', folders: ['src/ports/'], may: ['contracts', 'domain'] },
  { name: 'runtime', folders: ['src/runtime/'], may: ['contracts', 'domain', 'ports'] },
  {
    name: 'webhooks',
    folders: ['src/webhooks/'],
    may: ['contracts', 'domain', 'ports', 'runtime', 'telemetry'],
  },
  {
    name: 'usecases',
    folders: ['src/usecases/'],
    may: ['contracts', 'domain', 'ports', 'runtime', 'telemetry', 'webhooks'],
  },
  { name: 'telemetry', folders: ['src/telemetry/'], may: ['contracts', 'domain', 'ports'] },
  {
    name: 'config',
    folders: ['src/config/'],
    may: ['contracts', 'domain', 'ports', 'runtime', 'webhooks'],
  },
  {
    name: 'inbound adapters',
    folders: ['adapters/inbound/'],
    may: ['contracts', 'domain', 'ports', 'shared adapters'],
  },
  {
    name: 'shared adapters',
    folders: ['adapters/position-cursor.ts'],
    may: ['contracts', 'domain'],
  },
  {
    name: 'embedded adapters',
    folders: ['adapters/embedded/'],
    may: [
      'contracts',
      'domain',
      'ports',
      'runtime',
      'telemetry',
      'shared adapters',
      'usecases',
      'webhooks',
    ],
  },
  {
    name: 'cluster adapters',
    folders: ['adapters/cluster/'],
    may: [
      'contracts',
      'domain',
      'ports',
      'runtime',
      'telemetry',
      'shared adapters',
      'usecases',
      'webhooks',
    ],
  },
  {
    name: 'outbound adapters',
    folders: ['adapters/outbound/'],
    may: ['contracts', 'domain', 'ports', 'runtime', 'telemetry', 'webhooks'],
  },
  {
    name: 'http',
    folders: ['src/http/'],
    may: [
      'contracts',
      'domain',
      'ports',
      'runtime',
      'usecases',
      'webhooks',
      'telemetry',
      'config',
      'inbound adapters',
    ],
  },
  {
    name: 'edge',
    folders: ['src/edge/'],
    may: [
      'contracts',
      'domain',
      'ports',
      'usecases',
      'webhooks',
      'config',
      'inbound adapters',
      'http',
    ],
  },
  {
    name: 'entry',
    folders: ['src/entry/'],
    may: [
      'contracts',
      'domain',
      'ports',
      'runtime',
      'usecases',
      'webhooks',
      'telemetry',
      'config',
      'inbound adapters',
      'shared adapters',
      'embedded adapters',
      'cluster adapters',
      'outbound adapters',
      'http',
      'edge',
    ],
  },
];

export function layerOf(path: string): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers)
    for (const f of layer.folders)
      if (path.startsWith(f) && (!best || f.length > best.length))
        best = { layer, length: f.length };
  return best?.layer;
}
