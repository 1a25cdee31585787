// A room page, /chat/{roomId}: loads the room, shows the enter step when needed, then runs the
// chat over Socket.IO (contract sections 5 and 6).
//
// Joining and resuming. The tab's chatter id and token live in sessionStorage (identity.js).
// On load, when the reentry check says this chatter is still present (a refresh inside the
// server's grace), the enter step is skipped and joinRoom resumes the same chatter, so nobody
// sees a notice. Every (re)connect of the socket sends joinRoom again with the saved pair.
//
// No gap, no duplicate. After each join the client fills in what it has not seen:
//   - the first join of this page: page 1 of the history (GET /chat/messages/...);
//   - a rejoin after a drop: every message after the newest one shown, by the cursor
//     endpoint (GET /chat/rooms/{id}/messages?after=), in batches until it runs dry.
// Live messages that arrive meanwhile are held back and applied after the fetch; the timeline
// shows each id once and in id order, so overlaps between the two sources are harmless.

import { io } from './vendor/socket.io.esm.min.js';
import { api, PAGE_SIZE, CURSOR_MAX } from './api.js';
import { h, icon, replace, toast } from './dom.js';
import { t, lang } from './i18n.js';
import { loadIdentity, saveIdentity, forgetIdentity } from './identity.js';
import { loading, notice, siteBar, navLink } from './layout.js';
import {
  emptyPresence, syncList, syncDiff, roster,
  emptyTyping, typingStarted, typingStopped, typingPruned, typers,
} from './presence.js';
import { buildRoomView } from './roomview.js';
import { Timeline, alertText } from './timeline.js';

const ACK_TIMEOUT_MS = 10000;
const TYPING_EVERY_MS = 2500;
/** Catch-up batches after a drop before giving up and showing the newest page instead. */
const MAX_CATCH_UP_BATCHES = 20;
/** Rejoins in a row after a failed history fetch before telling the reader. */
const MAX_FETCH_RETRIES = 3;

/**
 * Renders the room page into `root`; returns its cleanup.
 * @param handoff what the home page passes on after creating the room: {created, password, room}
 */
