'use strict';
const { el } = lake;

async function refresh() {
  const data = await lake.get('/api/alerts');
  const i = data.inbox;
  document.getElementById('inbox').textContent = i.reading
    ? `Reading ${i.queue} (subscribed to the alerts topic); holding ${i.held} of at most ${i.capacity}.`
    : `Not reading ${i.queue}: ${i.problem}`;
  const rows = data.alerts.map(a => el('tr', { 'data-alert': a.id, 'data-type': a.type },
    el('td', { class: 'muted' }, lake.dateTime(a.publishedAt)),
    el('td', {}, lake.badge(a.type.endsWith('rejected') || a.type.endsWith('failed') ? `${a.type} Error` : a.type)),
    el('td', {}, a.subject ?? ''),
    el('td', {}, a.uploadId ? lake.link(`/uploads/${encodeURIComponent(a.uploadId)}`, a.dataset ? `${a.dataset} ${a.uploadId.slice(0, 8)}` : a.uploadId) : ''),
    el('td', {}, el('pre', {}, a.message))));
  lake.show(document.querySelector('#alerts tbody'),
    rows.length ? rows : el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No alerts.')));
}

lake.poll(refresh, 2000);
