// The words of the station page. Its engineer owns this file; shared labels live in common.ts.
export const station = {
  title: '网格工作站',
} as const;
