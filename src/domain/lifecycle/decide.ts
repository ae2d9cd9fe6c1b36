// The order state machine: given the current view and an action, the events it produces, or a
// DomainError naming the state that forbids it. Pure: no clock, no store, no I/O.
import type {
  CallbackAction,
  ContactMethod,
  ExtensionDecisionAction,
  ExtensionRequestAction,
  ResolveAction,
  ReturnAction,
  ReturnDecisionAction,
} from '../../../contracts/actions.js';
import type { EventData } from '../../../contracts/events.js';
import type { OrderState, OrderView } from '../../../contracts/views.js';
import { DomainError, stateConflict } from '../errors.js';
import type { PlaceIndex } from '../routing/place-index.js';
import { dispatchTo } from './dispatch-to.js';
import { decideReturn } from './review-return.js';
import { decideSupervision, type SupervisorCommand } from '../supervision/decide-supervision.js';

export type StationCommand =
  | { kind: 'accept'; note?: string | undefined }
  | { kind: 'contact'; method?: ContactMethod | undefined; note?: string | undefined }
  | { kind: 'start'; note?: string | undefined }
  | { kind: 'resolve'; input: ResolveAction }
  | { kind: 'return'; stationId: string; input: ReturnAction }
  | {
      kind: 'request_extension';
      input: ExtensionRequestAction;
      now: Date;
      resolveDueAt?: string | undefined;
    }
  | {
      kind: 'pause';
      reason: string;
      /** Whether a pause stops any open clock of this order under its policy rule. */
      stopsAClock?: boolean;
    }
  | { kind: 'resume'; note?: string | undefined };

export type SourceCommand =
  | {
      kind: 'callback';
      input: CallbackAction;
      now: Date;
      callbackDueAt?: string | undefined;
      reopenOnUnsatisfied?: 'when_attributed' | 'always' | 'never';
    }
  | { kind: 'reopen'; reason: string };

export type DispatcherCommand =
  | { kind: 'dispatch'; stationId: string; note?: string | undefined }
  | {
      kind: 'decide_extension';
      input: ExtensionDecisionAction;
      /** The 办结 deadline as it stands: an approval may only move it later. */
      resolveDueAt?: string | undefined;
    }
  | { kind: 'decide_return'; input: ReturnDecisionAction };

import { decideDuplicate, type DuplicateCommand } from '../duplicates/decide-link.js';
import { decideAssist, outstandingParts, type AssistCommand } from '../assists/decide-assist.js';

export type { SupervisorCommand, DuplicateCommand, AssistCommand };

export type Command =
  | StationCommand
  | DispatcherCommand
  | SourceCommand
  | SupervisorCommand
  | DuplicateCommand
  | AssistCommand;

/** 协办 goes on while the order is open, whoever holds it; a resolved order takes no new parts. */
const ASSIST_OPEN: readonly OrderState[] = [
  'triage',
  'returned',
  'dispatched',
  'accepted',
  'contacted',
  'in_progress',
];

/** Which states each action may start from: the single table of the lifecycle. */
export const allowedFrom: Record<Command['kind'], readonly OrderState[]> = {
  accept: ['dispatched'],
  contact: ['accepted'],
  start: ['contacted'],
  resolve: ['accepted', 'contacted', 'in_progress'],
  return: ['dispatched', 'accepted', 'contacted', 'in_progress'],
  request_extension: ['accepted', 'contacted', 'in_progress'],
  dispatch: ['triage', 'dispatched', 'accepted', 'contacted', 'in_progress'],
  decide_extension: ['accepted', 'contacted', 'in_progress', 'resolved'],
  decide_return: ['returned'],
  pause: ['accepted', 'contacted', 'in_progress'],
  resume: ['accepted', 'contacted', 'in_progress'],
  callback: ['resolved'],
  reopen: ['resolved', 'closed'],
  // 督办: 催办 reaches the station working on the order; 督办 any order not yet resolved.
  urge: ['dispatched', 'accepted', 'contacted', 'in_progress'],
  supervise: ['triage', 'returned', 'dispatched', 'accepted', 'contacted', 'in_progress'],
  // 重复件 by hand: an open order joins another; a linked repeat goes back to triage.
  link_duplicate: ['triage', 'returned', 'dispatched', 'accepted', 'contacted', 'in_progress'],
  unlink_duplicate: ['duplicate'],
  // 主办/协办: parts are asked while a station leads the order; they are worked while it is open.
  request_assist: ['dispatched', 'accepted', 'contacted', 'in_progress'],
  remove_assist: ASSIST_OPEN,
  close_assists: ASSIST_OPEN,
  accept_assist: ASSIST_OPEN,
  report_assist: ASSIST_OPEN,
};

