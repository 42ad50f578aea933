// The console's shell: navigation by role and a hash router (#/drops/summer-jam), so every page has an address.
import { session, setSession } from './api.js';
import { renderDrop, renderDrops, renderNewDrop } from './creator.js';
import { renderFeeds, renderFulfilment, renderKeys, renderSettlement, renderVenues } from './operator.js';
import { renderSignIn } from './signin.js';
import { button, clearMessage, h, showError } from './view.js';

const CREATOR = [['#/drops', 'Drops'], ['#/new', 'Create a drop']];
const OPERATOR = [...CREATOR, ['#/venues', 'Venue nodes'], ['#/fulfilment', 'Fulfilment'], ['#/settlement', 'Settlement'], ['#/feeds', 'Feeds and projections'], ['#/keys', 'API keys']];

let leave = [];
const go = hash => { if (location.hash === hash) route(); else location.hash = hash; };

function chrome() {
  const s = session();
  const links = !s ? [] : s.kind === 'operator' ? OPERATOR : CREATOR;
  const here = location.hash.split('/').slice(0, 2).join('/');
  document.getElementById('nav').replaceChildren(...links.map(([href, text]) =>
    h('li', {}, h('a', { href, 'aria-current': href === here ? 'page' : undefined }, text))));
  document.getElementById('who').replaceChildren(...(s
    ? [h('span', {}, s.kind === 'creator' ? `Creator ${s.wallet}` : 'API key'), button('Sign out', () => { setSession(null); go('#/'); }, { id: 'sign-out' })]
    : []));
}

async function route() {
  for (const stop of leave) stop();
  leave = [];
  const main = document.getElementById('main');
  const s = session();
  const [, page, arg] = location.hash.split('/').map(decodeURIComponent);
  chrome();
  try {
    if (!s || !page) {
      if (s) return go('#/drops');
      return await renderSignIn(main, () => go('#/drops'));
    }
    switch (page) {
      case 'drops': return arg ? await renderDrop(main, arg, stop => leave.push(stop)) : await renderDrops(main, go);
      case 'new': return renderNewDrop(main, go);
      case 'venues': return await renderVenues(main, arg, go);
      case 'fulfilment': return await renderFulfilment(main, arg, stop => leave.push(stop));
      case 'settlement': return await renderSettlement(main, arg, go);
      case 'feeds': return await renderFeeds(main);
      case 'keys': return await renderKeys(main);
      default: main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, 'The console has no such page.'));
    }
  } catch (e) {
    showError(e);
    if (e.status === 401) { setSession(null); chrome(); }
  }
}

/** After a page change, the focus goes to the new content: the link or button that led here is gone with the old page. */
function focusContent() {
  const main = document.getElementById('main');
  if (!main.contains(document.activeElement)) main.focus();
}

// The skip link would change the #hash the console routes by (and so leave the page): move the focus instead.
document.querySelector('a.skip').addEventListener('click', e => { e.preventDefault(); document.getElementById('main').focus(); });
window.addEventListener('hashchange', async () => { clearMessage(); await route(); focusContent(); });
route();
