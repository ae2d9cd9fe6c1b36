// Fills `{name}` placeholders in a catalogue entry. Shared by the server and the pages' scripts; an
// unknown placeholder stays visible so a missing value is noticed rather than silently dropped.
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
