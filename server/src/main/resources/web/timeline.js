// The message list of a room: keeps messages in id order whatever order they arrive in (live,
// from history pages, from the cursor catch-up after a reconnect), shows each id once, and
// owns the scrolling rules:
//   - a live message sticks the view to the bottom only when the reader is already there or
//     wrote it; otherwise it is counted as unread and the room shows a preview bar;
//   - older pages are inserted above without moving what the reader is looking at.

import { h, srOnly } from './dom.js';
import { t, formatTime, formatFull, formatDay, dayKey } from './i18n.js';

/** Within this distance of the bottom the reader counts as "at the bottom". */
const STICKY_PX = 72;
/** Consecutive messages of one sender within this time are grouped under one name. */
const GROUP_MS = 5 * 60 * 1000;

export class Timeline {
  /**
   * @param {{onUnread: (count: number, last: object|null) => void, onNearTop: () => void}} hooks
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.selfId = null;
    this.nodes = new Map();
    this.ids = [];
    this.unread = 0;
    this.lastUnread = null;
    this.top = h('p', { class: 'timeline__top', role: 'status' });
    this.list = h('ol', { class: 'timeline__list' });
    this.el = h('div', {
      class: 'timeline', tabindex: '0', role: 'region', 'aria-label': t('room.messages'),
    }, this.top, this.list);
    this.el.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  get size() { return this.ids.length; }
  get oldestId() { return this.ids.length ? this.ids[0] : null; }
  get newestId() { return this.ids.length ? this.ids[this.ids.length - 1] : null; }

  setSelf(id) { this.selfId = id; }

  /** Forgets every message shown. */
  clear() {
    this.list.replaceChildren();
    this.nodes.clear();
    this.ids = [];
    this.clearUnread();
  }

  /** The marker above the first message: 'loading', 'start' (nothing older) or 'idle'. */
  setTop(state) {
    this.top.dataset.state = state;
    this.top.textContent = state === 'loading' ? t('room.loadingOlder') : state === 'start' ? t('room.start') : '';
  }

  isAtBottom() {
    const el = this.el;
    return el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
  }

  scrollToBottom() {
    this.el.scrollTop = this.el.scrollHeight;
    this.clearUnread();
  }

  clearUnread() {
    if (this.unread === 0) return;
    this.unread = 0;
    this.lastUnread = null;
    this.hooks.onUnread(0, null);
  }

  /**
   * Adds messages, skipping ids already shown. `mode`: 'initial' (scroll to the bottom),
   * 'older' (keep the view still), 'own' (the reader sent it: scroll to the bottom), 'live' or
   * 'catchup' (follow only when at the bottom, else count as unread).
   * @returns {number} how many were new
   */
  add(messages, mode) {
    const fresh = (messages ?? []).filter((m) => m && Number.isFinite(m.id) && !this.nodes.has(m.id));
    if (fresh.length === 0) return 0;
    const wasAtBottom = this.isAtBottom();
    const fromBottom = this.el.scrollHeight - this.el.scrollTop;
    for (const m of fresh.sort((a, b) => a.id - b.id)) this.insert(m);

    if (mode === 'older') {
      this.el.scrollTop = this.el.scrollHeight - fromBottom;
    } else if (mode === 'initial' || mode === 'own' || wasAtBottom) {
      this.scrollToBottom();
    } else {
      const others = fresh.filter((m) => m.chatterId !== this.selfId || m.type === 'ALERT');
      if (others.length) {
        this.unread += others.length;
        this.lastUnread = others[others.length - 1];
        this.hooks.onUnread(this.unread, this.lastUnread);
      }
    }
    return fresh.length;
  }

  onScroll() {
    if (this.isAtBottom()) this.clearUnread();
    if (this.el.scrollTop < 160) this.hooks.onNearTop();
  }

  /** True when the list does not fill the view, so no scroll can ask for older pages. */
  needsMore() {
    return this.el.scrollHeight <= this.el.clientHeight + 160;
  }

  // ---------------------------------------------------------------- rendering

  insert(m) {
    const node = m.type === 'ALERT' ? this.alertNode(m) : this.messageNode(m);
    // Binary search for the first id greater than m.id: usually the end.
    let lo = 0;
    let hi = this.ids.length;
    if (hi > 0 && this.ids[hi - 1] < m.id) {
      lo = hi;
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.ids[mid] < m.id) lo = mid + 1; else hi = mid;
      }
    }
    const before = lo < this.ids.length ? this.nodes.get(this.ids[lo]) : null;
    this.list.insertBefore(node, before);
    this.ids.splice(lo, 0, m.id);
    this.nodes.set(m.id, node);
    this.decorate(node);
    if (node.nextElementSibling) this.decorate(node.nextElementSibling);
  }

  /** Day dividers and sender grouping depend on the previous item: recomputed on insert. */
  decorate(node) {
    const prev = node.previousElementSibling;
    const newDay = !prev || prev.dataset.day !== node.dataset.day;
    node.querySelector('.day').hidden = !newDay;
    if (node.classList.contains('msg')) {
      const grouped = !newDay && prev?.classList.contains('msg') && prev.dataset.chatter === node.dataset.chatter
        && Number(node.dataset.at) - Number(prev.dataset.at) < GROUP_MS;
      node.classList.toggle('msg--cont', Boolean(grouped));
    }
  }

  dayDivider(iso) {
    return h('div', { class: 'day', role: 'separator' }, h('span', { class: 'day__label', text: formatDay(iso) }));
  }

  time(iso) {
    return h('time', { class: 'stamp', datetime: iso, title: formatFull(iso), text: formatTime(iso) });
  }

  messageNode(m) {
    const own = m.chatterId === this.selfId;
    const nickname = m.chatter?.nickname ?? '?';
    return h('li', {
      class: own ? 'msg msg--own' : 'msg',
      dataset: { id: String(m.id), chatter: m.chatterId ?? '', day: dayKey(m.sentAt), at: String(Date.parse(m.sentAt)) },
    },
    this.dayDivider(m.sentAt),
    own ? srOnly(t('room.you.said')) : h('p', { class: 'msg__author', text: nickname }),
    h('div', { class: 'msg__row' },
      h('p', { class: 'msg__bubble', text: m.content }),
      this.time(m.sentAt)));
  }

  alertNode(m) {
    return h('li', { class: 'note', dataset: { id: String(m.id), day: dayKey(m.sentAt), kind: m.alert?.kind ?? '' } },
      this.dayDivider(m.sentAt),
      h('p', { class: 'note__text' }, h('span', { text: alertText(m, this.selfId) }), ' ', this.time(m.sentAt)));
  }
}

/** An alert in the reader's language, from its structured `alert`; the server's text otherwise. */
export function alertText(m, selfId) {
  const a = m.alert;
  if (!a || !['JOIN', 'LEAVE', 'RENAME'].includes(a.kind)) return m.content ?? '';
  const self = Boolean(m.chatterId) && m.chatterId === selfId;
  return t(self ? `alert.${a.kind}.you` : `alert.${a.kind}`, { nickname: a.nickname, previous: a.previousNickname ?? '' });
}
