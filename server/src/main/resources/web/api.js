// The REST API of the wire contract (section 4). Each call resolves with the envelope's `data`
// or rejects with an ApiError carrying the contract's machine-readable `code`.

export class ApiError extends Error {
  /** @param {string} code contract error code, or NETWORK when the server was not reached */
  constructor(code, status, message) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

const STATUS_CODES = { 400: 'INVALID_INPUT', 401: 'INVALID_TOKEN', 403: 'FORBIDDEN', 404: 'ROOM_NOT_FOUND',
  409: 'ROOM_FULL', 410: 'ROOM_EXPIRED', 413: 'PAYLOAD_TOO_LARGE', 429: 'RATE_LIMITED' };

async function request(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError('NETWORK', 0, e.message);
  }
  let envelope;
  try {
    envelope = await response.json();
  } catch {
    throw new ApiError(STATUS_CODES[response.status] ?? 'INTERNAL', response.status, '');
  }
  if (!envelope || envelope.success !== true) {
    throw new ApiError(envelope?.code ?? STATUS_CODES[response.status] ?? 'INTERNAL', response.status,
      envelope?.message);
  }
  return envelope.data;
}

const seg = encodeURIComponent;

/** Messages per page of GET /chat/messages (contract section 4). */
export const PAGE_SIZE = 20;
/** The most messages one cursor request may ask for. */
export const CURSOR_MAX = 500;

export const api = {
  /** @returns Room */
  createRoom: ({ title, capacity, password }) => request('POST', '/chat/rooms', {
    body: password ? { title, capacity, isPassword: true, password } : { title, capacity, isPassword: false },
  }),
  /** @returns Room[] newest first */
  listRooms: () => request('GET', '/chat/rooms'),
  /** The server's limits that the forms need, e.g. `maxRoomCapacity`. */
  config: () => request('GET', '/chat/config'),
  /** @returns Room */
  room: (roomId) => request('GET', `/chat/rooms/${seg(roomId)}`),
  /** @returns true may enter, false password wrong or missing; ROOM_FULL as an error */
  accessCheck: (roomId, password) => request('POST', `/chat/rooms/${seg(roomId)}/access-check`, {
    body: password ? { password } : {},
  }),
  /** @returns true when the chatter is still present (its grace has not run out) */
  reentryCheck: (roomId, chatterId) => request('GET', `/chat/rooms/${seg(roomId)}/${seg(chatterId)}/reentry-check`),
  /** Page `page` (1 = newest) of PAGE_SIZE messages, ascending. */
  page: (roomId, page, chatterId, token) =>
    request('GET', `/chat/messages/${seg(roomId)}/${page}/${seg(chatterId)}`, { token }),
  /** Up to `limit` messages with an id greater than `after`, ascending. */
  after: (roomId, after, limit, token) =>
    request('GET', `/chat/rooms/${seg(roomId)}/messages?after=${after}&limit=${limit}`, { token }),
  /** @returns Chatter */
  rename: (chatterId, nickname, token) =>
    request('PATCH', `/chat/chatters/${seg(chatterId)}/nickname`, { body: { nickname }, token }),
};
