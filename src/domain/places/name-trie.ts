// A compact trie over place names, held in four typed arrays so that 660,000 names cost tens of
// megabytes and load without parsing: node i's children are the contiguous ids
// childStart[i]..childStart[i+1], sorted by label (binary search); its postings (what the name
// up to node i means) are postings[postStart[i]..postStart[i+1]].

export interface NameTrie {
  /** UTF-16 code unit on the edge into each node (the root's is unused). */
  labels: Uint16Array;
  childStart: Uint32Array;
  postStart: Uint32Array;
  postings: Uint32Array;
}

/**
 * Builds the trie from (key, posting) pairs. Breadth-first numbering makes every node's children
 * contiguous, so only the start of each child run needs storing.
 */
export function buildNameTrie(pairs: ReadonlyMap<string, readonly number[]>): NameTrie {
  const keys = [...pairs.keys()].filter((k) => k.length > 0).sort();
  const labels: number[] = [0];
  const childStart: number[] = [];
  const postStart: number[] = [];
  const postings: number[] = [];
  // Queue of nodes to expand: keys[lo..hi) share the first `depth` code units.
  const queue: { lo: number; hi: number; depth: number }[] = [{ lo: 0, hi: keys.length, depth: 0 }];
  let next = 1;
  for (let head = 0; head < queue.length; head++) {
    const { lo, hi, depth } = queue[head] as { lo: number; hi: number; depth: number };
    childStart.push(next);
    postStart.push(postings.length);
    let i = lo;
    // Sorted order puts the key that ends here first.
    if (i < hi && (keys[i] as string).length === depth) {
      for (const p of [...(pairs.get(keys[i] as string) ?? [])].sort((a, b) => a - b))
        postings.push(p);
      i++;
    }
    while (i < hi) {
      const c = (keys[i] as string).charCodeAt(depth);
      let j = i + 1;
      while (j < hi && (keys[j] as string).charCodeAt(depth) === c) j++;
      labels.push(c);
      queue.push({ lo: i, hi: j, depth: depth + 1 });
      next++;
      i = j;
    }
  }
  childStart.push(next);
  postStart.push(postings.length);
  return {
    labels: Uint16Array.from(labels),
    childStart: Uint32Array.from(childStart),
    postStart: Uint32Array.from(postStart),
    postings: Uint32Array.from(postings),
  };
}

/** Nodes with at most this many children are scanned in order; wider ones are looked up in a table. */
const NARROW = 8;

/**
 * The children of a trie's wide nodes (the few hundred after a common first character: 东 → 东城,
 * 东风, …) in an open-addressed table keyed by (node, code unit), built at load: a lookup is one or
 * two reads where the binary search over a long child run took a dozen. Slots hold child ids; a
 * child answers for (node, c) when it lies in node's child run and is labelled c, so no key is
 * stored. 0 (the root, never a child) marks an empty slot.
 */
export interface ChildTable {
  slots: Uint32Array;
  mask: number;
}

const slotOf = (node: number, c: number, mask: number) =>
  (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;

export function wideChildTable(trie: NameTrie): ChildTable {
  const nodes = trie.labels.length;
  let edges = 0;
  for (let node = 0; node < nodes; node++) {
    const n = (trie.childStart[node + 1] as number) - (trie.childStart[node] as number);
    if (n > NARROW) edges += n;
  }
  let size = 16;
  while (size < 2 * edges) size *= 2;
  const slots = new Uint32Array(size);
  const mask = size - 1;
  for (let node = 0; node < nodes; node++) {
    const lo = trie.childStart[node] as number;
    const hi = trie.childStart[node + 1] as number;
    if (hi - lo <= NARROW) continue;
    for (let x = lo; x < hi; x++) {
      let h = slotOf(node, trie.labels[x] as number, mask);
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = x;
    }
  }
  return { slots, mask };
}

/** The child of `node` labelled `c`, or -1: a short run scanned, a wide node through its table. */
export function childIn(trie: NameTrie, table: ChildTable, node: number, c: number): number {
  const lo = trie.childStart[node] as number;
  const hi = trie.childStart[node + 1] as number;
  const labels = trie.labels;
  if (hi - lo <= NARROW) {
    for (let x = lo; x < hi; x++) {
      const l = labels[x] as number;
      if (l === c) return x;
      if (l > c) return -1;
    }
    return -1;
  }
  const { slots, mask } = table;
  for (let h = slotOf(node, c, mask); ; h = (h + 1) & mask) {
    const x = slots[h] as number;
    if (x === 0) return -1;
    if (x >= lo && x < hi && labels[x] === c) return x;
  }
}
