'use strict';
// The query console: the console's POST /api/query runs a statement on the query service (its /v1/query) and
// passes its answer on: rows, or a refusal shown inline.
const { el } = lake;
const sql = document.getElementById('sql');
const run = document.getElementById('run');
const stats = document.getElementById('stats');
const error = document.getElementById('error');
const results = document.getElementById('results');
const numeric = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

function showError(title, detail) {
  results.hidden = true;
  stats.textContent = '';
  lake.show(error, el('strong', {}, title), ' ', detail ?? '');
  error.hidden = false;
}

function showResult(result) {
  error.hidden = true;
  lake.show(results.tHead, el('tr', {}, result.columns.map(c => el('th', {}, c.name, el('small', {}, c.type)))));
  lake.show(results.tBodies[0], result.rows.map(row => el('tr', {}, row.map((value, i) => value === null
    ? el('td', { class: 'null' }, 'NULL')
    : el('td', { class: numeric.test(result.columns[i].type) ? 'num' : null }, String(value))))));
  results.hidden = false;
  stats.textContent = `${result.rowCount} row${result.rowCount === 1 ? '' : 's'} · ${result.elapsedMs} ms · ${result.bytesScannedEstimated ? '~' : ''}${lake.bytes(result.bytesScanned)} scanned`;
}

async function runQuery() {
  run.disabled = true;
  stats.textContent = 'running…';
  try {
    const response = await lake.postRaw('/api/query', { sql: sql.value });
    const body = await response.json().catch(() => null);
    if (response.ok && body) showResult(body);
    else showError(body?.title ?? `HTTP ${response.status}`, body?.detail ?? response.statusText);
  } catch (failure) {
    showError('The console did not answer', failure.message);
  } finally {
    run.disabled = false;
  }
}

async function loadState() {
  const q = await lake.get('/api/query');
  lake.show(document.getElementById('query-state'), q.url
    ? ['The query service at ', lake.link(q.url, q.url), ' is ', lake.badge(q.state), '.']
    : 'No query service is configured for this console.');
}

async function loadTables() {
  const tables = document.getElementById('tables');
  try {
    const list = await lake.get('/api/query/tables');
    lake.show(tables, list.length === 0 ? el('li', { class: 'muted' }, 'no tables in the catalog yet') : list.map(table => {
      const button = el('button', { type: 'button', 'data-table': table.qualifiedName }, table.qualifiedName,
        el('small', {}, `${table.partitionCount} partitions · ${table.fileCount} files · ${lake.bytes(table.bytes)}`));
      button.addEventListener('click', () => {
        sql.value = `SELECT * FROM ${table.qualifiedName} LIMIT 100`;
        sql.focus();
      });
      return el('li', {}, button);
    }));
  } catch (failure) {
    lake.show(tables, el('li', { class: 'muted' }, `tables unavailable: ${failure.message}`));
  }
}

run.addEventListener('click', runQuery);
sql.addEventListener('keydown', event => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); runQuery(); }
});
lake.poll(loadState, 5000);
loadTables();
