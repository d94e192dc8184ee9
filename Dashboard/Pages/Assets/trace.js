'use strict';
const { el } = lake;
const traceId = lake.pathId();
document.getElementById('trace-id').textContent = traceId;
let selected = null;
let lastCount = -1;

function showSpan(span) {
  selected = span.spanId;
  for (const row of document.querySelectorAll('.waterfall .row')) row.classList.toggle('selected', row.dataset.span === selected);
  lake.show(document.getElementById('span-details'),
    lake.details({
      name: span.name, service: span.service, scope: span.scope, kind: span.kind, status: span.status + (span.statusMessage ? `: ${span.statusMessage}` : ''),
      'span id': span.spanId, 'parent span id': span.parentSpanId ?? '(root)', start: lake.dateTime(span.start), duration: lake.duration(span.durationMs),
    }),
    el('h2', {}, 'Attributes'), lake.details(span.attributes),
    span.events.length ? [el('h2', {}, 'Events'), span.events.map(e => el('div', {}, `${lake.time(e.at)} ${e.name}`, lake.details(e.attributes)))] : null);
}

function render(data) {
  const w = data.waterfall;
  const total = Math.max(w.durationMs, 0.001);
  document.getElementById('summary').textContent =
    `${w.rows.length} spans · ${lake.duration(w.durationMs)} · started ${lake.dateTime(w.start)}`;
  lake.show(document.getElementById('waterfall'), w.rows.map(r => {
    const bar = el('div', { class: `bar ${r.span.status}` });
    const left = (r.offsetMs / total) * 100;
    bar.style.left = `${left}%`;
    bar.style.width = `${Math.max((r.span.durationMs / total) * 100, 0.2)}%`;
    const end = left + (r.span.durationMs / total) * 100;
    const label = el('span', { class: end > 80 ? 'duration inside' : 'duration' }, lake.duration(r.span.durationMs));
    // A long bar carries its duration inside its right end; a short one, just after it.
    if (end > 80) label.style.right = `${Math.max(100 - end, 0)}%`;
    else label.style.left = `${end}%`;
    const name = el('div', { class: 'label', title: r.span.name }, el('span', { class: 'service' }, r.span.service), r.span.name);
    name.style.paddingLeft = `${0.4 + r.depth * 1.1}rem`;
    const row = el('div', { class: 'row', 'data-span': r.span.spanId, 'data-parent': r.span.parentSpanId, 'data-depth': r.depth }, name, el('div', { class: 'track' }, bar, label));
    row.addEventListener('click', () => showSpan(r.span));
    return row;
  }));
  lake.show(document.querySelector('#trace-logs tbody'), data.logs.length
    ? data.logs.map(l => el('tr', {}, el('td', { class: 'muted' }, lake.time(l.time)), el('td', {}, l.service), el('td', {}, l.severity), el('td', {}, el('pre', {}, l.body))))
    : el('tr', {}, el('td', { colspan: 4, class: 'empty' }, 'No log records carry this trace id.')));
  const span = w.rows.find(r => r.span.spanId === selected)?.span ?? w.rows[0]?.span;
  if (span) showSpan(span);
}

async function refresh() {
  const response = await fetch(`/api/traces/${encodeURIComponent(traceId)}`);
  if (response.status === 404) {
    lake.show(document.getElementById('waterfall'), el('p', { class: 'empty' }, await response.text()));
    return;
  }
  if (!response.ok) throw new Error(`${response.status}`);
  const data = await response.json();
  // Spans of a live trace keep arriving; redraw only when there are more.
  if (data.waterfall.rows.length + data.logs.length !== lastCount) {
    lastCount = data.waterfall.rows.length + data.logs.length;
    render(data);
  }
}

lake.poll(refresh, 3000);
