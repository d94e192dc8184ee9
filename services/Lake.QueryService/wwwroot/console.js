// The query console: POST /v1/query, show the rows or the refusal inline; GET /v1/tables for the list. Both need the
// service's API key (x-api-key), typed once and kept for this tab only (sessionStorage).
"use strict";

const sql = document.getElementById("sql");
const run = document.getElementById("run");
const stats = document.getElementById("stats");
const error = document.getElementById("error");
const results = document.getElementById("results");
const tables = document.getElementById("tables");
const key = document.getElementById("key");
// A page embedding the console may hand it the key in the fragment (#key=...), which never reaches a server or a log;
// it is kept for the tab and taken out of the address at once.
const handed = new URLSearchParams(location.hash.slice(1)).get("key");
if (handed) {
  sessionStorage.setItem("lake-query-key", handed);
  history.replaceState(null, "", location.pathname + location.search);
}
key.value = sessionStorage.getItem("lake-query-key") ?? "";

function withKey(headers = {}) {
  return { ...headers, "x-api-key": key.value };
}
const numericTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

function formatBytes(bytes) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function showError(title, detail) {
  results.hidden = true;
  stats.textContent = "";
  error.replaceChildren();
  const heading = document.createElement("strong");
  heading.textContent = title;
  error.append(heading, document.createTextNode(detail ?? ""));
  error.hidden = false;
}

function showResult(result) {
  error.hidden = true;
  const head = document.createElement("tr");
  for (const column of result.columns) {
    const th = document.createElement("th");
    th.textContent = column.name;
    const type = document.createElement("small");
    type.textContent = column.type;
    th.append(type);
    head.append(th);
  }
  const body = document.createDocumentFragment();
  for (const row of result.rows) {
    const tr = document.createElement("tr");
    row.forEach((value, i) => {
      const td = document.createElement("td");
      if (value === null) { td.className = "null"; td.textContent = "NULL"; }
      else {
        td.textContent = String(value);
        if (numericTypes.test(result.columns[i].type)) td.className = "number";
      }
      tr.append(td);
    });
    body.append(tr);
  }
  results.tHead.replaceChildren(head);
  results.tBodies[0].replaceChildren(body);
  results.hidden = false;
  stats.textContent = `${result.rowCount} row${result.rowCount === 1 ? "" : "s"} · ${result.elapsedMs} ms · ${result.bytesScannedEstimated ? "~" : ""}${formatBytes(result.bytesScanned)} scanned`;
}

async function runQuery() {
  run.disabled = true;
  stats.textContent = "running…";
  try {
    const response = await fetch("v1/query", {
      method: "POST",
      headers: withKey({ "Content-Type": "application/json", "Accept": "application/json" }),
      body: JSON.stringify({ sql: sql.value }),
    });
    const body = await response.json().catch(() => null);
    if (response.ok && body) showResult(body);
    else showError(body?.title ?? `HTTP ${response.status}`, body?.detail ?? response.statusText);
  } catch (failure) {
    showError("The query service did not answer", String(failure));
  } finally {
    run.disabled = false;
  }
}

async function loadTables() {
  try {
    const response = await fetch("v1/tables", { headers: withKey() });
    const list = await response.json();
    if (!response.ok) throw new Error(list?.detail ?? response.statusText);
    tables.replaceChildren(...list.map(table => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.table = table.qualifiedName;
      button.textContent = table.qualifiedName;
      const detail = document.createElement("small");
      detail.textContent = `${table.partitionCount} partitions · ${table.fileCount} files · ${formatBytes(table.bytes)}`;
      button.append(detail);
      button.addEventListener("click", () => {
        sql.value = `SELECT * FROM ${table.qualifiedName} LIMIT 100`;
        sql.focus();
      });
      item.append(button);
      return item;
    }));
    if (list.length === 0) tables.innerHTML = '<li class="muted">no tables in the catalog yet</li>';
  } catch (failure) {
    tables.replaceChildren();
    const item = document.createElement("li");
    item.className = "muted";
    item.textContent = `tables unavailable: ${failure.message}`;
    tables.append(item);
  }
}

document.getElementById("key-form").addEventListener("submit", event => {
  event.preventDefault();
  sessionStorage.setItem("lake-query-key", key.value);
  loadTables();
});
run.addEventListener("click", runQuery);
sql.addEventListener("keydown", event => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); runQuery(); }
});
loadTables();
