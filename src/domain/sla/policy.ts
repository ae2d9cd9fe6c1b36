// Which policy rule sets an order's targets: the most specific matching rule wins (a topic match
// counts most, by depth; then urgency; then type), ties go to the rule listed first.
import type { CanonicalOrder } from '../../../contracts/order.js';
import type { SlaPolicy, SlaRule } from '../../../contracts/sla.js';

type Matchable = Pick<CanonicalOrder, 'type' | 'urgency' | 'topic'>;

function specificity(rule: SlaRule, order: Matchable): number | null {
  const m = rule.match;
  if (m.urgency && !m.urgency.includes(order.urgency)) return null;
  if (m.type && !m.type.includes(order.type)) return null;
  if (m.topicPrefix && !m.topicPrefix.every((level, i) => order.topic[i] === level)) return null;
  return (m.topicPrefix?.length ?? 0) * 100 + (m.urgency ? 10 : 0) + (m.type ? 1 : 0);
}

export function selectRule(policy: SlaPolicy, order: Matchable): SlaRule | undefined {
  let best: { rule: SlaRule; score: number } | undefined;
  for (const rule of policy.rules) {
    const score = specificity(rule, order);
    if (score !== null && (best === undefined || score > best.score)) best = { rule, score };
  }
  return best?.rule;
}
