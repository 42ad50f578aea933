// A creator's day: create a drop, open it, watch it, pause and close it, then export its events.
import { api, ndjson, session } from './api.js';
import { busy, button, facts, field, h, number, section, showInfo, table, when } from './view.js';

const MINE = 'mev.drops';
export const myDrops = () => { try { return JSON.parse(localStorage.getItem(MINE)) ?? []; } catch { return []; } };
const remember = id => localStorage.setItem(MINE, JSON.stringify([id, ...myDrops().filter(d => d !== id)].slice(0, 100)));

/** SHA-256 of bytes, computed in the browser (SubtleCrypto), as the manifest's 64 hex digits. */
async function sha256(bytes) {
  if (!crypto.subtle) throw new Error('This page is not a secure context (https or localhost), so the browser cannot hash the file: paste its SHA-256 instead.');
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
}

/** The browser holds the whole asset to hash it: beyond this, download it and choose the file (or paste the hash). */
const MAX_FETCHED_BYTES = 256 * 1024 * 1024;

/**
 * The bytes at a URL, fetched by this browser and never by the server (a server fetching any URL a client names is
 * an SSRF hole). The browser may read it when it is on this site or its host allows cross-site reads (CORS); the
 * page's policy also limits it to https and local hosts.
 */
async function fetchAsset(address) {
  let url;
  try { url = new URL(address); } catch { throw new Error(`"${address}" is not a URL: give an https://… address.`); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`The browser can only fetch http and https addresses, not ${url.protocol}//: for ipfs://…, give a gateway's https address, or choose the file.`);
  let response;
  try {
    response = await fetch(url, { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch {
    throw new Error(`The browser could not read ${url.href}: its host does not let other sites read it (CORS), this page may only fetch https and local addresses, or the host did not answer. Download the file and choose it above, or paste its SHA-256.`);
  }
  if (!response.ok) throw new Error(`${url.href} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: nothing to hash.`);
  const tooBig = `${url.href} is larger than ${MAX_FETCHED_BYTES / 1024 / 1024} MiB: download it and choose the file instead.`;
  if (Number(response.headers.get('content-length')) > MAX_FETCHED_BYTES) throw new Error(tooBig);
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_FETCHED_BYTES) throw new Error(tooBig);
  return { url: url.href, bytes, mediaType: (response.headers.get('content-type') ?? '').split(';')[0].trim() };
}

export async function renderDrops(main, go) {
  const s = session();
  const open = field('Drop id', { id: 'open-drop-id', required: true, pattern: '[a-z0-9\\-]{3,64}' });
  const finder = h('form', { onsubmit: e => { e.preventDefault(); go(`#/drops/${encodeURIComponent(open.input.value.trim())}`); } },
    open.el, h('button', { type: 'submit' }, 'Open the drop'));
  let list;
  if (s.kind === 'operator') {
    // Every creator's drops: the drop.created events, newest first (operators and analysts may read /events).
    const created = await ndjson('/events?alias=drop.created.v1&limit=1000');
    const rows = created.reverse().slice(0, 200).map(e => ({ id: e.data.dropId ?? e.stream.replace(/^drop\//, ''), title: e.data.title, creator: e.data.creator, supply: e.data.supply, at: e.timestamp }));
    list = table('Drops across creators', rows, [
      ['Drop', r => h('a', { href: `#/drops/${encodeURIComponent(r.id)}` }, r.id)], ['Title', r => r.title], ['Creator', r => r.creator],
      ['Supply', r => number(r.supply)], ['Created', r => when(r.at)]], 'no drops yet.');
  } else {
    list = table('Your drops (created from this browser)', myDrops().map(id => ({ id })),
      [['Drop', r => h('a', { href: `#/drops/${encodeURIComponent(r.id)}` }, r.id)]], 'none yet: create one.');
  }
  main.replaceChildren(h('h1', {}, 'Drops'), h('p', {}, h('a', { href: '#/new', class: 'primary' }, 'Create a drop')), list, section('Find a drop', finder));
}

export function renderNewDrop(main, go) {
  const s = session();
  const id = field('Drop id', { id: 'drop-id', required: true, pattern: '[a-z0-9\\-]{3,64}', autocomplete: 'off' }, '3–64 lowercase letters, digits and dashes; it is the drop\'s address.');
  const title = field('Title', { id: 'drop-title', required: true, maxlength: 200 });
  const creator = field('Creator wallet', { id: 'drop-creator', required: true, value: s.wallet ?? '', readonly: s.kind === 'creator' ? true : undefined }, 'The wallet that owns the drop; a signed-in creator can only name their own.');
  const supply = field('Supply', { id: 'drop-supply', type: 'number', min: 1, max: 10000000, required: true, value: 100 });
  const perWallet = field('Per-wallet limit', { id: 'drop-per-wallet', type: 'number', min: 1, value: 1, required: true });
  const starts = field('Claim window opens (UTC, optional)', { id: 'drop-starts', type: 'datetime-local' });
  const ends = field('Claim window closes (UTC, optional)', { id: 'drop-ends', type: 'datetime-local' });
  const tiers = field('Tiers (optional)', { id: 'drop-tiers', tag: 'textarea', rows: 3, placeholder: 'vip=10\nearly=40' }, 'One per line: name=allocation. Allocations add up to at most the supply; the rest is untiered.');

  const assets = [];
  const assetList = h('ul', { id: 'asset-list', 'aria-live': 'polite' });
  const uri = field('Asset URI', { id: 'asset-uri', placeholder: 'ipfs://…/poster.png' }, 'https, http, ipfs, ipns or ar.');
  const file = field('Asset file (hashed here, in your browser; not uploaded)', { id: 'asset-file', type: 'file' });
  const source = field('Or an asset URL (fetched and hashed by your browser)', { id: 'asset-url', type: 'url', autocomplete: 'off', placeholder: 'https://…/poster.png' },
    'This site, or a host that lets other sites read it (CORS); the server never fetches it.');
  const hash = field('Asset SHA-256', { id: 'asset-sha256', pattern: '[0-9a-fA-F]{64}', autocomplete: 'off' }, 'Filled in from the file or the URL, or paste the 64 hex digits.');
  const media = field('Media type', { id: 'asset-media', placeholder: 'image/png' });
  file.input.addEventListener('change', busy(async () => {
    const f = file.input.files[0];
    if (!f) return;
    hash.input.value = await sha256(await f.arrayBuffer());
    if (!media.input.value) media.input.value = f.type || 'application/octet-stream';
    if (!uri.input.value) uri.input.value = `ipfs://replace-with-your-cid/${f.name}`;
  }));
  const fetchAndHash = button('Fetch and hash', async () => {
    hash.input.value = '';
    const fetched = await fetchAsset(source.input.value.trim());
    hash.input.value = await sha256(fetched.bytes);
    if (!media.input.value) media.input.value = fetched.mediaType || 'application/octet-stream';
    if (!uri.input.value) uri.input.value = fetched.url;
    showInfo(`Fingerprinted ${fetched.url}: ${number(fetched.bytes.byteLength)} bytes, SHA-256 ${hash.input.value}.`);
  }, { id: 'fetch-asset' });
  const addAsset = button('Add the asset', () => {
    const asset = { uri: uri.input.value.trim(), sha256: hash.input.value.trim().toLowerCase(), mediaType: media.input.value.trim() };
    assets.push(asset);
    assetList.append(h('li', {}, `${asset.uri} (${asset.mediaType}) sha256 ${asset.sha256}`));
    for (const f of [uri, file, source, hash, media]) f.input.value = '';
  }, { id: 'add-asset' });

  const form = h('form', { id: 'new-drop', onsubmit: busy(async e => {
    e.preventDefault();
    const manifest = {
      id: id.input.value.trim(), title: title.input.value, creator: creator.input.value.trim(),
      supply: Number(supply.input.value), perWalletLimit: Number(perWallet.input.value), assets,
    };
    if (starts.input.value) manifest.startsAt = new Date(starts.input.value + 'Z').toISOString();
    if (ends.input.value) manifest.endsAt = new Date(ends.input.value + 'Z').toISOString();
    const tierLines = tiers.input.value.split('\n').map(l => l.trim()).filter(Boolean);
    if (tierLines.length) manifest.tiers = tierLines.map(l => { const [name, allocation] = l.split('='); return { name: name.trim(), allocation: Number(allocation) }; });
    const summary = await api('POST', '/drops', manifest);
    remember(summary.id);
    showInfo(`Drop ${summary.id} created (draft). Manifest hash ${summary.manifestHash}.`);
    go(`#/drops/${encodeURIComponent(summary.id)}`);
  }) },
  h('fieldset', {}, h('legend', {}, 'The drop'), id.el, title.el, creator.el, supply.el, perWallet.el, starts.el, ends.el, tiers.el),
  h('fieldset', {}, h('legend', {}, 'Assets (at least one)'), uri.el, file.el, source.el, h('div', { class: 'actions' }, fetchAndHash), hash.el, media.el, addAsset, assetList),
  h('button', { type: 'submit', class: 'primary', id: 'create-drop' }, 'Create the drop'));
  main.replaceChildren(h('h1', {}, 'Create a drop'), form);
}

/** The drop's merch mapping as its creator and operators read it (operators set it: PUT /drops/{id}/merch). */
function merchMapping(m) {
  if (m.error) return [h('p', {}, m.error)];
  const mapping = m.mapping;
  if (!mapping || (mapping.skus.length === 0 && mapping.tiers.length === 0)) return [h('p', { id: 'merch-mapping' }, 'No merch: this drop\'s tokens carry none (operators map SKUs to a drop).')];
  return [
    h('div', { id: 'merch-mapping' }, facts([
      ['SKUs on every token', mapping.skus.length ? mapping.skus.join(', ') : 'none (per tier only)'],
      ['Mapped since', when(m.mappedAt)],
      ['Orders', `${number(m.orders)} of ${number(m.shouldHave)} tokens that should have one`],
      ['Success rate', m.successRate == null ? null : `${Math.round(m.successRate * 100)} %`]])),
    table('SKUs per tier', mapping.tiers, [['Tier', t => t.tier], ['SKUs', t => t.skus.join(', ')]], 'none (every token carries the SKUs above).'),
    table('Tokens without an order (latest 20)', m.unmapped.slice(-20).reverse(), [['Token', u => u.tokenNumber], ['Why', u => u.reason]], 'none.'),
  ];
}

/** Every event of the drop's stream as NDJSON (one JSON object a line), read page by page from the API. */
async function exportEvents(id) {
  const lines = [];
  for (let from = 1; ; ) {
    const page = await api('GET', `/drops/${encodeURIComponent(id)}/events?fromVersion=${from}&limit=1000`);
    for (const e of page) lines.push(JSON.stringify({ stream: `drop/${id}`, ...e }));
    if (page.length < 1000) break;
    from = page[page.length - 1].version + 1;
  }
  const link = h('a', { href: URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'application/x-ndjson' })), download: `${id}-events.ndjson` });
  document.body.append(link);
  link.click();
  link.remove();
  showInfo(`Exported ${number(lines.length)} events of ${id}.`);
}

export async function renderDrop(main, id, onLeave) {
  const path = `/drops/${encodeURIComponent(id)}`;
  const summaryBox = h('div', { id: 'summary' });
  const claimsBox = h('div', { id: 'claims' });
  const chainBox = h('div', { id: 'chain' });
  const merchBox = h('div', { id: 'merch' });

  const lifecycle = action => busy(async () => { const d = await api('POST', `${path}/${action}`); showInfo(`Drop ${id} is ${d.status}.`); draw(d); });
  const controls = h('div', { class: 'actions', role: 'group', 'aria-label': 'Lifecycle' },
    h('button', { type: 'button', id: 'open', onclick: lifecycle('open') }, 'Open (or resume)'),
    h('button', { type: 'button', id: 'pause', onclick: lifecycle('pause') }, 'Pause'),
    h('button', { type: 'button', id: 'close', class: 'danger', onclick: lifecycle('close') }, 'Close for good'),
    button('Export events (NDJSON)', () => exportEvents(id), { id: 'export' }));

  function draw(d) {
    summaryBox.replaceChildren(facts([
      ['Status', h('strong', { id: 'status' }, d.status)], ['Title', d.title], ['Creator', d.creator],
      ['Minted', h('span', { id: 'minted' }, number(d.minted))], ['Remaining', number(d.remaining)], ['Supply', number(d.supply)],
      ['Per-wallet limit', d.perWalletLimit], ['Claim window', `${when(d.startsAt)} → ${when(d.endsAt)}`],
      ['Manifest hash', h('code', { id: 'manifest-hash' }, d.manifestHash)], ['Stream version', d.version]]),
      table('Tiers', d.tiers, [['Tier', t => t.name], ['Allocation', t => number(t.allocation)], ['Minted', t => number(t.minted)]], 'none (every token is untiered).'));
  }

  async function refresh() {
    draw(await api('GET', path));
    const timeline = await api('GET', `${path}/timeline`);
    claimsBox.replaceChildren(
      h('p', {}, 'Claims counted: ', h('strong', { id: 'claims-total' }, number(timeline.claims)), ' (from the drop-timeline projection, a moment behind the drop).'),
      table('Claims per minute', timeline.minutes.slice(-30).reverse(), [['Minute (UTC)', m => when(m.minute)], ['Claims', m => number(m.claims)]]),
      table('Claims per tier', timeline.tiers, [['Tier', t => t.tier ?? 'untiered'], ['Claims', t => h('span', { class: 'tier-claims' }, number(t.claims))]]),
      table('Refusals', timeline.refusals, [['Reason', r => r.reason], ['Count', r => number(r.count)]], 'none recorded.'));
    const settlement = await api('GET', `${path}/settlement`).catch(e => ({ error: e.message }));
    const anchors = settlement.error ? [] : [...settlement.anchored.map(a => ({ ...a, view: 'anchored' })), ...settlement.pending.map(a => ({ ...a, view: 'pending' })), ...settlement.failed.map(a => ({ ...a, view: 'failed' }))];
    chainBox.replaceChildren(settlement.error ? h('p', {}, settlement.error) : facts([['Contract', settlement.contract], ['Chain id', settlement.chainId], ['Paused', settlement.paused ? `yes: ${settlement.pauseReason}` : 'no']]),
      h('p', { id: 'anchor-counts' }, settlement.error ? '' : `Roots anchored: ${settlement.anchored.length}, pending: ${settlement.pending.length}, failed: ${settlement.failed.length}.`),
      table('Receipt roots on chain (latest 10)', anchors.sort((a, b) => b.lastToken - a.lastToken).slice(0, 10), [['State', a => a.view], ['Tokens', a => `${a.firstToken}–${a.lastToken}`], ['Root', a => h('code', {}, a.root)], ['Block', a => a.block], ['Transaction', a => a.txHash ? h('code', {}, a.txHash) : null], ['Why it failed', a => a.failureReason]], 'none sealed yet.'));
    const funnel = await api('GET', `${path}/fulfilment/funnel`);
    const merch = await api('GET', `${path}/merch`).catch(e => ({ error: e.message }));
    merchBox.replaceChildren(
      ...merchMapping(merch),
      table('Order funnel', funnel.stages, [['Stage', f => f.stage], ['Orders', f => h('span', { 'data-stage': f.stage }, number(f.orders))], ['Of', f => f.of], ['Conversion', f => f.conversion == null ? null : `${Math.round(f.conversion * 100)} %`]]));
  }

  const receiptId = field('Claim id', { id: 'receipt-claim-id', autocomplete: 'off' });
  const receiptOut = h('pre', { class: 'json', id: 'receipt', 'aria-live': 'polite' });
  const receiptForm = h('form', { onsubmit: busy(async e => {
    e.preventDefault();
    receiptOut.textContent = JSON.stringify(await api('GET', `${path}/claims/${encodeURIComponent(receiptId.input.value.trim())}/receipt`), null, 2);
  }) }, receiptId.el, h('button', { type: 'submit' }, 'Show the signed receipt'));

  main.replaceChildren(h('h1', {}, `Drop ${id}`), controls, summaryBox,
    section('Live', h('iframe', { title: `Live page of ${id}`, src: `${path}/live.html`, class: 'live', id: 'live' })),
    section('Claims', claimsBox),
    section('Receipts and on-chain anchoring', chainBox, receiptForm, receiptOut),
    section('Merch and orders', merchBox));
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 2000);
  onLeave(() => clearInterval(timer));
}
