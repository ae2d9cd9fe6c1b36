// Orders as GeoReport v2 service requests (GET requests, GET requests/{id}). Open311 knows only
// open and closed: resolved orders are closed, everything else is open, and status_notes says where
// the order really is. expected_datetime is the resolution due time of the SLA engine's current cycle
// (an approved extension moves it); it is left out when no SLA figure exists for the order.
import type { OrderView } from '../../../contracts/views.js';
import { personalTextMasker } from '../../../src/domain/text/personal-data.js';
import { serviceForTopic, type Open311Service } from './services.js';

const stateNotes: Record<string, string> = {
  triage: '待派单 awaiting dispatch',
  dispatched: '已派单 dispatched',
  accepted: '已签收 accepted',
  contacted: '已联系诉求人 citizen contacted',
  in_progress: '办理中 in progress',
  resolved: '已办结 resolved',
  returned: '退单审核中 return under review',
};

export function toServiceRequest(
  view: OrderView,
  services: readonly Open311Service[],
): Record<string, string | number | null> {
  const service = serviceForTopic(services, view.order.topic);
  const point = view.order.location.point;
  const due = view.sla?.figures.find(
    (f) => f.target === 'resolve' && f.cycle === view.sla?.cycle,
  )?.dueAt;
  // Open311 readers need not call the citizen: phones, ID numbers and the callers' names are masked.
  const callers = [view.order.caller, ...(view.joinedCallers ?? []).map((c) => c.caller)];
  const maskPersonalText = personalTextMasker(
    callers.flatMap((c) => (c.name !== undefined ? [c.name] : [])),
  );
  return {
    service_request_id: view.id,
    status: view.state === 'resolved' ? 'closed' : 'open',
    status_notes: maskPersonalText(
      [stateNotes[view.state] ?? view.state, view.result].filter(Boolean).join(': '),
    ),
    service_name: service?.service_name ?? view.order.topic.join(' > '),
    service_code: service?.service_code ?? null,
    description: maskPersonalText(view.order.content),
    agency_responsible: view.station?.name ?? null,
    service_notice: null,
    requested_datetime: view.order.receivedAt,
    updated_datetime: view.updatedAt,
    ...(due !== undefined ? { expected_datetime: due } : {}),
    address: view.order.location.address ? maskPersonalText(view.order.location.address) : null,
    address_id: null,
    zipcode: null,
    lat: point?.lat ?? null,
    long: point?.lng ?? null,
    media_url: view.order.attachments[0]?.url ?? null,
  };
}

/**
 * What the public may read when an operator publishes (OPEN311_PUBLIC_READ): no personal data. The
 * citizen's own words, the exact address or point and photos can name or locate a person, so they are
 * left out; the service, status, dates and the agency handling it remain.
 */
export function publicServiceRequest(
  row: Record<string, string | number | null>,
): Record<string, string | number | null> {
  return {
    ...row,
    description: null,
    address: null,
    lat: null,
    long: null,
    media_url: null,
    status_notes: row.status === 'closed' ? '已办结 resolved' : null,
  };
}

/** A GeoReport v2 service definition: the service's extra questions, in the spec's field names. */
export function toServiceDefinition(s: Open311Service) {
  return {
    service_code: s.service_code,
    attributes: s.attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: null,
      order: a.order ?? i + 1,
      description: a.description,
      ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
    })),
  };
}

export function toServiceDescription(s: Open311Service): Record<string, string | boolean> {
  return {
    service_code: s.service_code,
    service_name: s.service_name,
    description: s.description,
    metadata: s.attributes.length > 0,
    type: 'realtime',
    keywords: s.keywords.join(', '),
    group: s.group,
  };
}
