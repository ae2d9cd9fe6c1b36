// The actions of the order on screen: a bar of big buttons at thumb reach (the step that moves the
// order on first), and the one open form above it. A refresh never rebuilds this while the set of
// allowed actions is the same, so what a worker is typing keeps its text, caret and focus. An action
// the API would refuse as things stand (action-blocks.ts) is greyed, its reason written in the bar.
import type { OrderView } from '../../../../../contracts/views.js';
import { h } from '../lib/dom.js';
import { messages } from '../lib/messages.js';
import { blockedReason, blockSignature } from './action-blocks.js';
import { buildForm, isFormAction, type FormAction } from './action-forms.js';
import { actionSignature, actionsFor, primaryAction, type ActionName } from './order-facts.js';

export interface PanelHost {
  submit: (action: ActionName, body: Record<string, unknown>) => Promise<boolean>;
}

/** Which form was open on which order, so coming back to an order reopens it as it was. */
const openForms = new Map<string, FormAction>();

export class ActionPanel {
  readonly root: HTMLElement;
  private readonly formSlot = h('div', { class: 'form-slot' });
  private readonly bar = h('div', { class: 'action-bar', role: 'group' });
  private signature = '';
  private view: OrderView;

  constructor(
    view: OrderView,
    private readonly host: PanelHost,
  ) {
    const s = messages<'station'>().station;
    this.view = view;
    this.bar.setAttribute('aria-label', s.actions.label);
    this.root = h(
      'section',
      { class: 'order-actions', id: 'order-actions' },
      this.formSlot,
      this.bar,
    );
    this.update(view);
  }

  /** A newer view of the same order: only what changed is touched. */
  update(view: OrderView): void {
    this.view = view;
    const sig = `${actionSignature(view)}|${blockSignature(view, actionsFor(view))}`;
    if (sig === this.signature) return;
    this.signature = sig;
    const focused = document.activeElement?.closest<HTMLElement>('[data-action]')?.dataset.action;
    this.renderBar();
    const open = openForms.get(view.id);
    if (open && (!actionsFor(view).includes(open) || blockedReason(view, open))) this.closeForm();
    else if (open && !this.formSlot.firstChild) this.openForm(open, false);
    if (focused) this.bar.querySelector<HTMLElement>(`[data-action="${focused}"]`)?.focus();
  }

  private renderBar(): void {
    const s = messages<'station'>().station;
    const primary = primaryAction(this.view);
    const reasons: HTMLElement[] = [];
    const buttons = actionsFor(this.view).map((a) => {
      const form = isFormAction(a);
      const reason = blockedReason(this.view, a);
      if (reason !== undefined)
        reasons.push(h('p', { class: 'blocked-reason', id: `blocked-${a}` }, reason));
      return h(
        'button',
        {
          type: 'button',
          'data-action': a,
          class: a === primary ? 'primary' : a === 'return' ? 'danger' : '',
          ...(reason !== undefined ? { disabled: true, 'aria-describedby': `blocked-${a}` } : {}),
          ...(form ? { 'aria-expanded': String(openForms.get(this.view.id) === a) } : {}),
          onclick: () => (form ? this.toggle(a) : void this.oneTap(a)),
        },
        s.actions[a],
      );
    });
    this.bar.replaceChildren(...reasons, ...buttons);
  }

  private toggle(action: FormAction): void {
    if (openForms.get(this.view.id) === action) this.closeForm();
    else this.openForm(action, true);
  }

  private openForm(action: FormAction, focus: boolean): void {
    openForms.set(this.view.id, action);
    const form = buildForm(this.view, action, {
      submit: (a, body) => this.host.submit(a, body),
      close: () => this.closeForm(),
    });
    this.formSlot.replaceChildren(form);
    this.markExpanded();
    if (focus) {
      form.scrollIntoView({ block: 'nearest' });
      form.querySelector<HTMLElement>('select, textarea, input')?.focus();
    }
  }

  private closeForm(): void {
    openForms.delete(this.view.id);
    this.formSlot.replaceChildren();
    this.markExpanded();
  }

  private markExpanded(): void {
    const open = openForms.get(this.view.id);
    // With a form open its own buttons are the ones at hand; the bar stops floating over it.
    this.root.classList.toggle('form-open', open !== undefined);
    for (const b of this.bar.querySelectorAll<HTMLElement>('[aria-expanded]'))
      b.setAttribute('aria-expanded', String(b.dataset.action === open));
  }

  private async oneTap(action: ActionName): Promise<void> {
    const button = this.bar.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
    if (button) button.disabled = true;
    await this.host.submit(action, {});
    if (button?.isConnected) button.disabled = false;
  }
}
