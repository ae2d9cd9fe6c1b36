// The forms of the station's actions, each with the fields the API needs: 联系诉求人 (method and
// note), 办结 (办理结果 and 回复内容), 挂起 (a reason), 退单 (reason and note), 延期 (reason and a
// Beijing date). Every field starts from, and writes into, the drafts, so nothing typed is lost.
import type { OrderView } from '../../../../../contracts/views.js';
import { h } from '../lib/dom.js';
import { fmt, messages } from '../lib/messages.js';
import { localInputToOffset } from '../lib/time.js';
import { clearDrafts, draft, keepDraft } from './drafts.js';
import type { ActionName } from './order-facts.js';

export type FormAction = Exclude<ActionName, 'accept' | 'start' | 'resume'>;
export const formActions: readonly ActionName[] = [
  'contact',
  'resolve',
  'pause',
  'extension',
  'return',
];
export const isFormAction = (a: ActionName): a is FormAction => formActions.includes(a);

/** The API path of each action under /v1/orders/{id}/. */
export const actionPath: Record<ActionName, string> = {
  accept: 'accept',
  contact: 'contact',
  start: 'start',
  resolve: 'resolve',
  pause: 'pause',
  resume: 'resume',
  extension: 'extension-requests',
  return: 'return',
};

export interface FormHost {
  /** Sends the action; resolves true when the API took it. */
  submit: (action: ActionName, body: Record<string, unknown>) => Promise<boolean>;
  close: () => void;
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const m = () => messages<'station'>();

/** One labelled field whose value lives in the drafts. */
function field(
  view: OrderView,
  form: FormAction,
  name: string,
  labelText: string,
  control: Field,
  required: boolean,
): { row: HTMLElement; control: Field } {
  const id = `f-${form}-${name}`;
  control.id = id;
  control.name = name;
  if (required) control.required = true;
  const saved = draft(view.id, form, name);
  if (saved !== undefined) control.value = saved;
  const remember = () => keepDraft(view.id, form, name, control.value);
  control.addEventListener('input', remember);
  control.addEventListener('change', remember);
  const row = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      labelText,
      required ? h('span', { class: 'req' }, m().station.forms.required) : null,
    ),
    control,
  );
  return { row, control };
}

const select = (options: Readonly<Record<string, string>>) =>
  h(
    'select',
    {},
    Object.entries(options).map(([value, text]) => h('option', { value }, text)),
  );
const textarea = (placeholder = '', rows = 3) => h('textarea', { rows, placeholder });

/** The current Beijing time as a datetime-local value (the earliest a new deadline may be). */
function beijingNowInput(): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  return now.toISOString().slice(0, 16);
}

export function buildForm(view: OrderView, action: FormAction, host: FormHost): HTMLFormElement {
  const s = m().station;
  const c = m().common;
  const fields: { row: HTMLElement; control: Field }[] = [];
  let title = '';
  let submitText = '';
  let body: () => Record<string, unknown> | string;
  const add = (name: string, text: string, control: Field, required = false) => {
    const f = field(view, action, name, text, control, required);
    fields.push(f);
    return f.control;
  };
  const value = (control: Field) => control.value.trim();

  switch (action) {
    case 'contact': {
      const f = s.forms.contact;
      title = f.title;
      submitText = f.submit;
      const method = add('method', f.method, select(c.contactMethods), true);
      const note = add('note', f.note, textarea(f.notePlaceholder));
      body = () => ({ method: method.value, ...(value(note) ? { note: value(note) } : {}) });
      break;
    }
    case 'resolve': {
      const f = s.forms.resolve;
      title = f.title;
      submitText = f.submit;
      const result = add('result', f.result, textarea(f.resultPlaceholder, 4), true);
      const reply = add('reply', f.reply, textarea(f.replyPlaceholder, 3));
      body = () =>
        value(result)
          ? { result: value(result), ...(value(reply) ? { reply: value(reply) } : {}) }
          : f.result;
      break;
    }
    case 'pause': {
      const f = s.forms.pause;
      title = f.title;
      submitText = f.submit;
      const reason = add('reason', f.reason, select(f.reasons), true);
      const note = add('note', f.note, textarea('', 2));
      body = () => {
        const code = reason.value as keyof typeof f.reasons;
        if (code === 'other' && !value(note)) return f.note;
        const text = code === 'other' ? value(note) : f.reasons[code];
        return { reason: code !== 'other' && value(note) ? `${text}：${value(note)}` : text };
      };
      break;
    }
    case 'return': {
      const f = s.forms.return;
      title = f.title;
      submitText = f.submit;
      const reason = add('reason', f.reason, select(c.returnReasons), true);
      const note = add('note', f.note, textarea(f.notePlaceholder), true);
      body = () => (value(note) ? { reason: reason.value, note: value(note) } : f.note);
      break;
    }
    case 'extension': {
      const f = s.forms.extension;
      title = f.title;
      submitText = f.submit;
      const reason = add('reason', f.reason, textarea('', 2), true);
      const due = add(
        'dueAt',
        f.dueAt,
        h('input', { type: 'datetime-local', min: beijingNowInput() }),
        true,
      );
      body = () => {
        if (!value(reason)) return f.reason;
        if (!due.value) return f.dueAt;
        return { reason: value(reason), requestedDueAt: localInputToOffset(due.value) };
      };
      break;
    }
  }

  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitText);
  const titleId = `form-${action}-title`;
  const form = h(
    'form',
    { class: 'action-form', id: `form-${action}`, 'aria-labelledby': titleId, novalidate: true },
    h('h3', { id: titleId }, title),
    fields.map((f) => f.row),
    error,
    h(
      'div',
      { class: 'actions' },
      submit,
      h('button', { type: 'button', onclick: () => host.close() }, s.forms.cancel),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const missing = fields.find((f) => f.control.required && !f.control.value.trim());
    const built = missing ? (missing.control.labels?.[0]?.firstChild?.textContent ?? '') : body();
    if (typeof built === 'string') {
      error.textContent = fmt(s.forms.missing, { field: built });
      error.hidden = false;
      const bad = fields.find((f) => f.control.labels?.[0]?.firstChild?.textContent === built);
      (bad ?? missing)?.control.focus();
      return;
    }
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = s.actions.working;
    void host.submit(action, built).then((ok) => {
      submit.disabled = false;
      submit.textContent = submitText;
      if (ok) {
        clearDrafts(view.id, action);
        host.close();
      }
    });
  });
  return form;
}
