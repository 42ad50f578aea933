// Small DOM helpers: elements from data, never from HTML strings, so API text can never become markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

let fieldCount = 0;

/** A labelled input: the label names it for screen readers and axe. */
export function field(label, attrs = {}, hint) {
  const id = attrs.id ?? `f${++fieldCount}`;
  const tag = attrs.tag ?? 'input';
  const { tag: _, ...rest } = attrs;
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h(tag, { ...rest, id, 'aria-describedby': hintId });
  const el = h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('small', { id: hintId }, hint) : null);
  return { el, input };
}

/** A table of rows; columns are [heading, row => cell]. */
export function table(caption, rows, columns, empty = 'Nothing yet.') {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, `${caption}: ${empty}`);
  // A table wider than a phone scrolls in its box: the box takes the focus so the keyboard can scroll it too.
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(([head]) => h('th', { scope: 'col' }, head)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row) ?? '—')))))));
}

/** Name/value pairs as a description list. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value ?? '—')]));
}

export function section(title, ...children) {
  return h('section', { 'aria-label': title }, h('h2', {}, title), ...children);
}

export function button(text, onclick, attrs = {}) {
  return h('button', { type: 'button', ...attrs, onclick: busy(onclick) }, text);
}

/** Runs an action, showing its failure as a readable message; the button is disabled while it runs. */
export function busy(action) {
  return async event => {
    const target = event?.currentTarget;
    if (target) target.disabled = true;
    try { await action(event); } catch (e) { showError(e); } finally { if (target) target.disabled = false; }
  };
}

export function showError(e) {
  const box = document.getElementById('message');
  box.className = 'message error';
  box.textContent = e?.message ?? String(e);
  box.hidden = false;
}

export function showInfo(text) {
  const box = document.getElementById('message');
  box.className = 'message info';
  box.textContent = text;
  box.hidden = false;
}

export function clearMessage() {
  const box = document.getElementById('message');
  box.hidden = true;
  box.textContent = '';
}

export const number = n => (n ?? 0).toLocaleString('en');
export const when = t => (t ? new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');
