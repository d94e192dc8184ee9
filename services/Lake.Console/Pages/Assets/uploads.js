'use strict';
const { el } = lake;

async function refresh() {
  const uploads = await lake.get('/api/uploads?limit=100');
  const rows = uploads.map(u => el('tr', { 'data-upload': u.uploadId },
    el('td', { class: 'muted' }, lake.dateTime(u.updatedAt)),
    el('td', {}, lake.link(`/uploads/${u.uploadId}`, u.fileName)),
    el('td', {}, u.dataset),
    el('td', {}, lake.badge(u.stage)),
    el('td', { class: 'mono muted' }, u.uploadId)));
  lake.show(document.querySelector('#uploads tbody'),
    rows.length ? rows : el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No uploads yet.')));
}

lake.poll(refresh, 3000);
