// Who is in the room and who is typing, as pure state: every function returns a new state and
// touches neither the page nor the socket, so the rules below can be read and tested alone.
//
// The server sends a full list (`returnChatters`) to a joiner right after its join, and to the
// whole room after each change while the room is small; it sends a diff (`presenceDiff`) to
// the whole room after every change. On one socket events arrive in the order the server sent
// them, so a diff that arrives before the first full list is already contained in that list:
// until the first list, diffs are dropped, not buffered. After it, diffs apply in order and
// every later full list replaces the state outright.

/** @typedef {{id: string, nickname: string}} Chatter */
/** @typedef {{ready: boolean, members: Map<string, Chatter>}} Presence */

/** @returns {Presence} no list received yet (a fresh join or a reconnect) */
export function emptyPresence() {
  return { ready: false, members: new Map() };
}

/** @returns {Presence} the state a full list describes */
export function syncList(state, list) {
  return { ready: true, members: new Map((list ?? []).map((c) => [c.id, c])) };
}

/** @returns {Presence} the state after one diff `{joined, left, renamed}` */
export function syncDiff(state, diff) {
  if (!state.ready) return state;
  const members = new Map(state.members);
  for (const c of diff?.joined ?? []) members.set(c.id, c);
  for (const id of diff?.left ?? []) members.delete(id);
  for (const c of diff?.renamed ?? []) if (members.has(c.id)) members.set(c.id, c);
  return { ready: true, members };
}

/** Present chatters, the viewer first, the others by nickname. */
export function roster(state, selfId, lang = 'en') {
  const collator = new Intl.Collator(lang);
  return [...state.members.values()].sort((a, b) =>
    (a.id === selfId ? -1 : b.id === selfId ? 1 : collator.compare(a.nickname, b.nickname)));
}

// ---------------------------------------------------------------- typing

/** How long a typing notice lasts without a new one. */
export const TYPING_TTL_MS = 4000;

/** @returns {Map<string, {nickname: string, until: number}>} */
export const emptyTyping = () => new Map();

/** A typing notice `{chatterId, nickname}` arrived at `now`. */
export function typingStarted(typing, notice, now) {
  const next = new Map(typing);
  next.set(notice.chatterId, { nickname: notice.nickname, until: now + TYPING_TTL_MS });
  return next;
}

/** The chatter sent its message (or left): it is no longer typing. */
export function typingStopped(typing, chatterId) {
  if (!typing.has(chatterId)) return typing;
  const next = new Map(typing);
  next.delete(chatterId);
  return next;
}

/** Drops notices that ran out. */
export function typingPruned(typing, now) {
  const next = new Map([...typing].filter(([, v]) => v.until > now));
  return next.size === typing.size ? typing : next;
}

/** The nicknames typing now, in the order they started. */
export const typers = (typing) => [...typing.values()].map((v) => v.nickname);
