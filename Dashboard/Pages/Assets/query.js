'use strict';
const { el } = lake;
let shown = null;

async function refresh() {
  const q = await lake.get('/api/query-console');
  const key = q.running ? q.url : `down:${q.state}`;
  if (key === shown) return;
  shown = key;
  if (q.running) {
    lake.show(document.getElementById('query-state'), 'The query service\'s console (DuckDB over the catalog) · ', lake.link(q.url, 'open on its own'));
    lake.show(document.getElementById('query'), el('iframe', { class: 'query-frame', src: q.url, title: 'Query console' }));
  } else {
    lake.show(document.getElementById('query-state'), '');
    lake.show(document.getElementById('query'), el('section', { class: 'panel empty', id: 'query-not-running' },
      q.state === 'Absent' ? 'The query service is not running: the lake has no query resource.' : `The query service is not running (${q.state}).`));
  }
}

lake.poll(refresh, 3000);