const verb: Record<Command['kind'], string> = {
  accept: 'accept',
  contact: 'record contact on',
  start: 'start work on',
  resolve: 'resolve',
  return: 'return',
  request_extension: 'ask for an extension of',
  dispatch: 'dispatch',
  decide_extension: 'decide an extension of',
  decide_return: 'review the return of',
  pause: 'pause',
  resume: 'resume',
  callback: 'record a callback survey on',
  reopen: 'reopen',
  urge: 'urge (催办)',
  supervise: 'supervise (督办)',
  link_duplicate: 'link as a repeat (重复件)',
  unlink_duplicate: 'unlink',
  request_assist: 'ask an assisting unit (协办) on',
  remove_assist: 'remove an assisting unit from',
  close_assists: 'close the assisting parts of',
  accept_assist: 'accept (签收) an assisting part of',
  report_assist: 'report (反馈协办意见) an assisting part of',
};

/** The same actions as a worker reads them (此工单当前状态不能…). */
const verbZh: Record<Command['kind'], string> = {
  accept: '签收',
  contact: '记录联系',
  start: '开始处理',
  resolve: '办结',
  return: '退回',
  request_extension: '申请延期',
  dispatch: '派单',
  decide_extension: '审批延期',
  decide_return: '审核退回',
  pause: '挂起',
  resume: '恢复',
  callback: '记录回访',
  reopen: '重办',
  urge: '催办',
  supervise: '督办',
  link_duplicate: '关联为重复件',
  unlink_duplicate: '取消重复件关联',
  request_assist: '请求协办',
  remove_assist: '撤销协办',
  close_assists: '结束协办',
  accept_assist: '签收协办任务',
  report_assist: '反馈协办意见',
};

