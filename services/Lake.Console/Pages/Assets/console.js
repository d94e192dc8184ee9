'use strict';
// Shared by every page. Everything shown is built with DOM text nodes (never innerHTML): alert text, object keys,
// message bodies and query results are untrusted.
const lake = {
  /** Sends a request as this page's user; a lost session goes back to the login form. */
  async send(url, init) {
    const response = await fetch(url, { ...init, credentials: 'same-origin' });
    if (response.status === 401) {
      location.assign(`/login?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}`);
      throw new Error('logged out');
    }
    return response;
  },

  /** The problem's own words (RFC 7807 title and detail), else the status. */
  async failure(response) {
    const text = await response.text();
    try {
      const problem = JSON.parse(text);
      if (problem && (problem.title || problem.detail)) return new Error(`${response.status} ${problem.title ?? ''}: ${problem.detail ?? ''}`);
    } catch { /* not JSON */ }
    return new Error(`${response.status}: ${text}`);
  },

  async get(url) {
    const response = await lake.send(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw await lake.failure(response);
    return response.json();
  },

  /** The antiforgery token every state change carries (asked for once per page). */
  session: null,
  async token() {
    lake.session ??= lake.get('/api/session');
    const session = await lake.session;
    return { [session.antiforgeryHeader]: session.antiforgeryToken };
  },

  /** POSTs JSON (or nothing) with the antiforgery token; returns the raw response for the caller to read. */
  async postRaw(url, body) {
    const headers = { accept: 'application/json', ...(await lake.token()) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return lake.send(url, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  },

  async post(url, body) {
    const response = await lake.postRaw(url, body);
    if (!response.ok) throw await lake.failure(response);
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  },

  /** el('td', { class: 'num', href: '/x' }, 'text', childNode, ...) */
  el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },

  /** Replaces a container's content. */
  show(container, ...children) {
    container.replaceChildren(...children.flat().filter(c => c !== undefined && c !== null));
  },

  badge(text) { return lake.el('span', { class: `badge ${text}` }, text); },

  /** A link only to this console's own paths or to http(s) URLs: no javascript: from data. */
  link(href, text) {
    const safe = href.startsWith('/') || /^https?:\/\//i.test(href) ? href : '#';
    return lake.el('a', { href: safe }, text ?? href);
  },

  time(iso) { return iso ? new Date(iso).toLocaleTimeString() : ''; },
  dateTime(iso) { return iso ? new Date(iso).toLocaleString() : ''; },

  duration(ms) {
    if (ms === null || ms === undefined) return '';
    if (ms < 1) return `${ms.toFixed(2)} ms`;
    if (ms < 1000) return `${Math.round(ms)} ms`;
    return `${(ms / 1000).toFixed(2)} s`;
  },

  bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let value = n, unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
  },

  /** The last path segment: the id of /uploads/{id}. */
  pathId() { return decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? ''); },

  /** Runs fn now and every ms; a failure shows in the header and the next tick tries again. */
  poll(fn, ms) {
    const status = document.getElementById('connection');
    const tick = async () => {
      try {
        await fn();
        status.textContent = '';
      } catch (error) {
        status.textContent = `not updating: ${error.message}`;
      }
      setTimeout(tick, ms);
    };
    tick();
  },

  /** A definition list of a map's keys and values. */
  details(map) {
    const entries = Object.entries(map ?? {});
    if (entries.length === 0) return lake.el('span', { class: 'muted' }, 'none');
    return lake.el('dl', { class: 'details' }, entries.flatMap(([k, v]) => [lake.el('dt', {}, k), lake.el('dd', {}, v)]));
  },
};

document.getElementById('logout')?.addEventListener('click', async () => {
  try {
    await lake.post('/logout');
  } finally {
    location.assign('/login');
  }
});
