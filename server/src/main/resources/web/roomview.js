// The chat screen of a room, as DOM: the bar with the room menu, the connection banner, the
// share card, the timeline, the typing line, the composer and the people panel. It knows
// nothing of sockets: room.js drives it through the returned methods and gets the reader's
// actions back through the `on*` callbacks.

import { h, icon, srOnly, replace, hueOf, initialOf, codePoints } from './dom.js';
import { t } from './i18n.js';
import { brand } from './layout.js';

export const MAX_CONTENT = 1000;
/** The counter appears from this many characters on. */
const COUNTER_FROM = 900;
const MAX_NICKNAME = 20;

/**
 * @param room the Room object
 * @param timeline a Timeline whose element goes in the middle
 * @param actions {onSend(text), onTyping(), onLeave(), onRename(nickname) => Promise<string|null>, onCopy()}
 */
export function buildRoomView(room, timeline, actions) {
  // ---- bar, menu
  const status = h('p', { class: 'bar__status', dataset: { conn: 'connecting' } },
    h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { class: 'bar__status-text', text: t('room.connecting') }));
  const peopleToggle = h('button', {
    class: 'chip people-toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'people',
  }, icon('people'), h('span', { class: 'people-toggle__count', 'aria-hidden': 'true' }), srOnly(''));

  const menuPanel = h('div', { id: 'room-menu', class: 'menu__panel', hidden: true },
    menuItem('link', t('room.copyLink'), () => actions.onCopy()),
    menuItem('edit', t('room.rename'), () => openRename()),
    menuItem('exit', t('room.leave'), () => actions.onLeave(), 'menu__item--danger'));
  const menuButton = h('button', {
    class: 'icon-btn', type: 'button', 'aria-label': t('room.menu'), title: t('room.menu'),
    'aria-expanded': 'false', 'aria-controls': 'room-menu',
  }, icon('more', 'icon icon--dots'));
  const menu = h('div', { class: 'menu' }, menuButton, menuPanel);

  function menuItem(iconName, text, run, extra = '') {
    return h('button', {
      class: `menu__item ${extra}`, type: 'button',
      onclick: () => { closeMenu(false); run(); },
    }, icon(iconName), h('span', { text }));
  }
  function openMenu() {
    menuPanel.hidden = false;
    menuButton.setAttribute('aria-expanded', 'true');
    menuPanel.querySelector('button').focus();
  }
  function closeMenu(returnFocus = true) {
    if (menuPanel.hidden) return;
    menuPanel.hidden = true;
    menuButton.setAttribute('aria-expanded', 'false');
    if (returnFocus) menuButton.focus();
  }
  menuButton.addEventListener('click', () => (menuPanel.hidden ? openMenu() : closeMenu()));
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeMenu();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const items = [...menuPanel.querySelectorAll('button')];
      const at = items.indexOf(document.activeElement);
      if (at >= 0) {
        e.preventDefault();
        items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
      }
    }
  });
  const outside = (e) => { if (!menu.contains(e.target)) closeMenu(false); };
  document.addEventListener('pointerdown', outside);

  const bar = h('header', { class: 'bar bar--room' },
    h('div', { class: 'bar__inner' },
      brand(),
      h('div', { class: 'bar__titles' },
        h('h1', { class: 'bar__title', tabindex: '-1', text: room.title }),
        status),
      peopleToggle, menu));

  const banner = h('div', { class: 'banner', role: 'status', hidden: true });

  // ---- share card (for the room's creator)
  const link = location.origin + `/chat/${room.id}`;
  const share = h('section', { class: 'share', hidden: true, 'aria-labelledby': 'share-title' },
    h('div', { class: 'share__text' },
      h('h2', { id: 'share-title', class: 'share__title', text: t('room.share.title') }),
      h('label', { for: 'share-link', text: t('room.share.text') })),
    h('div', { class: 'share__row' },
      h('input', { id: 'share-link', class: 'input input--mono', type: 'text', readonly: true, value: link,
        onfocus: (e) => e.target.select() }),
      h('button', { class: 'btn btn--primary', type: 'button', onclick: () => actions.onCopy() },
        icon('copy'), h('span', { text: t('room.copyLink') }))),
    h('button', {
      class: 'icon-btn share__close', type: 'button', 'aria-label': t('room.share.dismiss'),
      onclick: () => { share.hidden = true; textarea.focus(); },
    }, icon('close')));

  // ---- preview bar, typing line, composer
  const preview = h('button', { class: 'preview', type: 'button', hidden: true, onclick: () => timeline.scrollToBottom() },
    icon('down'), h('span', { class: 'preview__text' }));
  const typing = h('p', { class: 'typing', 'aria-live': 'off' });

  const textarea = h('textarea', {
    id: 'composer-input', class: 'composer__input', rows: '1', placeholder: t('composer.placeholder'),
    'aria-describedby': 'composer-hint composer-count', autocomplete: 'off',
  });
  const counter = h('span', { id: 'composer-count', class: 'composer__count', 'aria-live': 'polite' });
  const send = h('button', { class: 'composer__send', type: 'submit', disabled: true, title: t('composer.send') },
    icon('send'), srOnly(t('composer.send')));
  const composer = h('form', { class: 'composer', novalidate: true },
    h('label', { class: 'sr-only', for: 'composer-input', text: t('composer.label') }),
    h('div', { class: 'composer__box' }, textarea, send),
    h('div', { class: 'composer__foot' },
      h('span', { id: 'composer-hint', class: 'composer__hint', text: t('composer.hint') }), counter));

  let connected = false;
  function refreshComposer() {
    const n = codePoints(textarea.value);
    send.disabled = !connected || n === 0 || n > MAX_CONTENT;
    counter.hidden = n < COUNTER_FROM;
    counter.textContent = n > MAX_CONTENT ? t('composer.tooLong', { count: n, max: MAX_CONTENT })
      : t('composer.count', { count: n, max: MAX_CONTENT });
    counter.classList.toggle('composer__count--over', n > MAX_CONTENT);
    // Grow with the text up to the CSS max-height, then scroll inside.
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight}px`;
  }
  textarea.addEventListener('input', () => {
    refreshComposer();
    if (textarea.value.trim()) actions.onTyping();
  });
  textarea.addEventListener('keydown', (e) => {
    // isComposing: Enter that confirms a Korean (IME) syllable must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      composer.requestSubmit();
    }
  });
  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!send.disabled) actions.onSend(textarea.value);
  });

  // ---- people
  const peopleCount = h('span', { class: 'people__count' });
  const peopleList = h('ul', { class: 'people__list' });
  const people = h('aside', { id: 'people', class: 'people', 'aria-labelledby': 'people-title' },
    h('div', { class: 'people__head' },
      h('h2', { id: 'people-title', class: 'people__title', text: t('room.people') }), peopleCount,
      h('button', {
        class: 'icon-btn people__close', type: 'button', 'aria-label': t('room.share.dismiss'),
        onclick: () => togglePeople(false),
      }, icon('close'))),
    peopleList);
  const scrim = h('div', { class: 'scrim', hidden: true, 'aria-hidden': 'true', onclick: () => togglePeople(false) });
  function togglePeople(open) {
    scrim.hidden = !open;
    people.classList.toggle('people--open', open);
    peopleToggle.setAttribute('aria-expanded', String(open));
    (open ? people.querySelector('.people__close') : peopleToggle).focus();
  }
  peopleToggle.addEventListener('click', () => togglePeople(!people.classList.contains('people--open')));
  people.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && people.classList.contains('people--open')) togglePeople(false);
  });

  // ---- rename dialog
  const renameInput = h('input', {
    id: 'rename-input', class: 'input', type: 'text', maxlength: '40', autocomplete: 'off',
    'aria-describedby': 'rename-hint rename-error',
  });
  const renameError = h('p', { id: 'rename-error', class: 'form-error', role: 'alert' });
  const renameSave = h('button', { class: 'btn btn--primary', type: 'submit', text: t('rename.save') });
  const renameForm = h('form', { class: 'form', method: 'dialog', novalidate: true },
    h('h2', { id: 'rename-title', class: 'dialog__title', text: t('rename.title') }),
    h('div', { class: 'field' },
      h('label', { class: 'label', for: 'rename-input', text: t('rename.label') }), renameInput,
      h('p', { id: 'rename-hint', class: 'hint', text: t('rename.hint') })),
    renameError,
    h('div', { class: 'actions actions--end' },
      h('button', { class: 'btn btn--ghost', type: 'button', onclick: () => dialog.close(), text: t('rename.cancel') }),
      renameSave));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'rename-title' }, renameForm);
  let currentNickname = '';
  function openRename() {
    renameInput.value = currentNickname;
    renameError.textContent = '';
    dialog.showModal();
    renameInput.select();
  }
  renameForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    // A previous attempt's error must not stand while this one is checked.
    renameError.textContent = '';
    const nickname = renameInput.value.trim();
    const n = codePoints(nickname);
    if (n < 1 || n > MAX_NICKNAME) {
      renameError.textContent = t('rename.invalid');
      renameInput.focus();
      return;
    }
    renameSave.disabled = true;
    const problem = await actions.onRename(nickname);
    renameSave.disabled = false;
    if (problem) {
      renameError.textContent = problem;
      renameInput.focus();
    } else {
      dialog.close();
    }
  });
  dialog.addEventListener('close', () => textarea.focus());

  // New messages from others, read out by screen readers (the list itself stays quiet so that
  // loading history does not read pages aloud).
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });

  const el = h('div', { class: 'page page--room' },
    bar, banner, announcer,
    h('div', { class: 'room' },
      h('main', { id: 'main', class: 'chat' }, share, h('div', { class: 'stage' }, timeline.el, preview), typing, composer),
      scrim, people),
    dialog);

  refreshComposer();

  return {
    el,
    textarea,
    dispose() { document.removeEventListener('pointerdown', outside); },

    /** 'connecting' | 'online' | 'reconnecting' | 'offline' */
    setConnection(state, canSend) {
      connected = canSend;
      status.dataset.conn = state;
      status.lastChild.textContent = t(state === 'online' ? 'room.online' : state === 'offline' ? 'room.status.offline'
        : state === 'reconnecting' ? 'room.status.reconnecting' : 'room.connecting');
      banner.hidden = state === 'online' || state === 'connecting';
      banner.dataset.conn = state;
      banner.textContent = state === 'offline' ? t('room.offline') : t('room.reconnecting');
      el.dataset.conn = state;
      refreshComposer();
    },

    clearComposer() {
      textarea.value = '';
      refreshComposer();
    },

    restoreComposer(text) {
      textarea.value = text;
      refreshComposer();
    },

    showShare() { share.hidden = false; },

    announce(text) { announcer.textContent = text; },

    setNickname(nickname) { currentNickname = nickname; },

    /** The present chatters, the viewer first. */
    setPeople(list, selfId) {
      const count = t('room.peopleCount', { present: list.length, capacity: room.capacity });
      peopleToggle.querySelector('.people-toggle__count').textContent = count;
      peopleToggle.lastChild.textContent = t('room.peopleButton', { present: list.length, capacity: room.capacity });
      peopleCount.textContent = count;
      replace(peopleList, list.map((c) => {
        const avatar = h('span', { class: 'avatar', 'aria-hidden': 'true', text: initialOf(c.nickname) });
        avatar.style.setProperty('--hue', String(hueOf(c.id)));
        return h('li', { class: c.id === selfId ? 'person person--self' : 'person', dataset: { chatter: c.id } },
          avatar, h('span', { class: 'person__name', title: c.nickname, text: c.nickname }),
          c.id === selfId ? h('span', { class: 'person__you', text: t('room.you') }) : null);
      }));
    },

    setTyping(names) {
      typing.textContent = names.length === 0 ? '' : names.length === 1 ? t('typing.one', { a: names[0] })
        : names.length === 2 ? t('typing.two', { a: names[0], b: names[1] }) : t('typing.many');
    },

    setUnread(count, last) {
      preview.hidden = count === 0;
      if (count === 0) return;
      const text = last?.type === 'MESSAGE' ? [...last.content].slice(0, 80).join('') : '';
      preview.lastChild.textContent = text
        ? t('room.newMessages', { count, nickname: last.chatter?.nickname ?? '', text })
        : t('room.newMessagesShort', { count });
      preview.setAttribute('aria-label', `${preview.lastChild.textContent}. ${t('room.jump')}`);
    },
  };
}
