'use strict';
// Shared by every page. Everything shown is built with DOM text nodes (never innerHTML): log lines, alert
// text, object keys and attribute values are untrusted.
const lake = {
  async get(url) {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
    return response.json();
  },

  async post(url) {
    const response = await fetch(url, { method: 'POST' });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status}: ${text}`);
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

  /** A link only to this dashboard's own paths or to http(s) URLs: no javascript: from data. */
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

  /** The last path segment: the id of /traces/{id}, /uploads/{id}. */
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
