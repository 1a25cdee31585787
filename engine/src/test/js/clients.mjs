// Drives the official Socket.IO JavaScript client against a server under test and prints one
// JSON object with what it observed. Usage: node clients.mjs <scenario> <baseUrl>
import { io } from "socket.io-client";

const [, , scenario, base] = process.argv;

const deadline = setTimeout(() => {
  console.log(JSON.stringify({ error: `scenario ${scenario} timed out` }));
  process.exit(1);
}, 15000);

function connect(path, opts = {}) {
  return new Promise((resolve, reject) => {
    const s = io(base + path, { forceNew: true, reconnection: false, ...opts });
    s.once("connect", () => resolve(s));
    s.once("connect_error", (e) => reject(e));
  });
}

function once(socket, event) {
  return new Promise((resolve) => socket.once(event, (...args) => resolve(args)));
}

function connectError(path, opts = {}) {
  return new Promise((resolve) => {
    const s = io(base + path, { forceNew: true, reconnection: false, ...opts });
    s.once("connect", () => resolve({ connected: true }));
    s.once("connect_error", (e) => { s.close(); resolve({ message: e.message, data: e.data ?? null }); });
  });
}

const bin = (b) => (b instanceof ArrayBuffer || ArrayBuffer.isView(b)) ? { binary: Array.from(new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength)) } : b;

const scenarios = {
  // Events, acks both ways and binary over one transport setting.
  async echo(transports) {
    const authSeen = [];
    const s = io(base + "/", { forceNew: true, reconnection: false, transports, auth: { token: "t-1" } });
    s.on("auth", (a) => authSeen.push(a));
    await once(s, "connect");
    const back = once(s, "message-back");
    s.emit("message", 1, "2", { three: [4] }, Buffer.from([5, 6, 7]));
    const echoed = await back;
    const acked = await s.timeout(5000).emitWithAck("message-with-ack", { a: "a", b: Buffer.from([1, 2]) });
    s.on("question", (n, cb) => cb(n * 2));
    const answer = once(s, "answer");
    s.emit("ask-client", 21);
    const [answered] = await answer;
    const transport = await s.timeout(5000).emitWithAck("transport");
    s.close();
    return { auth: authSeen[0] ?? null, echoed: echoed.map(bin), acked: acked.a, ackedBinary: bin(acked.b), answered, transport, id: typeof s.id };
  },
  async websocket() { return scenarios.echo(["websocket"]); },
  async polling() { return scenarios.echo(["polling"]); },
  // Polling first, then the upgrade to websocket, then traffic.
  async upgrade() {
    const s = io(base + "/", { forceNew: true, reconnection: false, transports: ["polling", "websocket"] });
    // The transport the engine opened with, read before anything could upgrade it.
    const first = s.io.engine.transport.name;
    const upgraded = new Promise((r) => s.io.engine.once("upgrade", r));
    await once(s, "connect");
    await upgraded;
    const after = await s.timeout(5000).emitWithAck("transport");
    const back = once(s, "message-back");
    s.emit("message", "after-upgrade");
    const [echo] = await back;
    s.close();
    return { first, after, echo };
  },
  // One connection (multiplexed) to several namespaces, with auth, middleware and dynamic ones.
  async namespaces() {
    // No forceNew: sockets of one Manager share one Engine.IO connection (multiplexing).
    const main = await new Promise((resolve, reject) => {
      const s = io(base + "/", { reconnection: false, transports: ["websocket"] });
      s.once("connect", () => resolve(s));
      s.once("connect_error", reject);
    });
    const customAuth = new Promise((resolve) => {
      const c = io(base + "/custom", { reconnection: false, transports: ["websocket"], auth: { x: 1 } });
      c.once("auth", (a) => resolve({ auth: a, sameEngine: c.io === main.io }));
    });
    const custom = await customAuth;
    const refused = await connectError("/private", { transports: ["websocket"], auth: { token: "wrong" } });
    const admitted = await new Promise((resolve) => {
      const p = io(base + "/private", { forceNew: true, reconnection: false, transports: ["websocket"], auth: { token: "secret" } });
      p.once("welcome", (w) => { p.close(); resolve(w); });
      p.once("connect_error", (e) => resolve("refused: " + e.message));
    });
    const unknown = await connectError("/nowhere", { transports: ["websocket"] });
    const dynamic = await new Promise((resolve) => {
      const d = io(base + "/dyn-42", { forceNew: true, reconnection: false, transports: ["websocket"] });
      d.once("hello", (n) => { d.close(); resolve(n); });
      d.once("connect_error", (e) => resolve("refused: " + e.message));
    });
    main.io.engine.close();
    return { custom, refused, admitted, unknown, dynamic };
  },
  // Rooms and broadcasts across three clients.
  async rooms() {
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => connect("/", { transports: ["websocket"] })));
    const got = { a: [], b: [], c: [] };
    for (const [name, s] of Object.entries({ a, b, c })) {
      s.on("room-message", (m) => got[name].push(["room", m]));
      s.on("others", (m) => got[name].push(["others", m]));
    }
    await a.timeout(5000).emitWithAck("join", "r1");
    await b.timeout(5000).emitWithAck("join", "r1");
    await c.timeout(5000).emitWithAck("to-room", "r1", "hello r1");
    await a.timeout(5000).emitWithAck("to-others", "from a");
    await b.timeout(5000).emitWithAck("leave", "r1");
    await c.timeout(5000).emitWithAck("to-room", "r1", "only a");
    // A final round trip on each client so everything sent before has arrived.
    await Promise.all([a, b, c].map((s) => s.timeout(5000).emitWithAck("transport")));
    [a, b, c].forEach((s) => s.close());
    return got;
  },
};

try {
  const fn = scenarios[scenario];
  if (!fn) throw new Error("unknown scenario " + scenario);
  const result = await fn();
  clearTimeout(deadline);
  console.log(JSON.stringify(result));
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ error: String(e && e.message || e) }));
  process.exit(1);
}
