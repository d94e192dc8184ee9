'use strict';
const { el } = lake;
const serviceSelect = document.getElementById('service');
const searchInput = document.getElementById('search');

async function refresh() {
  const query = new URLSearchParams();
  if (serviceSelect.value) query.set('service', serviceSelect.value);
  if (searchInput.value) query.set('q', searchInput.value);
  const data = await lake.get(`/api/traces?${query}`);
  const known = [...serviceSelect.options].map(o => o.value);
  for (const s of data.services.filter(s => !known.includes(s))) serviceSelect.append(el('option', { value: s }, s));
  const rows = data.traces.map(t => el('tr', { 'data-trace': t.traceId },
    el('td', { class: 'muted' }, lake.time(t.start)),
    el('td', {}, lake.link(`/traces/${t.traceId}`, t.name), ' ', el('span', { class: 'muted mono' }, t.traceId.slice(0, 8))),
    el('td', {}, t.services.join(', ')),
    el('td', { class: 'num' }, t.spanCount),
    el('td', { class: 'num' }, t.errorCount ? lake.badge('Error') : '', t.errorCount || ''),
    el('td', { class: 'num' }, lake.duration(t.durationMs))));
  lake.show(document.querySelector('#traces tbody'),
    rows.length ? rows : el('tr', {}, el('td', { colspan: 6, class: 'empty' }, 'No traces received yet: point an OpenTelemetry exporter at this address.')));
}

serviceSelect.addEventListener('change', refresh);
searchInput.addEventListener('input', refresh);
lake.poll(refresh, 3000);