export function renderRoom(root, roomId, handoff, { navigate }) {
  let dispose = () => {};
  let disposed = false;
  replace(root, loading());

  (async () => {
    const saved = loadIdentity(roomId);
    let room;
    let present = false;
    try {
      [room, present] = await Promise.all([
        handoff.room ?? api.room(roomId),
        saved ? api.reentryCheck(roomId, saved.chatterId).catch(() => false) : false,
      ]);
    } catch (e) {
      if (!disposed) showProblem(e.code);
      return;
    }
    if (disposed) return;
    document.title = `${room.title} · ${t('app.name')}`;
    if (present || handoff.created) {
      openChat(room, { password: handoff.password ?? null, created: Boolean(handoff.created) });
    } else {
      showGate(room);
    }
  })();

  function showProblem(code) {
    dispose();
    dispose = () => {};
    if (code === 'ROOM_EXPIRED' || code === 'ROOM_NOT_FOUND') {
      if (code === 'ROOM_EXPIRED') forgetIdentity(roomId);
      replace(root, notice(code));
      root.querySelector('h1')?.focus();
    } else {
      // A network or server fault: say so, and offer a retry.
      replace(root, h('div', { class: 'page' }, siteBar(),
        h('main', { id: 'main', class: 'center' },
          h('section', { class: 'card card--notice' },
            h('h1', { class: 'notice__title', tabindex: '-1', text: t(code === 'NETWORK' ? 'error.NETWORK' : 'error.generic') }),
            h('div', { class: 'actions' },
              h('button', { class: 'btn btn--primary', type: 'button', onclick: () => location.reload(), text: t('lobby.retry') }),
              navLink('/', { class: 'btn btn--ghost' }, t('page.home')))))));
    }
  }

  // ---------------------------------------------------------------- the enter step

  function showGate(room, errorCode = null) {
    dispose();
    dispose = () => {};
    const password = room.isPassword ? h('input', {
      id: 'gate-password', class: 'input', type: 'password', required: true, maxlength: '64',
      autocomplete: 'current-password', 'aria-describedby': 'gate-error',
    }) : null;
    const error = h('p', { id: 'gate-error', class: 'form-error', role: 'alert' });
    const enter = h('button', { class: 'btn btn--primary btn--block', type: 'submit', text: t('gate.enter') });
    const form = h('form', { class: 'form', novalidate: true },
      password ? h('div', { class: 'field' }, h('label', { class: 'label', for: 'gate-password', text: t('gate.password') }), password) : null,
      error, enter);
    replace(root, h('div', { class: 'page' }, siteBar(),
      h('main', { id: 'main', class: 'center' },
        h('section', { class: 'card card--gate', 'aria-labelledby': 'gate-title' },
          h('p', { class: 'eyebrow', text: t('gate.title') }),
          h('h1', { id: 'gate-title', class: 'gate__title', tabindex: '-1' },
            room.isPassword ? icon('lock', 'icon gate__lock') : null, h('span', { text: room.title })),
          h('p', { class: 'gate__meta' }, icon('people'),
            h('span', { text: t('gate.people', { present: room.onlineCount, capacity: room.capacity }) })),
          h('p', { class: 'hint', text: t('gate.nickname') }),
          form,
          navLink('/', { class: 'link-btn gate__home' }, t('gate.home'))))));
    if (errorCode) error.textContent = errorText(errorCode);
    (password ?? enter).focus();

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      if (password && !password.value) {
        error.textContent = t('error.WRONG_PASSWORD');
        password.focus();
        return;
      }
      enter.disabled = true;
      enter.textContent = t('gate.entering');
      try {
        const ok = await api.accessCheck(room.id, password?.value);
        if (!ok) throw Object.assign(new Error(), { code: 'WRONG_PASSWORD' });
        openChat(room, { password: password?.value ?? null, created: false });
      } catch (err) {
        if (err.code === 'ROOM_EXPIRED' || err.code === 'ROOM_NOT_FOUND') return showProblem(err.code);
        error.textContent = errorText(err.code);
        enter.disabled = false;
        enter.textContent = t('gate.enter');
        if (password) {
          password.select();
          password.focus();
        }
      }
    });
  }

  // ---------------------------------------------------------------- the chat

  function openChat(room, { password, created }) {
    dispose();
    let me = null;
    let presence = emptyPresence();
    let typing = emptyTyping();
    let joinGeneration = 0;
    let joined = false;
    let held = null; // live messages held back while a fetch fills in the gap
    let hasOlder = true;
    let loadingOlder = false;
    let lastTypingSent = 0;
    let ended = false;
    let firstJoin = true;
    let fetchFailures = 0;

    const timeline = new Timeline({
      onUnread: (count, last) => view.setUnread(count, last),
      onNearTop: () => loadOlder(),
    });
    const view = buildRoomView(room, timeline, { onSend: send, onTyping: typingNow, onLeave: leave, onRename: rename, onCopy: copyLink });
    replace(root, view.el);
    if (created) view.showShare();
    if (matchMedia('(pointer: fine)').matches) view.textarea.focus();

    const socket = io(`/${room.namespace}`, {
      forceNew: true,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      timeout: 8000,
    });

    socket.on('connect', () => join());
    socket.on('disconnect', (reason) => {
      joined = false;
      presence = emptyPresence();
      if (ended) return;
      setConnection();
      // The server ended this socket (it is not reconnected automatically): try again.
      if (reason === 'io server disconnect') setTimeout(() => !ended && socket.connect(), 1000);
    });
    socket.on('connect_error', () => setConnection());
    socket.on('sendMessage', (m) => receive(m));
    socket.on('sendAlert', (m) => receive(m));
    socket.on('returnChatters', (list) => {
      presence = syncList(presence, list);
      renderPeople();
    });
    socket.on('presenceDiff', (diff) => {
      presence = syncDiff(presence, diff);
      for (const id of diff?.left ?? []) typing = typingStopped(typing, id);
      renderPeople();
      renderTyping();
    });
    socket.on('typing', (notice) => {
      if (!notice?.chatterId || notice.chatterId === me?.id) return;
      typing = typingStarted(typing, notice, Date.now());
      renderTyping();
    });
    socket.on('roomExpired', () => end('ROOM_EXPIRED'));

    // The browser knows before the socket does: drop a dead connection at once, and come back
    // as soon as the network (or the tab) does instead of waiting for the next backoff step.
    const onOffline = () => {
      if (socket.connected) socket.io.engine?.close();
      setConnection();
    };
    const reconnectNow = () => {
      if (ended || socket.connected || !navigator.onLine) return;
      socket.disconnect();
      socket.connect();
      setConnection();
    };
    const onVisible = () => document.visibilityState === 'visible' && reconnectNow();
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', reconnectNow);
    document.addEventListener('visibilitychange', onVisible);
    const typingTimer = setInterval(() => {
      const pruned = typingPruned(typing, Date.now());
      if (pruned !== typing) {
        typing = pruned;
        renderTyping();
      }
    }, 1000);

    dispose = () => {
      ended = true;
      socket.disconnect();
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', reconnectNow);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(typingTimer);
      view.dispose();
    };
    setConnection();

    function setConnection() {
      const state = joined ? 'online' : !navigator.onLine ? 'offline' : firstJoin ? 'connecting' : 'reconnecting';
      view.setConnection(state, joined);
    }

    async function join() {
      const generation = ++joinGeneration;
      held = [];
      presence = emptyPresence();
      const saved = loadIdentity(roomId);
      const payload = { roomId };
      if (saved) Object.assign(payload, { chatterId: saved.chatterId, token: saved.token });
      if (password) payload.password = password;
      let reply;
      try {
        reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('joinRoom', payload);
      } catch {
        // No answer: drop this connection; the client reconnects and joins again.
        if (generation === joinGeneration && socket.connected) socket.io.engine?.close();
        return;
      }
      if (generation !== joinGeneration || ended) return;
      if (!reply?.success) return joinRefused(reply?.code, generation);

      const previous = me;
      me = reply.data;
      saveIdentity(roomId, me.id, me.token);
      password = null; // from now on the token admits this chatter
      timeline.setSelf(me.id);
      view.setNickname(me.nickname);
      joined = true;
      firstJoin = false;
      setConnection();
      try {
        if (!previous || previous.id !== me.id || timeline.size === 0) await loadFirstPage(generation);
        else await catchUp(generation);
        fetchFailures = 0;
      } catch (e) {
        if (generation !== joinGeneration) return;
        // Without the fetch there may be a gap: join again (which fetches again), a few times.
        if (++fetchFailures <= MAX_FETCH_RETRIES && socket.connected) {
          socket.io.engine?.close();
          return;
        }
        toast(errorText(e.code), 'error');
      }
      if (generation !== joinGeneration) return;
      const pending = held;
      held = null;
      timeline.add(pending, 'live');
    }

    function joinRefused(code, generation) {
      if (code === 'ROOM_EXPIRED' || code === 'ROOM_NOT_FOUND') return end(code);
      if (code === 'ROOM_FULL' || code === 'WRONG_PASSWORD') {
        // Our seat was taken while we were away, or our token no longer admits us.
        ended = true;
        forgetIdentity(roomId);
        dispose();
        return showGate(room, code);
      }
      // A passing fault (rate limit, server busy): ask again shortly on this connection.
      setTimeout(() => generation === joinGeneration && socket.connected && !ended && join(), 2000);
    }

    function receive(m) {
      if (m?.chatterId) typing = typingStopped(typing, m.chatterId);
      renderTyping();
      if (held) {
        held.push(m);
        return;
      }
      if (timeline.add([m], 'live') && m.chatterId !== me?.id) {
        view.announce(m.type === 'ALERT' ? alertText(m, me?.id)
          : t('room.said', { nickname: m.chatter?.nickname ?? '', text: [...(m.content ?? '')].slice(0, 200).join('') }));
      }
    }

    async function loadFirstPage(generation) {
      const page = await api.page(roomId, 1, me.id, me.token);
      if (generation !== joinGeneration) return;
      hasOlder = page.length === PAGE_SIZE;
      timeline.setTop(hasOlder ? 'idle' : 'start');
      timeline.add(page, 'initial');
      if (hasOlder && timeline.needsMore()) queueMicrotask(loadOlder);
    }

    async function catchUp(generation) {
      let after = timeline.newestId ?? 0;
      for (let batch = 0; batch < MAX_CATCH_UP_BATCHES; batch++) {
        const missed = await api.after(roomId, after, CURSOR_MAX, me.token);
        if (generation !== joinGeneration) return;
        timeline.add(missed, 'catchup');
        if (missed.length < CURSOR_MAX) return;
        after = missed[missed.length - 1].id;
      }
      // Away for a very long time: start again from the newest page, like a fresh entry.
      timeline.clear();
      await loadFirstPage(generation);
    }

    /** The next older page. Pages count from the newest message, and every message newer than
     * the oldest one shown is shown, so the next older message is number size + 1. */
    async function loadOlder() {
      if (!hasOlder || loadingOlder || !me || held) return;
      loadingOlder = true;
      timeline.setTop('loading');
      try {
        let page = Math.floor(timeline.size / PAGE_SIZE) + 1;
        for (let tries = 0; tries < 5; tries++, page++) {
          const batch = await api.page(roomId, page, me.id, me.token);
          if (ended) return;
          const oldest = timeline.oldestId;
          const added = timeline.add(batch.filter((m) => oldest === null || m.id < oldest), 'older');
          if (batch.length < PAGE_SIZE) {
            hasOlder = false;
            break;
          }
          if (added > 0) break;
        }
      } catch (e) {
        toast(errorText(e.code), 'error');
      } finally {
        loadingOlder = false;
        timeline.setTop(hasOlder ? 'idle' : 'start');
      }
      if (hasOlder && timeline.needsMore()) loadOlder();
    }

    /** Clears the composer at once; a message that fails comes back if the box is still empty. */
    async function send(text) {
      view.clearComposer();
      let problem = null;
      try {
        const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sendMessage', { roomId, content: text });
        if (reply?.success) {
          timeline.add([reply.data], 'own');
          return;
        }
        problem = reply?.code === 'NOT_JOINED' ? 'error.sendFailed' : `error.${reply?.code}`;
        if (reply?.code === 'NOT_JOINED') socket.io.engine?.close(); // reconnect and join again
      } catch {
        problem = 'error.sendFailed';
      }
      if (!view.textarea.value) view.restoreComposer(text);
      toast(errorText(problem.slice('error.'.length)), 'error');
    }

    function typingNow() {
      const now = Date.now();
      if (!joined || now - lastTypingSent < TYPING_EVERY_MS) return;
      lastTypingSent = now;
      socket.volatile.emit('typing', { roomId });
    }

    async function leave() {
      ended = true;
      try {
        if (socket.connected) await socket.timeout(3000).emitWithAck('leaveRoom', {});
      } catch {
        // Gone anyway: without the explicit leave the grace announces it a little later.
      }
      forgetIdentity(roomId);
      navigate('/');
    }

    async function rename(nickname) {
      try {
        const chatter = await api.rename(me.id, nickname, me.token);
        me = { ...me, nickname: chatter.nickname };
        view.setNickname(me.nickname);
        toast(t('rename.done', { nickname: me.nickname }));
        return null;
      } catch (e) {
        return e.code === 'INVALID_INPUT' ? t('rename.taken') : errorText(e.code);
      }
    }

    async function copyLink() {
      const link = `${location.origin}/chat/${room.id}`;
      try {
        await navigator.clipboard.writeText(link);
        toast(t('room.linkCopied'));
      } catch {
        toast(t('room.copyFailed'));
      }
    }

    function end(code) {
      ended = true;
      forgetIdentity(roomId);
      showProblem(code);
    }

    function renderPeople() {
      if (presence.ready) view.setPeople(roster(presence, me?.id, lang), me?.id);
    }

    function renderTyping() {
      view.setTyping(typers(typing));
    }
  }

  return () => {
    disposed = true;
    dispose();
  };
}

function errorText(code) {
  const key = `error.${code}`;
  const text = t(key);
  return text === key ? t('error.generic') : text;
}
