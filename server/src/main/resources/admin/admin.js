// The Cola Chat admin page: asks for the admin token (kept in this tab's sessionStorage only),
// then shows the live figures with their last 15 minutes, the open rooms with their present
// chatters, and the two actions: close a room, remove a chatter. Every piece of user text
// (titles, nicknames) is written with textContent, never as markup.

const TOKEN_KEY = "colachat.admin.token";
const REFRESH_MS = 5000;
const FIGURES = ["connections", "openRooms", "presentChatters", "messagesPerSecond"];
const SVG = "http://www.w3.org/2000/svg";

const $ = (id) => document.getElementById(id);
let timer = null;

class Unauthorized extends Error {}

async function api(path, method = "GET") {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const res = await fetch("/admin/api" + path, {
    method,
    headers: { Authorization: "Bearer " + token },
    cache: "no-store",
  });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON: handled below */ }
  if (res.status === 401) throw new Unauthorized();
  if (!body || !body.success) throw new Error(body && body.message ? body.message : "HTTP " + res.status);
  return body.data;
}

// ------------------------------------------------------------------ sign in and out

function showSignIn(message = "") {
  stopRefresh();
  $("dashboard").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  $("sign-in-error").textContent = message;
  $("token").value = "";
  $("token").focus();
}

function showDashboard() {
  $("sign-in").hidden = true;
  $("dashboard").hidden = false;
  $("sign-out").hidden = false;
  refresh();
  stopRefresh();
  timer = setInterval(refresh, REFRESH_MS);
}

function stopRefresh() {
  if (timer !== null) clearInterval(timer);
  timer = null;
}

$("sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const token = $("token").value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  try {
    await api("/overview");
    showDashboard();
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn(e instanceof Unauthorized ? "That token is not right." : "The server did not answer: " + e.message);
  }
});

$("sign-out").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  $("node").textContent = "";
  showSignIn();
});

// ------------------------------------------------------------------ figures and charts

async function refresh() {
  try {
    const [overview, rooms] = await Promise.all([api("/overview"), api("/rooms")]);
    renderOverview(overview);
    renderRooms(rooms);
    $("status").textContent = "Updated " + new Date().toLocaleTimeString();
  } catch (e) {
    if (e instanceof Unauthorized) {
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn("The token was refused; sign in again.");
    } else {
      $("status").textContent = "Could not refresh: " + e.message;
    }
  }
}

function renderOverview(o) {
  $("node").textContent = o.node + " · " + o.version;
  const f = o.figures;
  for (const key of FIGURES) {
    $("fig-" + key).textContent = String(f[key]);
    const svg = document.querySelector('.figure[data-key="' + key + '"] .spark');
    sparkline(svg, o.history.map((p) => Number(p[key]) || 0));
  }
  $("fig-transports").textContent = Object.entries(f.connectionsByTransport)
    .map(([t, n]) => t + " " + n).join(" · ");
  $("fig-activeRooms").textContent = f.activeRooms + " with people";
}

function sparkline(svg, values) {
  svg.replaceChildren();
  if (values.length === 0) return;
  const w = 180, h = 40, pad = 2;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  const points = values.map((v, i) => {
    const x = values.length > 1 ? i * step : w;
    const y = h - pad - (v / max) * (h - 2 * pad);
    return x.toFixed(1) + "," + y.toFixed(1);
  });
  const area = document.createElementNS(SVG, "polygon");
  area.setAttribute("points", (values.length > 1 ? "0," : w + ",") + h + " " + points.join(" ") + " " + w + "," + h);
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", points.join(" "));
  const title = document.createElementNS(SVG, "title");
  title.textContent = "max " + max;
  svg.append(area, line, title);
}

// ------------------------------------------------------------------ rooms and actions

function renderRooms(rooms) {
  const list = $("rooms");
  $("no-rooms").hidden = rooms.length > 0;
  const items = rooms.map((room) => {
    const li = $("room-template").content.firstElementChild.cloneNode(true);
    li.dataset.roomId = room.id;
    li.querySelector(".room__title").textContent = room.title;
    li.querySelector(".room__meta").textContent = "/" + room.namespace + " · " + room.onlineCount + " / "
      + room.capacity + (room.isPassword ? " · password" : "") + " · expires "
      + new Date(room.expiresAt).toLocaleString();
    li.querySelector(".room__close").addEventListener("click", () => closeRoom(room));
    const people = li.querySelector(".people");
    for (const chatter of room.chatters) {
      const p = $("person-template").content.firstElementChild.cloneNode(true);
      p.dataset.chatterId = chatter.id;
      p.querySelector(".person__name").textContent = chatter.nickname;
      p.querySelector(".person__id").textContent = chatter.id.slice(0, 8);
      p.querySelector(".person__kick").addEventListener("click", () => kick(room, chatter));
      people.append(p);
    }
    return li;
  });
  list.replaceChildren(...items);
}

async function closeRoom(room) {
  if (!confirm('Close "' + room.title + '" now? Its members are disconnected.')) return;
  await act(() => api("/rooms/" + encodeURIComponent(room.id) + "/close", "POST"), "Room closed.");
}

async function kick(room, chatter) {
  if (!confirm('Remove "' + chatter.nickname + '" from "' + room.title + '"? They cannot come back.')) return;
  await act(() => api("/rooms/" + encodeURIComponent(room.id) + "/chatters/" + encodeURIComponent(chatter.id)
    + "/kick", "POST"), "Chatter removed.");
}

async function act(call, done) {
  let outcome = done;
  try {
    await call();
  } catch (e) {
    if (e instanceof Unauthorized) {
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn("The token was refused; sign in again.");
      return;
    }
    outcome = "Failed: " + e.message;
  }
  await refresh();
  $("status").textContent = outcome;
}

// ------------------------------------------------------------------ start

if (sessionStorage.getItem(TOKEN_KEY)) {
  showDashboard();
} else {
  showSignIn();
}
