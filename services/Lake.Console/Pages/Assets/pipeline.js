'use strict';
const { el } = lake;

function setCount(id, value) { document.getElementById(id).textContent = String(value); }

async function refresh() {
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
  setCount('count-query', p.query === 'NotConfigured' ? 'none' : p.query);
  setCount('sub-query', p.query === 'NotConfigured' ? 'no query service configured' : 'DuckDB over the catalog');
  document.getElementById('pipeline-note').textContent =
    `Uploads by current stage over the ${p.uploadsCounted} most recent; queue depths are SQS's approximate counts.`;
  lake.show(document.getElementById('dashboard'), p.dashboardUrl
    ? ['Resources, console logs, traces and metrics: ', lake.link(p.dashboardUrl, 'the Aspire dashboard'), '.']
    : 'Resources, console logs, traces and metrics are in the Aspire dashboard (none is configured here).');
}

lake.poll(refresh, 3000);