export function decide(view: OrderView, command: Command, places: PlaceIndex): EventData[] {
  if (!allowedFrom[command.kind].includes(view.state))
    throw stateConflict(verb[command.kind], view.state, verbZh[command.kind]);
  switch (command.kind) {
    case 'accept':
      return [{ type: 'order.accepted', ...(command.note ? { note: command.note } : {}) }];
    case 'contact':
      return [
        {
          type: 'order.contacted',
          ...(command.method ? { method: command.method } : {}),
          ...(command.note ? { note: command.note } : {}),
        },
      ];
    case 'start':
      return [{ type: 'order.work_started', ...(command.note ? { note: command.note } : {}) }];
    case 'resolve': {
      // 主办 resolves once every 协办 part is in (or a dispatcher closed it).
      const waiting = outstandingParts(view);
      if (waiting) throw waiting;
      return [
        {
          type: 'order.resolved',
          result: command.input.result,
          ...(command.input.reply ? { reply: command.input.reply } : {}),
        },
      ];
    }
    case 'return': {
      const { reason, note, suggestedCode } = command.input;
      return [
        {
          type: 'order.returned',
          stationId: command.stationId,
          reason,
          note,
          ...(suggestedCode ? { suggestedCode } : {}),
          // 退单审核: the return waits for a dispatcher instead of going straight to triage.
          awaitsReview: true,
        },
      ];
    }
    case 'decide_return':
      return decideReturn(view, command.input, places);
    case 'request_extension': {
      if (view.extensions.some((x) => x.status === 'pending')) {
        throw new DomainError(
          'extension_not_allowed',
          'An extension request is already waiting for a decision',
          { zh: '已有延期申请在等待审批。', state: view.state },
        );
      }
      // 延期 is asked before the deadline, never after it has passed.
      if (
        command.resolveDueAt !== undefined &&
        command.now.getTime() >= Date.parse(command.resolveDueAt)
      ) {
        throw new DomainError(
          'extension_not_allowed',
          `The resolution deadline ${command.resolveDueAt} has passed; an extension must be asked before it`,
          {
            zh: '办结时限（{deadline}）已过，延期须在时限前申请。',
            times: { deadline: command.resolveDueAt },
            state: view.state,
          },
        );
      }
      if (
        command.resolveDueAt !== undefined &&
        Date.parse(command.input.requestedDueAt) <= Date.parse(command.resolveDueAt)
      ) {
        throw new DomainError(
          'validation_failed',
          `The requested deadline must be later than the current one (${command.resolveDueAt})`,
          {
            zh: '申请的新时限须晚于当前办结时限（{deadline}）。',
            times: { deadline: command.resolveDueAt },
            errors: [
              { path: 'requestedDueAt', message: `must be later than ${command.resolveDueAt}` },
            ],
          },
        );
      }
      if (Date.parse(command.input.requestedDueAt) <= command.now.getTime()) {
        throw new DomainError('validation_failed', 'The requested deadline must be in the future', {
          zh: '申请的新时限须晚于现在。',
          errors: [{ path: 'requestedDueAt', message: 'must be later than now' }],
        });
      }
      return [
        {
          type: 'order.extension_requested',
          reason: command.input.reason,
          requestedDueAt: command.input.requestedDueAt,
        },
      ];
    }
    case 'decide_extension': {
      const pending = view.extensions.find((x) => x.status === 'pending');
      if (!pending)
        throw new DomainError(
          'extension_not_allowed',
          'No extension request is waiting for a decision',
          { zh: '没有等待审批的延期申请。', state: view.state },
        );
      const { approved, newDueAt, note } = command.input;
      const granted = newDueAt ?? pending.requestedDueAt;
      if (
        approved &&
        command.resolveDueAt !== undefined &&
        Date.parse(granted) <= Date.parse(command.resolveDueAt)
      )
        throw new DomainError(
          'validation_failed',
          `An extension must move the deadline later than ${command.resolveDueAt}`,
          {
            zh: '批准的新时限须晚于当前办结时限（{deadline}）。',
            times: { deadline: command.resolveDueAt },
            errors: [
              {
                path: newDueAt === undefined ? 'requestedDueAt' : 'newDueAt',
                message: `must be later than ${command.resolveDueAt}`,
              },
            ],
          },
        );
      return [
        {
          type: 'order.extension_decided',
          approved,
          ...(approved ? { newDueAt: newDueAt ?? pending.requestedDueAt } : {}),
          ...(note ? { note } : {}),
        },
      ];
    }
    case 'pause':
      if (view.paused)
        throw new DomainError('state_conflict', 'The order is already paused', {
          zh: '工单已挂起。',
          state: view.state,
        });
      // A pause that stops no clock would tell the worker the deadline waits when it does not
      // (urgent orders under the example policy): refuse it rather than record a pause.
      if (command.stopsAClock === false)
        throw new DomainError(
          'state_conflict',
          'The SLA policy lets no open deadline of this order pause (挂起 would not stop its clocks)',
          { zh: '按时限规则，此工单的时限不能暂停，挂起不会停止计时。', state: view.state },
        );
      return [{ type: 'order.paused', reason: command.reason }];
    case 'resume':
      if (!view.paused)
        throw new DomainError('state_conflict', 'The order is not paused', {
          zh: '工单未挂起。',
          state: view.state,
        });
      return [{ type: 'order.resumed', ...(command.note ? { note: command.note } : {}) }];
    case 'callback': {
      if (
        command.callbackDueAt !== undefined &&
        command.now.getTime() > Date.parse(command.callbackDueAt)
      ) {
        throw new DomainError(
          'callback_window_closed',
          `The callback window closed at ${command.callbackDueAt}`,
          {
            zh: '回访期限已于 {deadline} 截止。',
            times: { deadline: command.callbackDueAt },
            state: view.state,
          },
        );
      }
      const { expectedVersion: _v, ...answers } = command.input;
      const events: EventData[] = [{ type: 'order.callback_recorded', ...answers }];
      // 重办: an unsatisfied answer the station caused sends the order back for a new cycle.
      const last = view.slaFacts.holdings.at(-1);
      const policy = command.reopenOnUnsatisfied ?? 'when_attributed';
      const reopen =
        policy === 'always' ||
        (policy === 'when_attributed' && answers.attributedToStation === true);
      if (answers.valid && answers.satisfaction === 'unsatisfied' && reopen && last) {
        const name = places.station(last.stationId)?.name ?? last.stationId;
        events.push({
          type: 'order.reopened',
          reason: `回访不满意: ${answers.note ?? ''}`.trim(),
          stationId: last.stationId,
          stationName: name,
        });
      }
      return events;
    }
    case 'reopen': {
      const last = view.slaFacts.holdings.at(-1);
      if (!last)
        throw new DomainError('state_conflict', 'The order was never dispatched', {
          zh: '此工单从未派单，无法重办。',
          state: view.state,
        });
      return [
        {
          type: 'order.reopened',
          reason: command.reason,
          stationId: last.stationId,
          stationName: places.station(last.stationId)?.name ?? last.stationId,
        },
      ];
    }
    case 'dispatch':
      return [dispatchTo(view, command.stationId, command.note, places)];
    case 'urge':
    case 'supervise':
      return decideSupervision(view, command);
    case 'link_duplicate':
    case 'unlink_duplicate':
      return decideDuplicate(view, command);
    case 'request_assist':
    case 'remove_assist':
    case 'close_assists':
    case 'accept_assist':
    case 'report_assist':
      return decideAssist(view, command, places);
  }
}
