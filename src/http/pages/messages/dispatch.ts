// The words of the dispatch page. Its engineer owns this file; shared labels live in common.ts.
export const dispatch = {
  title: '派单调度台',
} as const;
