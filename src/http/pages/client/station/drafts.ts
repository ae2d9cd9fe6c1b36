// What a worker has typed, kept apart from the DOM: a refresh, a new order arriving or a trip to
// another order and back never loses a word. Per order, per form, per field; cleared only when the
// action it was typed for has gone through.
const drafts = new Map<string, string>();
const key = (orderId: string, form: string, field: string) => `${orderId}|${form}|${field}`;

export function draft(orderId: string, form: string, field: string): string | undefined {
  return drafts.get(key(orderId, form, field));
}

export function keepDraft(orderId: string, form: string, field: string, value: string): void {
  drafts.set(key(orderId, form, field), value);
}

export function clearDrafts(orderId: string, form: string): void {
  const prefix = key(orderId, form, '');
  for (const k of [...drafts.keys()]) if (k.startsWith(prefix)) drafts.delete(k);
}

/** Whether anything typed for this order is still waiting to be sent. */
export function hasDrafts(orderId: string): boolean {
  const prefix = `${orderId}|`;
  for (const [k, v] of drafts) if (k.startsWith(prefix) && v.trim() !== '') return true;
  return false;
}
