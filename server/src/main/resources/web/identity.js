// Who this tab is in each room: the chatter id and token from the joinRoom acknowledgement,
// kept in sessionStorage. sessionStorage is per tab and survives a reload, which is exactly the
// scope of "a refresh resumes the same chatter"; a new tab is a new chatter.
//
// The token is the chatter's only credential: it is stored nowhere else and never logged.

const key = (roomId) => `colachat.chatter.${roomId}`;

/** @returns {{chatterId: string, token: string}|null} */
export function loadIdentity(roomId) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key(roomId)) ?? 'null');
    return saved && typeof saved.chatterId === 'string' && typeof saved.token === 'string' ? saved : null;
  } catch {
    return null; // storage disabled or corrupted: behave as a new visitor
  }
}

export function saveIdentity(roomId, chatterId, token) {
  try {
    sessionStorage.setItem(key(roomId), JSON.stringify({ chatterId, token }));
  } catch {
    // Storage full or disabled: the chat still works; only a reload makes a new chatter.
  }
}

export function forgetIdentity(roomId) {
  try {
    sessionStorage.removeItem(key(roomId));
  } catch {
    // nothing to forget
  }
}
