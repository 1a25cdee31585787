'use strict';
// The Cola Chat wire contract written the way a small team would write it on a
// weekend: socket.io 4.8, everything in memory, REST on node:http, and the full
// presence list sent to the whole room on every join and leave. This is the
// baseline our server is measured against (docs/benchmarks.md); it is not meant
// to be clever, only ordinary and correct for the events the benchmarks use.
//
//   node server.js --port 8090 [--leave-grace-ms 3000] [--max-room-capacity 5000]

const http = require('node:http');
const crypto = require('node:crypto');
const { Server } = require('socket.io');

function flag(name, dflt) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}

const PORT = Number(flag('port', 8090));
const HOST = flag('host', '127.0.0.1');
const LEAVE_GRACE_MS = Number(flag('leave-grace-ms', 3000));
const MAX_CAPACITY = Number(flag('max-room-capacity', 100));
const ROOM_TTL_MS = 24 * 3600 * 1000;

const ADJECTIVES = ['Brave', 'Calm', 'Eager', 'Gentle', 'Happy', 'Jolly', 'Kind', 'Lucky', 'Quiet', 'Swift'];
const ANIMALS = ['Otter', 'Fox', 'Panda', 'Owl', 'Koala', 'Lynx', 'Heron', 'Seal', 'Bison', 'Wren'];

// ---------------------------------------------------------------- state

const rooms = new Map();     // roomId -> room
const chatters = new Map();  // chatterId -> chatter

function now() {
  return new Date().toISOString();
}

function ok(data) {
  return { success: true, message: 'OK', data };
}

function fail(code, message) {
  return { success: false, message, code, data: null };
}

function roomView(r) {
  return {
    id: r.id, title: r.title, namespace: r.namespace, capacity: r.capacity, isPassword: r.isPassword,
    createdAt: r.createdAt, expiresAt: r.expiresAt, isExpired: Date.parse(r.expiresAt) < Date.now(),
    onlineCount: r.present.size,
  };
}

function chatterView(c) {
  return { id: c.id, nickname: c.nickname, roomId: c.roomId, createdAt: c.createdAt, isActive: true };
}

function presentList(room) {
  return [...room.present].map((id) => chatterView(chatters.get(id)));
}

function store(room, message) {
  message.id = ++room.lastId;
  room.messages.push(message);
  if (room.messages.length > 1000) {
    room.messages.shift();
  }
  return message;
}

function alert(room, chatter, kind) {
  return store(room, {
    type: 'ALERT', content: `${chatter.nickname} ${kind === 'JOIN' ? 'joined' : 'left'}.`, sentAt: now(),
    roomId: room.id, chatterId: chatter.id, chatter: { id: chatter.id, nickname: chatter.nickname },
    alert: { kind, nickname: chatter.nickname },
  });
}

// ---------------------------------------------------------------- REST

function readJson(req) {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch (e) {
        resolve(null);
      }
    });
  });
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const httpServer = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const parts = url.pathname.split('/').filter(Boolean);
  if (req.method === 'POST' && url.pathname === '/chat/rooms') {
    const b = await readJson(req);
    if (!b || typeof b.title !== 'string' || !b.title.trim() || b.title.trim().length > 30
        || !Number.isInteger(b.capacity) || b.capacity < 2 || b.capacity > MAX_CAPACITY || b.isPassword) {
      return send(res, 400, fail('INVALID_INPUT', 'Invalid input.'));
    }
    const createdAt = now();
    const room = {
      id: crypto.randomUUID(), title: b.title.trim(), namespace: b.namespace || 'anonymous', capacity: b.capacity,
      isPassword: false, createdAt, expiresAt: new Date(Date.now() + ROOM_TTL_MS).toISOString(),
      present: new Set(), messages: [], lastId: 0,
    };
    rooms.set(room.id, room);
    return send(res, 201, ok(roomView(room)));
  }
  if (req.method === 'GET' && url.pathname === '/chat/rooms') {
    return send(res, 200, ok([...rooms.values()].reverse().slice(0, 100).map(roomView)));
  }
  if (req.method === 'GET' && parts.length === 3 && parts[0] === 'chat' && parts[1] === 'rooms') {
    const room = rooms.get(parts[2]);
    return room ? send(res, 200, ok(roomView(room))) : send(res, 404, fail('ROOM_NOT_FOUND', 'No such room.'));
  }
  if (url.pathname === '/healthz' || url.pathname === '/readyz') {
    return send(res, 200, ok(null));
  }
  return send(res, 404, fail('ROOM_NOT_FOUND', 'Not found.'));
});

// ---------------------------------------------------------------- Socket.IO

const io = new Server(httpServer, { cors: { origin: '*' }, maxHttpBufferSize: 1e6 });
const nsp = io.of(/^\/[A-Za-z0-9_-]{1,64}$/);

