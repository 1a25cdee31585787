// The home page: create a room, and the lobby of open rooms.

import { api } from './api.js';
import { h, icon, replace, srOnly, codePoints } from './dom.js';
import { t, timeLeft } from './i18n.js';
import { navLink, siteBar } from './layout.js';

/** The contract's default `max-room-capacity`, until the server says its own (GET /chat/config). */
let maxCapacity = 100;
const PRESETS = [2, 4, 8, 16];
const LOBBY_REFRESH_MS = 20000;

/** Renders the home page into `root`; returns its cleanup. */
export function renderHome(root, { navigate }) {
  const lobby = lobbySection();
  replace(root, h('div', { class: 'page page--home' },
    siteBar(),
    h('main', { id: 'main', class: 'home' },
      h('section', { class: 'hero' },
        h('div', {},
          h('h1', { class: 'hero__title', tabindex: '-1', text: t('app.tagline') }),
          h('p', { class: 'hero__lede', text: t('app.lede') })),
        h('ol', { class: 'steps', 'aria-label': t('app.steps') },
          h('li', { text: t('app.step1') }), h('li', { text: t('app.step2') }), h('li', { text: t('app.step3') }))),
      h('div', { class: 'home__grid' }, createSection(navigate), lobby.el)),
    h('footer', { class: 'footer' }, h('p', { text: t('app.footer') }))));

  lobby.load();
  if (location.hash === '#create') root.querySelector('#room-title').focus();
  const timer = setInterval(() => document.visibilityState === 'visible' && lobby.load(), LOBBY_REFRESH_MS);
  return () => clearInterval(timer);
}

// ---------------------------------------------------------------- create a room

