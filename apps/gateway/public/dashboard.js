// The minifaas dashboard: one live feed (GET /events, server-sent events read through fetch so the
// API token can go in a header) and the gateway's own HTTP API. Plain DOM, no build step; every
// value from the server is set as text, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'minifaas.token';

/** fetch with the API token, if one was given; shows the token field on 401. */
async function api(path, init = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401) askForToken();
  return res;
}

function askForToken() {
  $('token-panel').hidden = false;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells, options = {}) {
  const tr = el('tr', undefined, options.className);
  for (const cell of cells) {
    const td = cell instanceof Node ? cell : el('td', cell);
    if (typeof cell === 'number') td.className = 'num';
    tr.append(cell instanceof Node ? cell : td);
  }
  return tr;
}

const ms = (value) => (value === null || value === undefined ? '–' : Math.round(value * 10) / 10);

// 1. The live feed.

function render(snapshot) {
  const feed = $('feed-state');
  feed.textContent = snapshot.backendUp ? 'live' : 'backend down';
  feed.className = `pill ${snapshot.backendUp ? 'live' : 'down'}`;
  $('queue').textContent = `${snapshot.queued} queued`;
  renderStrategy(snapshot.strategy, snapshot.strategies);

  $('workers').replaceChildren(
    ...snapshot.workers.map((w) =>
      row([w.id, el('td', w.state, w.state), w.currentInvocationId || '–', w.jobsDone, w.weight], { className: 'worker' }),
    ),
  );

  $('functions').replaceChildren(
    ...snapshot.functions.map((f) => {
      const tr = row([f.name, f.lang, f.versions, f.invocations, f.errors, ms(f.p50Ms), ms(f.p99Ms)], { className: 'clickable' });
      tr.dataset.name = f.name;
      tr.addEventListener('click', () => ($('invoke-fn').value = f.name));
      return tr;
    }),
  );
  $('function-names').replaceChildren(...snapshot.functions.map((f) => Object.assign(el('option'), { value: f.name })));

  $('recent').replaceChildren(
    ...snapshot.recent.map((r) =>
      row([
        new Date(r.at).toLocaleTimeString(),
        r.name,
        el('td', r.code, r.code === 'OK' ? '' : 'error'),
        r.totalMs,
        ms(r.durationMs),
        r.worker ?? '–',
        r.cold ? 'cold' : '',
      ]),
    ),
  );
}

function renderStrategy(current, available) {
  const select = $('strategy');
  if (document.activeElement === select) return;
  const names = available.length ? available : [current];
  if ([...select.options].map((o) => o.value).join() !== names.join()) {
    select.replaceChildren(...names.map((name) => Object.assign(el('option', name), { value: name })));
  }
  select.value = current;
  select.disabled = !current;
}

/** Reads GET /events for ever, reconnecting after a pause when it drops. */
async function follow() {
  for (;;) {
    try {
      const res = await api('/events', { headers: { accept: 'text/event-stream' } });
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      await readEvents(res.body, (event, data) => event === 'snapshot' && render(JSON.parse(data)));
    } catch (err) {
      console.warn(err);
    }
    const feed = $('feed-state');
    feed.textContent = 'reconnecting…';
    feed.className = 'pill down';
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(event, data.join('\n'));
    }
  }
}

// 2. Actions.

async function showReply(res, target) {
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { ok: false, error: text };
  }
  target.className = body.ok ? '' : 'error';
  return body;
}

$('deploy-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('deploy-result');
  result.className = 'muted';
  result.textContent = 'deploying… (a Go compile can take a while)';
  const name = $('deploy-name').value.trim();
  const lang = $('deploy-lang').value;
  const query = new URLSearchParams({ name, lang });
  const res = await api(`/deploy?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: $('deploy-code').value });
  const body = await showReply(res, result);
  result.textContent = body.ok ? `deployed ${body.id} (${body.lang}${body.wasm ? ', wasm' : ''})` : `${res.status} ${body.code ?? ''}: ${body.error}`;
  if (body.ok) $('invoke-fn').value = name;
});

$('invoke-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('invoke-result');
  result.className = 'muted';
  result.textContent = 'running…';
  const query = new URLSearchParams({ fn: $('invoke-fn').value.trim() });
  const res = await api(`/invoke?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: $('invoke-input').value });
  const body = await showReply(res, result);
  const output = body.outputEncoding === 'base64' ? `(base64) ${body.output}` : body.output ?? '';
  result.textContent = body.ok
    ? `${output}${body.stderr ? `\n[stderr] ${body.stderr}` : ''}\n— ${body.worker}, ${ms(body.durationMs)} ms`
    : `${res.status} ${body.code ?? ''}: ${body.error}${body.stderr ? `\n[stderr] ${body.stderr}` : ''}`;
});

$('strategy').addEventListener('change', async (event) => {
  const select = event.target;
  select.disabled = true;
  const res = await api('/lb/strategy', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ strategy: select.value }),
  });
  if (!res.ok) console.warn('strategy change refused', res.status, await res.text());
  select.disabled = false;
  select.blur();
});

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value);
  $('token-panel').hidden = true;
  // The feed retries by itself within two seconds, now with the token.
});

follow();