function leaveNow(room, chatter) {
  if (!room.present.delete(chatter.id)) {
    return;
  }
  chatter.present = false;
  nsp.to(room.id).emit('sendAlert', alert(room, chatter, 'LEAVE'));
  nsp.to(room.id).emit('presenceDiff', { joined: [], left: [chatter.id], renamed: [] });
  nsp.to(room.id).emit('returnChatters', presentList(room));
}

nsp.on('connection', (socket) => {
  const reply = (ack, body) => { if (typeof ack === 'function') ack(body); };

  socket.on('joinRoom', (p, ack) => {
    const room = p && rooms.get(p.roomId);
    if (!room) return reply(ack, fail('ROOM_NOT_FOUND', 'No such room.'));
    if (socket.data.chatterId) return reply(ack, fail('INVALID_INPUT', 'Already in a room.'));
    let chatter = p.chatterId && chatters.get(p.chatterId);
    if (chatter && (chatter.roomId !== room.id || chatter.token !== p.token)) chatter = null;
    if (!chatter && room.present.size >= room.capacity) return reply(ack, fail('ROOM_FULL', 'The room is full.'));
    if (!chatter) {
      chatter = {
        id: crypto.randomUUID(), roomId: room.id, createdAt: now(), sockets: new Set(), present: false,
        nickname: `${ADJECTIVES[crypto.randomInt(10)]} ${ANIMALS[crypto.randomInt(10)]}`,
        token: crypto.randomBytes(24).toString('base64url'), leaveTimer: null,
      };
      chatters.set(chatter.id, chatter);
    }
    socket.data.chatterId = chatter.id;
    chatter.sockets.add(socket.id);
    socket.join(room.id);
    if (chatter.leaveTimer) {
      clearTimeout(chatter.leaveTimer);
      chatter.leaveTimer = null;
    }
    if (!chatter.present) {
      chatter.present = true;
      room.present.add(chatter.id);
      nsp.to(room.id).emit('sendAlert', alert(room, chatter, 'JOIN'));
      nsp.to(room.id).emit('presenceDiff', { joined: [chatterView(chatter)], left: [], renamed: [] });
      nsp.to(room.id).emit('returnChatters', presentList(room));
    } else {
      socket.emit('returnChatters', presentList(room));
    }
    reply(ack, ok({ ...chatterView(chatter), token: chatter.token }));
  });

  socket.on('sendMessage', (p, ack) => {
    const chatter = chatters.get(socket.data.chatterId);
    if (!chatter || !p || chatter.roomId !== p.roomId) return reply(ack, fail('NOT_JOINED', 'Join the room first.'));
    const content = typeof p.content === 'string' ? p.content.trim() : '';
    if (!content || content.length > 1000) return reply(ack, fail('INVALID_INPUT', 'Invalid input.'));
    const room = rooms.get(chatter.roomId);
    const message = store(room, {
      type: 'MESSAGE', content, sentAt: now(), roomId: room.id, chatterId: chatter.id,
      chatter: { id: chatter.id, nickname: chatter.nickname },
    });
    nsp.to(room.id).emit('sendMessage', message);
    reply(ack, ok(message));
  });

  socket.on('returnChatters', (p, ack) => {
    const chatter = chatters.get(socket.data.chatterId);
    if (!chatter) return reply(ack, fail('NOT_JOINED', 'Join the room first.'));
    const list = presentList(rooms.get(chatter.roomId));
    socket.emit('returnChatters', list);
    reply(ack, ok(list));
  });

  socket.on('typing', () => {
    const chatter = chatters.get(socket.data.chatterId);
    if (chatter) socket.volatile.to(chatter.roomId).emit('typing', { chatterId: chatter.id, nickname: chatter.nickname });
  });

  socket.on('leaveRoom', (p, ack) => {
    const chatter = chatters.get(socket.data.chatterId);
    if (!chatter) return reply(ack, fail('NOT_JOINED', 'Join the room first.'));
    const room = rooms.get(chatter.roomId);
    socket.leave(room.id);
    socket.data.chatterId = null;
    chatter.sockets.delete(socket.id);
    chatter.token = null;
    leaveNow(room, chatter);
    reply(ack, ok(null));
  });

  socket.on('sendAlert', (p, ack) => reply(ack, fail('FORBIDDEN', 'Alerts are written by the server.')));

  socket.on('disconnect', () => {
    const chatter = chatters.get(socket.data.chatterId);
    if (!chatter) return;
    chatter.sockets.delete(socket.id);
    if (chatter.sockets.size === 0 && chatter.present) {
      chatter.leaveTimer = setTimeout(() => {
        chatter.leaveTimer = null;
        if (chatter.sockets.size === 0) leaveNow(rooms.get(chatter.roomId), chatter);
      }, LEAVE_GRACE_MS);
    }
  });
});

httpServer.listen(PORT, HOST, () => {
  console.log(`baseline listening on http://${HOST}:${httpServer.address().port}`);
});

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
