'use strict';
const { el } = lake;
const uploadId = lake.pathId();

async function refresh() {
  const response = await lake.send(`/api/uploads/${encodeURIComponent(uploadId)}`, { headers: { accept: 'application/json' } });
  if (response.status === 404 || response.status === 400) {
    lake.show(document.getElementById('stages'), el('p', { class: 'empty', id: 'not-found' }, (await lake.failure(response)).message));
    return;
  }
  if (!response.ok) throw await lake.failure(response);
  const u = await response.json();
  document.getElementById('file-name').textContent = u.fileName;
  document.getElementById('summary').textContent =
    `${u.dataset} · ${u.uploadId} · ${u.final ? 'finished' : 'in progress'} at ${u.stage} · created ${lake.dateTime(u.createdAt)}`;
  lake.show(document.getElementById('stages'), u.stages.map(s => el('div', { class: 'stage', 'data-stage': s.stage },
    lake.badge(s.stage),
    el('div', { class: 'when' }, lake.time(s.at)),
    el('div', { class: 'when' }, s.sincePreviousMs === null ? 'start' : `+${lake.duration(s.sincePreviousMs)}`))));
  const rows = [['rows in', u.rowsIn], ['valid', u.rowsValid], ['quarantined', u.rowsQuarantined]].filter(([, v]) => v !== null);
  lake.show(document.getElementById('rows'), rows.length
    ? el('p', { id: 'row-counts' }, rows.map(([k, v]) => `${k}: ${v}`).join(' · '))
    : el('p', { class: 'muted' }, 'No rows counted yet.'));
  const links = [];
  if (u.traceUrl) links.push(el('li', { id: 'trace' }, 'trace in the Aspire dashboard: ', lake.link(u.traceUrl, u.traceId)));
  else if (u.traceId) links.push(el('li', { id: 'trace' }, `trace ${u.traceId} (no Aspire dashboard is configured to open it)`));
  for (const o of u.objects) links.push(el('li', {}, `${o.label}: `, lake.link(o.href, `${o.zone}/${o.key}`)));
  lake.show(document.getElementById('links'), links.length ? links : el('li', { class: 'muted' }, 'None recorded yet.'));
  lake.show(document.getElementById('details'), lake.details(u.details));
}

lake.poll(refresh, 3000);
