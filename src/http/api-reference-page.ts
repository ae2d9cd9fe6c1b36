// A readable API reference rendered on the server from the OpenAPI document.
type Doc = {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Op | undefined> | undefined>;
};
type Op = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function renderApiReference(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const tag = op.tags?.[0] ?? 'Other';
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})${p.description ? ` ${esc(p.description)}` : ''}</li>`,
        )
        .join('');
      const body = op.requestBody?.content
        ? Object.keys(op.requestBody.content)
            .map((t) => `<code>${esc(t)}</code>`)
            .join(', ')
        : '';
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description ?? '')}</li>`)
        .join('');
      const html = `<section><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary ?? '')}</p>${op.description ? `<p class="roles">${esc(op.description)}</p>` : ''}${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}${body ? `<h4>Body</h4><p>${body} — schema in <a href="/openapi.json">openapi.json</a></p>` : ''}<h4>Responses</h4><ul>${responses}</ul></section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${esc(tag)}</h2>${ops.join('')}`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.info.title)} API</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}section{border-top:1px solid #ddd;padding:.5rem 0}.m{display:inline-block;min-width:3.5rem;font-size:.8rem;padding:.1rem .4rem;border-radius:3px;color:#fff;background:#2b6cb0}.post{background:#2f855a}.roles{color:#555}code{background:#f4f4f4;padding:0 .2rem}</style></head><body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>${sections}</body></html>`;
}
