// The words of the audit page. Its engineer owns this file; shared labels live in common.ts.
export const audit = {
  title: '考核看板',
} as const;
