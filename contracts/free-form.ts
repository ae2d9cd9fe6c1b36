// Bounds for free-form JSON (a vendor's unmapped fields): how deep, how many values, how many bytes.
// A field nested thousands of levels deep once made every read of its order (and every list holding
// it) overflow the stack; these bounds refuse such a field at the contract, and the same measure lets
// readers leave out whatever was stored before the bounds existed. The walk is iterative on purpose:
// measuring a hostile value must not itself recurse.

export const FREE_FORM_LIMITS = {
  /** Levels of objects/arrays below the field itself; 12345 exports nest two or three. */
  depth: 8,
  /** Values and keys counted together. */
  nodes: 1000,
  /** UTF-8 bytes of the JSON text, roughly: strings, keys, numbers and punctuation. */
  bytes: 32 * 1024,
} as const;

export interface FreeFormIssue {
  /** Path below the field, e.g. ["承办单位", "二级"]. */
  path: (string | number)[];
  message: string;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The first bound `value` breaks, or null; stops as soon as one is broken. */
export function freeFormIssue(
  value: unknown,
  limits: { depth: number; nodes: number; bytes: number } = FREE_FORM_LIMITS,
): FreeFormIssue | null {
  const stack: { v: unknown; depth: number; path: (string | number)[] }[] = [
    { v: value, depth: 0, path: [] },
  ];
  let nodes = 0;
  let bytes = 0;
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    nodes++;
    if (nodes > limits.nodes)
      return { path, message: `more than ${limits.nodes} values; keep free-form fields small` };
    if (typeof v === 'string') bytes += utf8Length(v) + 2;
    else if (v === null || typeof v !== 'object') bytes += String(v).length;
    else {
      if (depth >= limits.depth)
        return { path, message: `nested deeper than ${limits.depth} levels` };
      bytes += 2;
      const entries: [string | number, unknown][] = Array.isArray(v)
        ? v.map((x, i) => [i, x])
        : Object.entries(v);
      for (const [k, x] of entries) {
        if (typeof k === 'string') bytes += utf8Length(k) + 4;
        else bytes += 1;
        stack.push({ v: x, depth: depth + 1, path: [...path, k] });
      }
    }
    if (bytes > limits.bytes) return { path, message: `larger than ${limits.bytes} bytes of JSON` };
  }
  return null;
}
