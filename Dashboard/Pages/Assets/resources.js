'use strict';
const { el } = lake;

async function restart(name, button) {
  button.disabled = true;
  try { await lake.post(`/api/resources/${encodeURIComponent(name)}/restart`); } catch (error) { alert(error.message); }
  button.disabled = false;
}

async function refreshResources() {
  const resources = await lake.get('/api/resources');
  const rows = resources.map(r => el('tr', { 'data-resource': r.name },
    el('td', {}, el('strong', {}, r.name)),
    el('td', { class: 'muted' }, r.type),
    el('td', { class: 'state' }, lake.badge(r.state)),
    el('td', { class: 'health' }, lake.badge(r.health)),
    el('td', {}, r.endpoints.map(e => el('div', {}, `${e.name}: `, lake.link(e.url)))),
    el('td', { class: 'num' }, r.restarts),
    el('td', { class: 'muted' }, lake.time(r.startedAt), r.exitCode !== null && r.exitCode !== undefined ? ` (exit ${r.exitCode})` : ''),
    el('td', {}, lake.link(`/logs?resource=${encodeURIComponent(r.name)}`, 'logs'), ' ',
      (() => { const b = el('button', { type: 'button' }, 'restart'); b.addEventListener('click', () => restart(r.name, b)); return b; })())));
  lake.show(document.querySelector('#resources tbody'),
    rows.length ? rows : el('tr', {}, el('td', { colspan: 8, class: 'empty' }, 'No resources reported yet.')));
}

function setCount(id, value) { document.getElementById(id).textContent = String(value); }

async function refreshPipeline() {
  const p = await lake.get('/api/pipeline');
  const s = p.stages;
  setCount('count-raw', s.Requested);
  setCount('count-validate', p.validate.waiting + p.validate.inFlight);
  setCount('sub-validate', `${p.validate.waiting} queued / ${p.validate.inFlight} in flight`);
  setCount('count-rejected', s.Rejected);
  setCount('sub-validate-dlq', `${p.validateDeadLetters.waiting} dead letters`);
  setCount('count-clean', s.Validated);
  setCount('count-transform', p.transform.waiting + p.transform.inFlight);
  setCount('sub-transform', `${p.transform.waiting} queued / ${p.transform.inFlight} in flight`);
  setCount('count-failed', s.Failed);
  setCount('sub-transform-dlq', `${p.transformDeadLetters.waiting} dead letters`);
  setCount('count-curated', s.Transformed);
  setCount('count-quarantine', p.alerts['upload.quarantine-threshold'] ?? 0);
  setCount('count-catalog', s.Cataloged);
  setCount('count-query', p.query);
  document.getElementById('pipeline-note').textContent =
    `Uploads by current stage over the ${p.uploadsCounted} most recent; queue depths are SQS's approximate counts.`;
}

lake.poll(refreshResources, 2000);
lake.poll(refreshPipeline, 3000);
