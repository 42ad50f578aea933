// Operators' pages: venue nodes, fulfilment dead letters, settlement, feeds and projections.
import { api } from './api.js';
import { busy, button, facts, field, h, number, section, showInfo, table, when } from './view.js';

export function renderVenues(main, venue, go) {
  const name = field('Venue', { id: 'venue', required: true, value: venue ?? '', autocomplete: 'off' });
  const form = h('form', { onsubmit: e => { e.preventDefault(); go(`#/venues/${encodeURIComponent(name.input.value.trim())}`); } }, name.el, h('button', { type: 'submit' }, 'Show its nodes'));
  main.replaceChildren(h('h1', {}, 'Venue nodes'), form);
  if (!venue) return;
  const box = h('div', { id: 'nodes' });
  main.append(box);
  const draw = async () => {
    const nodes = await api('GET', `/venues/${encodeURIComponent(venue)}/nodes`);
    box.replaceChildren(table(`Nodes at ${venue}`, nodes, [
      ['Node', n => n.nodeId], ['Label', n => n.label],
      ['Status', n => h('span', { class: `status ${n.status}`, 'data-node': n.nodeId }, n.status)],
      ['Last heartbeat', n => when(n.lastHeartbeatAt)], ['RTT', n => (n.lastRttMs == null ? null : `${n.lastRttMs} ms`)],
      ['Clock offset', n => (n.lastClockOffsetMs == null ? null : `${n.lastClockOffsetMs} ms`)],
      ['Preflight', n => (n.lastPreflight ? `${n.lastPreflight.passed ? 'passed' : 'failed'} ${when(n.lastPreflight.at)}` : 'not run')],
      ['Quota held', n => number(n.quotas.reduce((sum, q) => sum + q.held, 0))],
      ['Active key', n => (n.activeKey ? h('code', {}, n.activeKey) : null)],
      ['Revoke the key', n => (n.activeKey ? button('Revoke', async () => {
        await api('POST', `/nodes/${encodeURIComponent(n.nodeId)}/keys/revoke`, { address: n.activeKey, reason: 'revoked from the console' });
        showInfo(`Key ${n.activeKey} of ${n.nodeId} revoked.`);
        await draw();
      }, { 'aria-label': `Revoke the active key of ${n.nodeId}` }) : null)],
    ], 'no nodes registered.'), button('Refresh', draw));
  };
  return draw();
}

const orderPath = orderId => `/orders/${orderId.split('/').map(encodeURIComponent).join('/')}`;

/** Dead letters with their reason and a Retry each, and one order followed as the partner moves it on. */
export async function renderFulfilment(main, orderId, onLeave) {
  const letters = h('div', { id: 'dead-letters' });
  const orderBox = h('div', { id: 'order', 'aria-live': 'polite', tabindex: '-1' });
  let followed = orderId ?? null;
  let shown = '';

  const drawOrder = async () => {
    if (!followed) return orderBox.replaceChildren();
    const o = await api('GET', orderPath(followed));
    // Redrawn only when the order changed: a live region redrawn every 2 s would be read out every 2 s.
    if (JSON.stringify(o) === shown) return;
    shown = JSON.stringify(o);
    orderBox.replaceChildren(facts([
      ['Order', o.orderId], ['Status', h('strong', { id: 'order-status' }, o.status)], ['Shortcode', o.shortcode],
      ['Partner order', o.partnerOrderId], ['Attempts', o.attempts], ['Last error', o.lastError],
      ['Lines', o.lines.map(l => `${l.sku}${l.variant ? ` (${l.variant})` : ''}`).join(', ')],
      ['Carrier and tracking', o.carrier ? `${o.carrier} ${o.trackingNumber ?? ''}` : null], ['Delivered', when(o.deliveredAt)]]));
  };
  const follow = async id => {
    const before = followed;
    followed = id;
    try { await drawOrder(); } catch (e) { followed = before; throw e; } // a mistyped id is shown once, not polled
    orderField.input.value = id;
  };

  const drawLetters = async () => {
    const dead = await api('GET', '/fulfilment/dead-letters?limit=200');
    letters.replaceChildren(table('Dead letters: orders the partner never took', dead, [
      ['Order', d => h('a', { href: `#/fulfilment/${encodeURIComponent(d.orderId)}` }, d.orderId)], ['Attempts', d => d.attempts],
      ['Why (last error)', d => d.lastError], ['At', d => when(d.at)],
      ['', d => button('Retry', async () => {
        const order = await api('POST', `${orderPath(d.orderId)}/retry`);
        showInfo(`Order ${d.orderId} sent to the partner again (${order.status}); follow it below.`);
        await Promise.all([drawLetters(), follow(d.orderId)]);
        orderBox.focus(); // the Retry button went with its row: the keyboard goes on from the order it sent
      }, { 'aria-label': `Retry order ${d.orderId}` })],
    ], 'none: every order reached the partner.'), button('Refresh', drawLetters));
  };

  const orderField = field('Order id', { id: 'order-id', required: true, autocomplete: 'off', value: followed ?? '', pattern: '[^\\/]+\\/[0-9]+' }, 'The drop id and the token number, e.g. summer-jam/1.');
  const finder = h('form', { onsubmit: busy(async e => { e.preventDefault(); await follow(orderField.input.value.trim()); }) },
    orderField.el, h('button', { type: 'submit' }, 'Show the order'));
  main.replaceChildren(h('h1', {}, 'Fulfilment'), section('Dead letters', letters), section('An order', finder, orderBox));
  await Promise.all([drawLetters(), drawOrder()]);
  // The partner moves a retried order on by callbacks: keep the followed order current while the page is open.
  const timer = setInterval(() => drawOrder().catch(() => {}), 2000);
  onLeave(() => clearInterval(timer));
}

