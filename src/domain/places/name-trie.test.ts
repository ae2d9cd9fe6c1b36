import { describe, expect, it } from 'vitest';
import { buildNameTrie, childIn, wideChildTable, type NameTrie } from './name-trie.js';

/** The node a key ends at, walking from the root one code unit at a time, or -1. */
function walk(trie: NameTrie, key: string): number {
  const table = wideChildTable(trie);
  let node = 0;
  for (let j = 0; j < key.length && node >= 0; j++)
    node = childIn(trie, table, node, key.charCodeAt(j));
  return node;
}

const postingsAt = (trie: NameTrie, node: number) => [
  ...trie.postings.subarray(trie.postStart[node], trie.postStart[node + 1]),
];

describe('name trie', () => {
  // 东 has 30 children (a wide node, looked up in the table); 东城 has 2 (scanned in order).
  const wide = [...'城风湖坡塘港庄营沟岭山岗桥村镇店集河源坝铺湾寨屯堡坪场门关口'];
  const keys = new Map<string, number[]>([
    ...wide.map((c, k): [string, number[]] => [`东${c}`, [2 * k + 1]]),
    ['东城区', [101]],
    ['东城', [103, 102]],
    ['西城区', [201]],
  ]);
  const trie = buildNameTrie(keys);

  it('finds every key, through wide and narrow nodes, with its postings', () => {
    for (const [key, postings] of keys)
      expect(postingsAt(trie, walk(trie, key))).toEqual([...postings].sort((a, b) => a - b));
  });

  it('finds no child for a character that does not follow', () => {
    for (const absent of ['东京', '东城街', '北京', '东城区东'])
      expect(walk(trie, absent)).toBe(-1);
  });
});
