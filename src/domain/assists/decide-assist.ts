// 主办/协办 as commands: a dispatcher asks a unit of the directory for its part (never the lead
// itself, never a unit whose part is still open), removes a part before it reports, or closes the
// outstanding parts with a note; the assisting unit accepts (签收) and reports (反馈协办意见) its own
// part only. The lifecycle table (decide.ts, allowedFrom) says from which order states.
import type { EventData } from '../../../contracts/events.js';
import type { OrderView } from '../../../contracts/views.js';
import { DomainError } from '../errors.js';
import type { PlaceIndex } from '../routing/place-index.js';
import { isOpenPart, openPartOf } from './fold.js';

export type AssistCommand =
  | { kind: 'request_assist'; stationId: string; note?: string | undefined }
  | { kind: 'remove_assist'; stationId: string; note: string }
  | { kind: 'close_assists'; stationId?: string | undefined; note: string }
  | { kind: 'accept_assist'; stationId: string; note?: string | undefined }
  | { kind: 'report_assist'; stationId: string; opinion: string };

const conflict = (message: string, zh: string, state: string, path = 'stationId') =>
  new DomainError('state_conflict', message, { zh, state, errors: [{ path, message }] });

/** Outstanding parts keep the lead from resolving: a refusal that names them, or nothing. */
export function outstandingParts(view: OrderView): DomainError | undefined {
  const open = (view.assists ?? []).filter(isOpenPart);
  if (open.length === 0) return undefined;
  const names = open.map((a) => a.stationName).join('、');
  return conflict(
    `协办 parts are not in yet (${names}): they report, or a dispatcher closes them`,
    `协办单位尚未反馈（${names}），须待其反馈协办意见或由分拨员结束协办后才能办结。`,
    view.state,
    'assists',
  );
}

export function decideAssist(
  view: OrderView,
  command: AssistCommand,
  places: PlaceIndex,
): EventData[] {
  const state = view.state;
  switch (command.kind) {
    case 'request_assist': {
      const station = places.station(command.stationId);
      if (!station)
        throw new DomainError(
          'unknown_station',
          `No station "${command.stationId}" in the directory`,
          {
            zh: `目录中没有此单位：${command.stationId}`,
            errors: [{ path: 'stationId', message: 'unknown station' }],
          },
        );
      if (view.station?.id === station.id)
        throw conflict(
          `${station.name} leads this order (主办); it cannot assist it too`,
          `${station.name}是此工单的主办单位，不能同时协办。`,
          state,
        );
      if (openPartOf(view, station.id))
        throw conflict(
          `${station.name} already has an open part of this order`,
          `${station.name}已有未结束的协办任务。`,
          state,
        );
      return [
        {
          type: 'order.assist_requested',
          stationId: station.id,
          stationName: station.name,
          ...(command.note ? { note: command.note } : {}),
        },
      ];
    }
    case 'remove_assist': {
      if (!openPartOf(view, command.stationId))
        throw conflict(
          `No open 协办 part of ${command.stationId} to remove (a reported part stays)`,
          '此单位没有可撤销的协办任务（已反馈的协办不能撤销）。',
          state,
        );
      return [{ type: 'order.assist_removed', stationId: command.stationId, note: command.note }];
    }
    case 'close_assists': {
      const open = (view.assists ?? []).filter(
        (a) =>
          isOpenPart(a) && (command.stationId === undefined || a.stationId === command.stationId),
      );
      if (open.length === 0)
        throw conflict(
          command.stationId === undefined
            ? 'No 协办 part is outstanding'
            : `No open 协办 part of ${command.stationId}`,
          command.stationId === undefined
            ? '没有未结束的协办任务。'
            : '此单位没有未结束的协办任务。',
          state,
        );
      return open.map((a) => ({
        type: 'order.assist_closed',
        stationId: a.stationId,
        note: command.note,
      }));
    }
    case 'accept_assist': {
      const part = openPartOf(view, command.stationId);
      if (!part || part.status !== 'requested')
        throw conflict(
          part ? 'The 协办 part is already accepted' : 'No 协办 part of yours waits for 签收',
          part ? '此协办任务已签收。' : '本站没有待签收的协办任务。',
          state,
        );
      return [
        {
          type: 'order.assist_accepted',
          stationId: command.stationId,
          ...(command.note ? { note: command.note } : {}),
        },
      ];
    }
    case 'report_assist': {
      const part = openPartOf(view, command.stationId);
      if (!part || part.status !== 'accepted')
        throw conflict(
          part ? '签收 the 协办 part before reporting it' : 'No open 协办 part of yours to report',
          part ? '请先签收协办任务，再反馈协办意见。' : '本站没有可反馈的协办任务。',
          state,
        );
      return [
        { type: 'order.assist_reported', stationId: command.stationId, opinion: command.opinion },
      ];
    }
  }
}
