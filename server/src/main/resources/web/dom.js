// A tiny element builder. Everything it puts into the page is either an element it created or
// a text node: there is no innerHTML anywhere in this client, so text from other people can
// never become markup.

/**
 * h('button', { class: 'btn', type: 'button', onclick: fn }, 'Send')
 * Props: `class`, `text` (textContent), `dataset`, `on<event>` listeners, booleans as presence
 * attributes, anything else as an attribute. Children: nodes, strings (as text), arrays, null.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends nodes and strings (as text nodes); skips null, undefined and false. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** Replaces every child of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

const SVG = 'http://www.w3.org/2000/svg';

// 24×24 stroke icons, drawn for this client.
const ICONS = {
  logo: ['M5 4h14l-1.6 15.2A2 2 0 0 1 15.4 21H8.6a2 2 0 0 1-2-1.8L5 4Z', 'M6 9h12', 'M13 4l2-2.5h3'],
  lock: ['M6 11h12v9H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3'],
  people: ['M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Z', 'M2.5 20a6.5 6.5 0 0 1 13 0', 'M16 4.5a3.5 3.5 0 0 1 0 6.5', 'M18 14a6.5 6.5 0 0 1 3.5 6'],
  clock: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z', 'M12 7v5l3 2'],
  send: ['M4 12 20 4l-6 16-2.5-6.5L4 12Z', 'M11.5 13.5 20 4'],
  more: ['M5 12h.01', 'M12 12h.01', 'M19 12h.01'],
  link: ['M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1', 'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1'],
  edit: ['M4 20h4L19 9l-4-4L4 16v4Z', 'M13.5 6.5l4 4'],
  exit: ['M15 4h4v16h-4', 'M10 8l-4 4 4 4', 'M6 12h10'],
  back: ['M15 5l-7 7 7 7'],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7'],
  close: ['M6 6l12 12', 'M18 6 6 18'],
  down: ['M12 5v14', 'M6 13l6 6 6-6'],
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
  plus: ['M12 5v14', 'M5 12h14'],
};

/** A decorative inline icon (aria-hidden); give the control its own accessible name. */
export function icon(name, className = 'icon') {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of ICONS[name] ?? []) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/** Text only screen readers read. */
export const srOnly = (text) => h('span', { class: 'sr-only', text });

let toastTimer = 0;

/** A short message at the bottom of the screen, read out politely. */
export function toast(text, kind = 'info') {
  let region = document.getElementById('toast');
  if (!region) {
    region = h('div', { id: 'toast', class: 'toast', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  region.dataset.kind = kind;
  region.textContent = text;
  region.classList.add('toast--show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => region.classList.remove('toast--show'), 4000);
}

/** A hue from 0 to 359 that is stable for a string, for avatar colours. */
export function hueOf(text) {
  let hash = 0;
  for (const ch of String(text)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

/** The first visible character of a nickname, for its avatar. */
export function initialOf(nickname) {
  const first = [...String(nickname).trim()][0];
  return first ? first.toUpperCase() : '?';
}

/** Length in Unicode code points, as the server counts (after trimming). */
export const codePoints = (text) => [...String(text).trim()].length;