function createSection(navigate) {
  const title = h('input', {
    id: 'room-title', name: 'title', class: 'input', type: 'text', required: true, maxlength: '30',
    autocomplete: 'off', placeholder: t('create.namePlaceholder'),
  });
  const custom = h('input', {
    id: 'room-capacity-custom', name: 'capacityCustom', class: 'input input--narrow', type: 'number',
    min: '2', max: String(maxCapacity), step: '1', inputmode: 'numeric', value: '30',
    'aria-describedby': 'room-capacity-hint',
  });
  const hint = h('span', { id: 'room-capacity-hint', class: 'hint', text: t('create.customHint', { max: maxCapacity }) });
  const customRow = h('div', { class: 'field field--inline', hidden: true },
    h('label', { for: 'room-capacity-custom', text: t('create.customLabel') }), custom, hint);
  api.config().then((config) => {
    if (Number.isInteger(config?.maxRoomCapacity)) {
      maxCapacity = config.maxRoomCapacity;
      custom.max = String(maxCapacity);
      hint.textContent = t('create.customHint', { max: maxCapacity });
    }
  }).catch(() => { /* the default stands; the server still validates */ });

  const choices = [...PRESETS.map(String), 'custom'].map((value) => {
    const id = `capacity-${value}`;
    return h('span', { class: 'choice' },
      h('input', { id, type: 'radio', name: 'capacity', value, checked: value === '4' }),
      h('label', { for: id, text: value === 'custom' ? t('create.custom') : value }));
  });
  const capacity = h('fieldset', { class: 'field' },
    h('legend', { class: 'label', text: t('create.capacity') }),
    h('div', { class: 'choices' }, choices));

  const protect = h('input', { id: 'room-protect', type: 'checkbox', class: 'switch__input' });
  const password = h('input', {
    id: 'room-password', name: 'password', class: 'input', type: 'password', maxlength: '64',
    autocomplete: 'new-password',
  });
  const passwordRow = h('div', { class: 'field', hidden: true },
    h('label', { class: 'label', for: 'room-password', text: t('create.password') }), password);

  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { class: 'btn btn--primary btn--block', type: 'submit' },
    icon('plus'), h('span', { text: t('create.submit') }));

  const form = h('form', { class: 'form', novalidate: true },
    h('div', { class: 'field' }, h('label', { class: 'label', for: 'room-title', text: t('create.name') }), title),
    capacity, customRow,
    h('div', { class: 'field' },
      h('label', { class: 'switch', for: 'room-protect' }, protect,
        h('span', { class: 'switch__track', 'aria-hidden': 'true' }),
        h('span', { text: t('create.protect') }))),
    passwordRow, error, submit);

  form.addEventListener('change', () => {
    customRow.hidden = form.elements.capacity.value !== 'custom';
    passwordRow.hidden = !protect.checked;
  });
  protect.addEventListener('change', () => protect.checked && password.focus());
  for (const radio of form.querySelectorAll('input[name=capacity]')) {
    radio.addEventListener('change', () => radio.value === 'custom' && radio.checked && custom.focus());
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const choice = form.elements.capacity.value;
    const request = {
      title: title.value.trim(),
      capacity: choice === 'custom' ? Number(custom.value) : Number(choice),
      password: protect.checked ? password.value : null,
    };
    const problem = validate(request);
    if (problem) {
      error.textContent = problem.text;
      problem.field(title, custom, password).focus();
      return;
    }
    submit.disabled = true;
    submit.lastElementChild.textContent = t('create.submitting');
    try {
      const room = await api.createRoom(request);
      navigate(`/chat/${room.id}`, { created: true, password: request.password, room });
    } catch (e) {
      error.textContent = e.code === 'INVALID_INPUT' && e.message ? e.message
        : t(`error.${e.code}`) !== `error.${e.code}` ? t(`error.${e.code}`) : t('error.generic');
      submit.disabled = false;
      submit.lastElementChild.textContent = t('create.submit');
    }
  });

  return h('section', { class: 'card card--create', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title', class: 'card__title', text: t('create.title') }), form);
}

function validate({ title, capacity, password }) {
  const n = codePoints(title);
  if (n < 1 || n > 30) return { text: t('create.titleRequired'), field: (a) => a };
  if (!Number.isInteger(capacity) || capacity < 2 || capacity > maxCapacity) {
    return { text: t('create.capacityInvalid', { max: maxCapacity }), field: (a, b) => b };
  }
  if (password !== null && (password.length < 1 || [...password].length > 64)) {
    return { text: t('create.passwordRequired'), field: (a, b, c) => c };
  }
  return null;
}

// ---------------------------------------------------------------- the lobby

function lobbySection() {
  const list = h('ul', { class: 'lobby', 'aria-busy': 'true' });
  const status = h('div', { class: 'lobby__status', role: 'status' });
  const refresh = h('button', { class: 'icon-btn', type: 'button', 'aria-label': t('lobby.refresh'), title: t('lobby.refresh') },
    icon('refresh'));
  const el = h('section', { class: 'card card--lobby', 'aria-labelledby': 'lobby-title' },
    h('div', { class: 'card__head' }, h('h2', { id: 'lobby-title', class: 'card__title', text: t('lobby.title') }), refresh),
    status, list);

  let inFlight = false;
  async function load() {
    if (inFlight) return;
    inFlight = true;
    list.setAttribute('aria-busy', 'true');
    try {
      const rooms = await api.listRooms();
      replace(status);
      replace(list, rooms.map(roomItem));
      if (rooms.length === 0) replace(status, h('p', { class: 'empty', text: t('lobby.empty') }));
    } catch {
      replace(list);
      replace(status, h('p', { class: 'empty' }, t('lobby.error'), ' ',
        h('button', { class: 'link-btn', type: 'button', onclick: load, text: t('lobby.retry') })));
    } finally {
      list.setAttribute('aria-busy', 'false');
      inFlight = false;
    }
  }
  refresh.addEventListener('click', load);
  return { el, load };
}

function roomItem(room) {
  const full = room.onlineCount >= room.capacity;
  return h('li', {},
    navLink(`/chat/${room.id}`, { class: full ? 'room-link room-link--full' : 'room-link' },
      h('span', { class: 'room-link__title' },
        h('span', { class: 'room-link__name', text: room.title }),
        room.isPassword ? h('span', { class: 'tag tag--lock', title: t('lobby.locked') }, icon('lock'), srOnly(t('lobby.locked'))) : null,
        full ? h('span', { class: 'tag tag--full', text: t('lobby.full') }) : null),
      h('span', { class: 'room-link__meta' },
        h('span', { class: 'meta' }, icon('people'),
          h('span', { 'aria-hidden': 'true', text: `${room.onlineCount}/${room.capacity}` }),
          srOnly(t('lobby.people', { present: room.onlineCount, capacity: room.capacity }))),
        h('span', { class: 'meta' }, icon('clock'), h('span', { text: timeLeft(room.expiresAt) })))));
}
