// The entry point: picks the view for the address and routes in-page links without reloads.
//   /                 the home page (create a room, the lobby)
//   /chat/{roomId}    a room
// The server answers both paths with this same page.

import { lang, t } from './i18n.js';
import { replace } from './dom.js';
import { renderHome } from './home.js';
import { renderRoom } from './room.js';
import { notice } from './layout.js';

const ROOM_PATH = /^\/chat\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

const root = document.getElementById('app');
let cleanup = () => {};
// What one view hands the next in memory only (never in history.state, which the browser keeps
// on disk): the room the home page just created and its password.
let handoff = null;

/** Goes to `path` inside the page; `state` is handed to the next view. */
function navigate(path, state = null) {
  handoff = state;
  history.pushState(null, '', path);
  route(true);
}

function route(moveFocus) {
  cleanup();
  cleanup = () => {};
  const state = handoff ?? {};
  handoff = null;
  document.title = t('app.name');
  const match = ROOM_PATH.exec(location.pathname);
  if (match) {
    cleanup = renderRoom(root, match[1].toLowerCase(), state, { navigate });
  } else if (location.pathname === '/' || location.pathname === '/index.html') {
    cleanup = renderHome(root, { navigate });
  } else {
    replace(root, notice('ROOM_NOT_FOUND'));
  }
  if (moveFocus && !root.contains(document.activeElement)) {
    window.scrollTo(0, 0);
    root.querySelector('h1')?.focus({ preventScroll: true });
  }
}

document.documentElement.lang = lang;
document.querySelector('.skip-link').textContent = t('app.skip');

// Links marked data-nav stay in the page; modified clicks (new tab, ...) keep their meaning.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-nav]');
  if (!link || event.defaultPrevented || event.button !== 0
    || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const href = link.getAttribute('href');
  if (href !== location.pathname + location.hash) navigate(href);
});
window.addEventListener('popstate', () => route(true));

route(false);