export function renderSettlement(main, drop, go) {
  const name = field('Drop id', { id: 'settlement-drop', required: true, value: drop ?? '', autocomplete: 'off' });
  const form = h('form', { onsubmit: e => { e.preventDefault(); go(`#/settlement/${encodeURIComponent(name.input.value.trim())}`); } }, name.el, h('button', { type: 'submit' }, 'Show its settlement'));
  main.replaceChildren(h('h1', {}, 'Settlement'), form);
  if (!drop) return;
  const box = h('div', { id: 'settlement' });
  main.append(box);
  const path = `/drops/${encodeURIComponent(drop)}/settlement`;
  const columns = [['Tokens', a => `${a.firstToken}–${a.lastToken}`], ['State', a => a.state], ['Root', a => h('code', {}, a.root)],
    ['Block', a => a.block], ['Transaction', a => (a.txHash ? h('code', {}, a.txHash) : null)], ['Why it failed', a => a.failureReason]];
  const draw = async view => {
    const s = view ?? await api('GET', path);
    box.replaceChildren(
      facts([['Contract', s.contract], ['Chain id', s.chainId], ['Paused', s.paused ? `yes: ${s.pauseReason}` : 'no']]),
      table('Anchored', s.anchored, columns, 'none yet.'),
      table('Pending', s.pending, columns, 'none.'),
      h('div', { id: 'failed-anchors' }, table('Failed', s.failed, columns, 'none.')),
      h('div', { class: 'actions' },
        button('Retry failed anchors', async () => { await draw(await api('POST', `${path}/retry`)); showInfo(`Failed anchors of ${drop} queued again.`); }, { id: 'retry-anchors' }),
        button('Refresh', () => draw())));
  };
  return draw();
}

/** Every feed the cluster runs (GET /feeds names them; the console keeps no list) and every projection. */
export async function renderFeeds(main) {
  const box = h('div', { id: 'feeds' });
  const draw = async () => {
    const [feeds, projections] = await Promise.all([api('GET', '/feeds'), api('GET', '/projections')]);
    box.replaceChildren(
      table('Feeds', feeds, [['Feed', f => h('span', { class: 'feed-name' }, f.name)], ['Checkpoint', f => number(f.checkpoint)], ['Lag (events)', f => number(f.lag)],
        ['Delivered', f => number(f.delivered)], ['Failing since', f => when(f.failingSince)], ['Last error', f => f.lastError]], 'none: this cluster runs no feed.'),
      table('Projections', projections, [['Projection', p => p.name], ['Position', p => number(p.position)], ['Lag (events)', p => number(p.highestSequence - p.position)]]),
      button('Refresh', draw));
  };
  main.replaceChildren(h('h1', {}, 'Feeds and projections'), box);
  await draw();
}

export async function renderKeys(main) {
  const role = h('select', { id: 'key-role' }, h('option', { value: 'analyst' }, 'analyst (read-only)'), h('option', { value: 'operator' }, 'operator'));
  const roleField = h('div', { class: 'field' }, h('label', { for: 'key-role' }, 'Role'), role);
  const label = field('Label', { id: 'key-label', required: true, maxlength: 128, autocomplete: 'off' }, 'Who or what holds it, e.g. "ops laptop".');
  const expires = field('Expires (UTC, optional)', { id: 'key-expires', type: 'datetime-local' });
  const shown = h('div', { id: 'new-key', 'aria-live': 'polite' });
  const box = h('div', { id: 'keys' });
  const draw = async () => {
    const keys = await api('GET', '/operator/api-keys');
    box.replaceChildren(table('API keys', keys.slice().reverse(), [
      ['Id', k => h('code', {}, k.id)], ['Role', k => k.role], ['Label', k => k.label], ['Status', k => h('span', { 'data-key': k.id }, k.status)],
      ['Created', k => when(k.createdAt)], ['Expires', k => when(k.expiresAt)], ['By', k => k.createdBy],
      ['', k => (k.status === 'live' ? button('Revoke', async () => {
        await api('POST', `/operator/api-keys/${encodeURIComponent(k.id)}/revoke`);
        showInfo(`Key ${k.id} (${k.label}) revoked: it stops working within 5 seconds.`);
        await draw();
      }, { 'aria-label': `Revoke key ${k.id} (${k.label})` }) : null)],
    ], 'none.'));
  };
  const form = h('form', { id: 'key-form-new', onsubmit: busy(async e => {
    e.preventDefault();
    const body = { role: role.value, label: label.input.value };
    if (expires.input.value) body.expiresAt = new Date(expires.input.value + 'Z').toISOString();
    const created = await api('POST', '/operator/api-keys', body);
    shown.replaceChildren(h('p', {}, `The new ${created.details.role} key (shown once; copy it now):`), h('code', { id: 'new-key-value' }, created.key));
    label.input.value = '';
    await draw();
  }) }, roleField, label.el, expires.el, h('button', { type: 'submit' }, 'Create the key'));
  main.replaceChildren(h('h1', {}, 'API keys'), section('Create a key', form, shown), section('Every key', box));
  await draw();
}
