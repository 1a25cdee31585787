// Page pieces shared by the views: the site bar and the full-page notices (expired room,
// unknown room).

import { h, icon } from './dom.js';
import { t } from './i18n.js';

/** A link that the router handles without a page load. */
export function navLink(href, props, ...children) {
  return h('a', { ...props, href, 'data-nav': '' }, ...children);
}

/** The brand mark: the cola glass and the name. */
export function brand() {
  return navLink('/', { class: 'brand', 'aria-label': t('app.home') },
    h('span', { class: 'brand__mark' }, icon('logo', 'icon brand__icon')),
    h('span', { class: 'brand__name', text: t('app.name') }));
}

export function siteBar() {
  return h('header', { class: 'bar' }, h('div', { class: 'bar__inner' }, brand()));
}

/** A full page that says what happened and offers the way on. */
export function notice(kind) {
  const titleKey = kind === 'ROOM_EXPIRED' ? 'page.expired.title' : 'page.notFound.title';
  const textKey = kind === 'ROOM_EXPIRED' ? 'page.expired.text' : 'page.notFound.text';
  return h('div', { class: 'page' },
    siteBar(),
    h('main', { id: 'main', class: 'center' },
      h('section', { class: 'card card--notice', dataset: { problem: kind } },
        h('div', { class: 'notice__art' }, icon(kind === 'ROOM_EXPIRED' ? 'clock' : 'link', 'icon icon--xl')),
        h('h1', { class: 'notice__title', tabindex: '-1', text: t(titleKey) }),
        h('p', { class: 'notice__text', text: t(textKey) }),
        h('div', { class: 'actions' },
          navLink('/#create', { class: 'btn btn--primary' }, t('page.newRoom')),
          navLink('/', { class: 'btn btn--ghost' }, t('page.home'))))));
}

/** A centred spinner while a view loads. */
export function loading() {
  return h('div', { class: 'page' }, siteBar(),
    h('main', { id: 'main', class: 'center' },
      h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }),
        h('span', { text: t('app.loading') }))));
}
