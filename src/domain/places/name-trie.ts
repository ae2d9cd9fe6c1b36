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

/** The child of `node` labelled `c`, or -1. */
export function childOf(trie: NameTrie, node: number, c: number): number {
  let lo = trie.childStart[node] as number;
  let hi = (trie.childStart[node + 1] as number) - 1;
  const labels = trie.labels;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const l = labels[mid] as number;
    if (l === c) return mid;
    if (l < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
