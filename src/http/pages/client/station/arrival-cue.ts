// New orders must be noticed by a worker who is not looking: a badge and an announcement in a live
// region (screen readers read it), and a short beep. Browsers only let a page make sound after the
// person has touched it, so the audio is set up on the first tap or key press.
import { byId, h } from '../lib/dom.js';
import { fmt, messages } from '../lib/messages.js';

let audio: AudioContext | undefined;

export function armSound(): void {
  const arm = () => {
    if (!audio) {
      try {
        audio = new AudioContext();
      } catch {
        audio = undefined; // no audio on this device: the visible cue still shows
      }
    }
    void audio?.resume();
  };
  for (const type of ['pointerdown', 'keydown', 'touchstart'])
    document.addEventListener(type, arm, { once: true, capture: true, passive: true });
}

/** Two short tones, loud enough to hear across a room, short enough not to annoy. */
function beep(): void {
  try {
    if (audio?.state === 'running') tones(audio);
  } catch {
    // A device without working audio still has the visible cue.
  }
}

function tones(ctx: AudioContext): void {
  const start = ctx.currentTime;
  for (const [i, freq] of [880, 1175].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.25, start + i * 0.22);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.22 + 0.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + i * 0.22);
    osc.stop(start + i * 0.22 + 0.2);
  }
}

let unseen = 0;

/** New orders have arrived: count them on the badge, announce the newest, and beep. */
export function announceArrivals(titles: readonly string[], onShow: () => void): void {
  if (titles.length === 0) return;
  const m = messages<'station'>().station;
  unseen += titles.length;
  const box = byId('arrivals');
  box.replaceChildren(
    h(
      'button',
      {
        type: 'button',
        class: 'arrival-badge',
        onclick: () => {
          clearArrivals();
          onShow();
        },
      },
      h('span', { class: 'badge-dot', 'aria-hidden': 'true' }),
      fmt(m.newOrders, { n: unseen }),
    ),
    h('span', { class: 'arrival-text' }, fmt(m.newOrderAnnounce, { title: titles.at(-1) ?? '' })),
  );
  beep();
}

export function clearArrivals(): void {
  unseen = 0;
  byId('arrivals').replaceChildren();
}
