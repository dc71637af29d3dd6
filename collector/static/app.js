/* Sieve collector dashboard: data map (cytoscape.js), endpoints, data types, violations.
 * Plain JavaScript, no build step; every text from the API is inserted as text, never HTML. */
"use strict";

const COLORS = { high: "#d23f3f", medium: "#e0912b", low: "#3b82c4", none: "#9aa3b2" };
const state = { namespace: "", data_type: "", min_sensitivity: "" };
const sieveMap = { cy: null, ready: false, flows: [] };
window.sieveMap = sieveMap;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function query() {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? "?" + s : "";
}

// Lists are paged (limit/offset, Link: <next>; rel="next"): follow the pages, within a bound.
const MAX_PAGES = 200;

function nextLink(res) {
  const m = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("Link") || "");
  return m && m[1].startsWith("/api/v1/") ? m[1] : null;
}

async function api(path) {
  let url = "/api/v1" + path;
  let out = null;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(path + ": HTTP " + res.status);
    const body = await res.json();
    if (!Array.isArray(body)) return body;
    out = out ? out.concat(body) : body;
    url = nextLink(res);
  }
  return out;
}

const fmtTime = (iso) => (iso ? iso.replace("T", " ").replace(/\.\d+Z$/, " UTC") : "");
const fmtNum = (n) => Number(n).toLocaleString("en-US");

function chip(dataType, sensitivity, extra) {
  return h("span", { class: "chip " + (sensitivity || "none"), title: sensitivity || "" },
    dataType, extra ? h("small", {}, extra) : null);
}

function workloadLabel(w) {
  return h("span", { class: "wl" + (w.external ? " external" : ""), title: w.kind }, w.label);
}

function methodBadge(m) {
  return h("span", { class: "method " + m }, m);
}

/* ---------- data map ---------- */

const NS_PALETTE = ["#3353d1", "#2f8f5b", "#b0621c", "#8a3ea8", "#0f7c8c", "#a33a5b", "#5d6b1f", "#44546a"];

function namespaceColor(ns) {
  let hash = 0;
  for (const ch of ns) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return NS_PALETTE[hash % NS_PALETTE.length];
}

function mapElements(flows) {
  const nodes = new Map();
  const addNode = (w) => {
    if (nodes.has(w.id)) return;
    const group = w.external ? "external" : w.namespace || w.kind;
    nodes.set(w.id, {
      data: {
        id: "w" + w.id, label: w.name + "\n" + (w.external ? "external" : group),
        name: w.name, namespace: w.namespace, kind: w.kind, external: w.external,
        color: w.external ? "#7a4fc4" : namespaceColor(group), fullLabel: w.label, workload: w,
        w: 28 + 9 * Math.max(w.name.length, (w.external ? "external" : group).length),
      },
    });
  };
  const edges = [];
  for (const f of flows) {
    addNode(f.source);
    addNode(f.destination);
    const types = f.data_types.map((t) => t.data_type);
    edges.push({
      data: {
        id: "f" + f.source.id + "-" + f.destination.id,
        source: "w" + f.source.id,
        target: "w" + f.destination.id,
        label: types.length ? types.join(", ") : "",
        sensitivity: f.highest_sensitivity || "none",
        color: COLORS[f.highest_sensitivity || "none"],
        width: f.highest_sensitivity === "high" ? 4 : f.highest_sensitivity ? 3 : 2,
        flow: f,
      },
    });
  }
  return { nodes: [...nodes.values()], edges };
}

/* Left-to-right layers: a workload sits one column right of the furthest workload that
 * calls it, after cutting the edges that close cycles (depth-first back edges); within a
 * column, workloads are ordered by the mean row of their callers, then namespace and name.
 * Returns null when the graph is too deep or too wide for layers to stay readable. */
function layeredPositions(nodes, edges) {
  const ids = nodes.map((n) => n.data.id);
  const out = new Map(ids.map((id) => [id, []]));
  for (const e of edges) if (e.data.source !== e.data.target) out.get(e.data.source).push(e.data.target);
  const state = new Map();
  const dag = [];
  const visit = (root) => {
    const stack = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])[top[1]++];
      if (next === undefined) { state.set(top[0], 2); stack.pop(); continue; }
      if (state.get(next) === 1) continue; // back edge: closes a cycle
      dag.push([top[0], next]);
      if (!state.has(next)) { state.set(next, 1); stack.push([next, 0]); }
    }
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  const rank = new Map(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    let changed = false;
    for (const [a, b] of dag) {
      if (rank.get(a) + 1 > rank.get(b)) { rank.set(b, rank.get(a) + 1); changed = true; }
    }
    if (!changed) break;
  }
  const columns = [];
  for (const [id, r] of rank) (columns[r] = columns[r] || []).push(id);
  if (columns.length > 7 || columns.some((c) => c && c.length > 10)) return null;
  const byId = new Map(nodes.map((n) => [n.data.id, n]));
  const row = new Map();
  const callers = (id) => edges.filter((e) => e.data.target === id && row.has(e.data.source)).map((e) => row.get(e.data.source));
  const key = (id) => { const d = byId.get(id).data; return (d.external ? "1" : "0") + d.namespace + "/" + d.name; };
  const positions = {};
  const colGap = 300, rowGap = 150;
  columns.forEach((col, c) => {
    if (!col) return;
    const score = (id) => { const ys = callers(id); return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : 0; };
    col.sort((a, b) => score(a) - score(b) || key(a).localeCompare(key(b)));
    col.forEach((id, i) => {
      const y = (i - (col.length - 1) / 2) * rowGap;
      row.set(id, y);
      positions[id] = { x: c * colGap, y };
    });
  });
  return positions;
}

const MAP_STYLE = [
  {
    selector: "node",
    style: {
      shape: "round-rectangle", "background-color": "#ffffff", "border-color": "data(color)",
      "border-width": 2, label: "data(label)", "text-wrap": "wrap", "text-valign": "center",
      "text-halign": "center", "font-size": 15, "font-weight": 600, color: "#1d2330",
      width: "data(w)", height: 48, "line-height": 1.3,
      "font-family": "DejaVu Sans, Arial, sans-serif",
    },
  },
  {
    selector: "node[?external]",
    style: { "border-style": "dashed", "background-color": "#f7f2ff", color: "#4b2a8a" },
  },
  {
    selector: "edge",
    style: {
      "curve-style": "bezier", width: "data(width)", "line-color": "data(color)",
      "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "arrow-scale": 1.2,
      label: "data(label)", "font-size": 12, color: "#1d2330", "text-wrap": "wrap",
      "text-max-width": 170, "text-background-color": "#ffffff", "text-background-opacity": 1,
      "text-background-padding": 4, "text-background-shape": "round-rectangle",
      "text-border-color": "data(color)", "text-border-width": 1, "text-border-opacity": 0.7,
      "font-family": "DejaVu Sans, Arial, sans-serif",
    },
  },
  { selector: ":selected", style: { "overlay-color": "#3353d1", "overlay-opacity": 0.12 } },
];

async function renderMap() {
  const flows = await api("/flows" + query());
  sieveMap.flows = flows;
  document.getElementById("map-empty").hidden = flows.length > 0;
  const { nodes, edges } = mapElements(flows);
  const layered = layeredPositions(nodes, edges);
  if (sieveMap.cy) sieveMap.cy.destroy();
  sieveMap.ready = false;
  const cy = cytoscape({
    container: document.getElementById("cy"),
    elements: [...nodes, ...edges],
    style: MAP_STYLE,
    layout: layered
      ? { name: "preset", positions: layered, fit: true, padding: 40 }
      : {
        name: "cose", animate: false, randomize: false, padding: 30, nodeDimensionsIncludeLabels: true,
        nodeRepulsion: () => 400000, idealEdgeLength: () => 160, componentSpacing: 80, numIter: 1500,
      },
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 1.6,
  });
  if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
  cy.on("tap", "node", (ev) => showWorkload(ev.target.data("workload")));
  cy.on("tap", "edge", (ev) => showFlow(ev.target.data("flow")));
  sieveMap.cy = cy;
  showFlowList(flows);
  sieveMap.ready = true;
}

const RANK = { high: 3, medium: 2, low: 1 };

function showFlowList(flows) {
  const side = document.getElementById("map-side");
  const sorted = [...flows].sort((a, b) =>
    (RANK[b.highest_sensitivity] || 0) - (RANK[a.highest_sensitivity] || 0) || b.exchange_count - a.exchange_count);
  side.replaceChildren(
    h("h3", {}, "Flows by sensitivity"),
    h("div", { class: "sub" }, "Click a workload or a flow on the map for details."),
    h("ul", { class: "flow-list" }, sorted.map((f) => h("li", { onclick: () => showFlow(f) },
      h("i", { class: "sw " + (f.highest_sensitivity || "none") }),
      h("div", {}, workloadLabel(f.source), h("span", { class: "arrow" }, "→"), workloadLabel(f.destination)),
      h("div", { class: "types" }, f.data_types.map((t) => chip(t.data_type, t.sensitivity)))))));
}

function showWorkload(w) {
  const side = document.getElementById("map-side");
  side.replaceChildren(
    h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showFlowList(sieveMap.flows); } }, "← all flows"),
    h("h3", { style: "margin-top:8px" }, w.label),
    h("div", { class: "sub" }, w.kind + (w.external ? " · outside the cluster" : "")),
    h("div", { class: "muted" }, "Sends"),
    h("div", {}, w.sends.length ? w.sends.map((t) => chip(t, "type")) : h("span", { class: "muted" }, "nothing sensitive")),
    h("div", { class: "muted", style: "margin-top:10px" }, "Receives"),
    h("div", {}, w.receives.length ? w.receives.map((t) => chip(t, "type")) : h("span", { class: "muted" }, "nothing sensitive")),
    h("div", { class: "sub", style: "margin-top:12px" }, "first seen " + fmtTime(w.first_seen), h("br"), "last seen " + fmtTime(w.last_seen)),
  );
  api("/openapi/servers").then((servers) => {
    if (servers.includes(w.label)) side.append(downloadBar(servers, w.label));
  }).catch(() => {});
}

async function showFlow(f) {
  const side = document.getElementById("map-side");
  side.replaceChildren(
    h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showFlowList(sieveMap.flows); } }, "← all flows"),
    h("h3", { style: "margin-top:8px" }, workloadLabel(f.source), h("span", { class: "arrow" }, "→"), workloadLabel(f.destination)),
    h("div", { class: "sub" }, fmtNum(f.exchange_count) + " exchanges · " + f.endpoint_count + " endpoint(s)"),
    h("div", {}, f.data_types.map((t) => chip(t.data_type, t.sensitivity, t.direction === "response" ? "←" : t.direction === "both" ? "⇄" : "→"))),
    h("div", { class: "muted", style: "margin-top:12px" }, "Endpoints"),
  );
  const all = await api("/endpoints" + query());
  const mine = all.filter((e) => e.source.id === f.source.id && e.destination.id === f.destination.id);
  side.append(h("ul", {}, mine.map((e) => h("li", {}, h("a", { href: "#/endpoints/" + e.id }, methodBadge(e.method), e.path_template)))));
}

/* ---------- tables ---------- */

function table(headers, rows) {
  return h("table", {},
    h("thead", {}, h("tr", {}, headers.map(([label, cls]) => h("th", { class: cls || null }, label)))),
    h("tbody", {}, rows));
}

/* The catalogue: one row per server endpoint (server, method, template) with its clients. */
const CATALOGUE_PAGE = 50;
const catalogue = { search: "", page: 0 };

function groupEndpoints(list) {
  const groups = new Map();
  for (const e of list) {
    const key = e.destination.id + " " + e.method + " " + e.path_template;
    let g = groups.get(key);
    if (!g) {
      g = { key, method: e.method, path_template: e.path_template, destination: e.destination, clients: [],
        types: new Map(), exchange_count: 0, last_seen: "" };
      groups.set(key, g);
    }
    g.clients.push({ workload: e.source, id: e.id });
    for (const t of e.data_types) {
      const had = g.types.get(t.data_type);
      if (!had || (RANK[t.sensitivity] || 0) > (RANK[had] || 0)) g.types.set(t.data_type, t.sensitivity);
    }
    g.exchange_count += e.exchange_count;
    if (e.last_seen > g.last_seen) g.last_seen = e.last_seen;
  }
  return [...groups.values()];
}

function downloadBar(servers, selected) {
  const server = h("select", { id: "oa-server", "aria-label": "server workload" },
    h("option", { value: "" }, "all servers"), servers.map((s) => h("option", { value: s }, s)));
  server.value = selected || "";
  const format = h("select", { id: "oa-format", "aria-label": "format" },
    h("option", { value: "yaml" }, "YAML"), h("option", { value: "json" }, "JSON"));
  const link = h("a", { id: "oa-download", class: "button", download: "" }, "Download OpenAPI");
  const update = () => {
    const p = new URLSearchParams({ format: format.value, download: "true" });
    if (server.value) p.set("workload", server.value);
    link.setAttribute("href", "/api/v1/openapi?" + p.toString());
  };
  server.addEventListener("change", update);
  format.addEventListener("change", update);
  update();
  return h("div", { class: "download-bar" }, server, format, link);
}

async function renderEndpoints() {
  const [list, servers] = await Promise.all([api("/endpoints" + query()), api("/openapi/servers")]);
  const view = document.getElementById("view-endpoints");
  const groups = groupEndpoints(list);
  const search = h("input", { id: "ep-search", type: "search", placeholder: "Search path, server or client", value: catalogue.search });
  const body = h("div", { id: "ep-table" });
  const draw = () => {
    const words = catalogue.search.toLowerCase().split(/\s+/).filter(Boolean);
    const hits = groups.filter((g) => {
      const text = (g.method + " " + g.path_template + " " + g.destination.label + " " +
        g.clients.map((c) => c.workload.label).join(" ")).toLowerCase();
      return words.every((w) => text.includes(w));
    });
    const pages = Math.max(1, Math.ceil(hits.length / CATALOGUE_PAGE));
    catalogue.page = Math.min(catalogue.page, pages - 1);
    const shown = hits.slice(catalogue.page * CATALOGUE_PAGE, (catalogue.page + 1) * CATALOGUE_PAGE);
    const rows = shown.map((g) =>
      h("tr", { class: "clickable", "data-endpoint": g.clients[0].id, onclick: (ev) => { if (ev.target.tagName !== "A") location.hash = "#/endpoints/" + g.clients[0].id; } },
        h("td", {}, methodBadge(g.method), h("a", { href: "#/endpoints/" + g.clients[0].id, class: "mono" }, g.path_template)),
        h("td", {}, workloadLabel(g.destination)),
        h("td", { class: "clients" }, g.clients.map((c) => h("a", { href: "#/endpoints/" + c.id, class: "client" }, workloadLabel(c.workload)))),
        h("td", {}, g.types.size ? [...g.types].map(([t, s]) => chip(t, s)) : h("span", { class: "muted" }, "—")),
        h("td", { class: "num" }, fmtNum(g.exchange_count)),
        h("td", { class: "muted time" }, fmtTime(g.last_seen))));
    const go = (delta) => { catalogue.page += delta; draw(); };
    body.replaceChildren(
      hits.length ? table([["Endpoint"], ["Server"], ["Clients"], ["Data types"], ["Exchanges", "num"], ["Last seen"]], rows)
        : h("p", { class: "empty" }, "No endpoints match."),
      h("div", { class: "pager" },
        h("button", { type: "button", id: "ep-prev", disabled: catalogue.page === 0, onclick: () => go(-1) }, "‹ previous"),
        h("span", { id: "ep-page" }, "page " + (catalogue.page + 1) + " of " + pages + " · " + hits.length + " endpoints"),
        h("button", { type: "button", id: "ep-next", disabled: catalogue.page >= pages - 1, onclick: () => go(1) }, "next ›")));
  };
  search.addEventListener("input", () => { catalogue.search = search.value; catalogue.page = 0; draw(); });
  view.replaceChildren(
    h("div", { class: "view-head" },
      h("h2", {}, "Endpoint catalogue ", h("span", { class: "muted" }, "(" + groups.length + " server endpoints, " + list.length + " client pairs)")),
      downloadBar(servers, "")),
    search, body);
  draw();
}

function fieldsTable(fields) {
  if (!fields.length) return h("p", { class: "empty" }, "No JSON fields seen.");
  return table([["JSON path"], ["JSON types"], ["Seen", "num"], ["Detections"]],
    fields.map((f) => h("tr", { "data-path": f.json_path },
      h("td", { class: "mono" }, f.json_path),
      h("td", {}, f.json_types.map((t) => h("span", { class: "chip type" }, t))),
      h("td", { class: "num" }, fmtNum(f.seen_count)),
      h("td", {}, f.detections.length
        ? f.detections.map((d) => chip(d.data_type, d.sensitivity, Math.round(d.confidence * 100) + "% · " + fmtNum(d.count)))
        : h("span", { class: "muted" }, "—")))));
}

async function renderEndpoint(id) {
  const view = document.getElementById("view-endpoint");
  let e;
  try {
    e = await api("/endpoints/" + encodeURIComponent(id));
  } catch (err) {
    view.replaceChildren(h("a", { class: "back", href: "#/endpoints" }, "← all endpoints"), h("p", { class: "empty" }, "No such endpoint."));
    return;
  }
  const card = (k, v) => h("div", { class: "card" }, h("div", { class: "k" }, k), h("div", { class: "v" }, v));
  const ms = (v) => (v === null || v === undefined ? "—" : v.toFixed(1) + " ms");
  view.replaceChildren(
    h("a", { class: "back", href: "#/endpoints" }, "← all endpoints"),
    h("h2", { id: "endpoint-title" }, methodBadge(e.method), h("span", { class: "mono" }, e.path_template)),
    h("div", { class: "sub" }, workloadLabel(e.source), h("span", { class: "arrow" }, "→"), workloadLabel(e.destination)),
    h("div", { class: "cards" },
      card("Exchanges", fmtNum(e.exchange_count)),
      card("Inspected", fmtNum(e.inspected_count)),
      card("Highest sensitivity", e.highest_sensitivity || "none"),
      card("Latency mean / p99", ms(e.latency_mean_ms) + " / " + ms(e.latency_p99_ms)),
      card("Status classes", Object.entries(e.status_classes).map(([k, v]) => k + ": " + fmtNum(v)).join("  ") || "—")),
    h("div", { class: "muted" }, "Query parameters: ", e.query_parameter_names.length ? e.query_parameter_names.map((p) => h("code", {}, p + " ")) : "none",
      " · first seen " + fmtTime(e.first_seen) + " · last seen " + fmtTime(e.last_seen)),
    h("h3", {}, "Request body fields"),
    h("div", { id: "request-fields" }, fieldsTable(e.request_fields)),
    h("h3", {}, "Response body fields"),
    h("div", { id: "response-fields" }, fieldsTable(e.response_fields)));
}

function refs(list) {
  return list.map((r, i) => [i ? ", " : "", h("span", { class: "wl" + (r.kind === "external" ? " external" : "") }, r.label)]);
}

async function renderDataTypes() {
  const list = await api("/data-types" + query());
  const view = document.getElementById("view-data-types");
  view.replaceChildren(
    h("h2", {}, "Data-type inventory"),
    list.length ? table([["Data type"], ["Sent by"], ["Received by"], ["Endpoints", "num"], ["Fields", "num"], ["Last seen"]],
      list.map((t) => h("tr", { "data-type": t.data_type },
        h("td", {}, chip(t.data_type, t.sensitivity, t.sensitivity)),
        h("td", {}, refs(t.senders)),
        h("td", {}, refs(t.receivers)),
        h("td", { class: "num" }, t.endpoint_count),
        h("td", { class: "num" }, t.field_count),
        h("td", { class: "muted time" }, fmtTime(t.last_seen)))))
      : h("p", { class: "empty" }, "No sensitive data types seen for these filters."));
}

function describePolicy(p) {
  if (p.rule === "only_namespace_may_receive") return "only namespace " + p.namespaces.join(", ") + " may receive " + p.data_types.join(", ");
  if (p.rule === "no_external_sensitivity") return "no data of sensitivity " + p.min_sensitivity + (p.min_sensitivity === "high" ? "" : " or above") + " to external destinations";
  if (p.rule === "workload_may_not_send") return p.workload + " may not send " + p.data_types.join(", ");
  return p.rule;
}

async function renderViolations() {
  const [list, policies] = await Promise.all([api("/violations" + query()), api("/policies")]);
  const view = document.getElementById("view-violations");
  view.replaceChildren(
    h("div", { class: "policies" }, h("b", {}, "Policies in force: "),
      policies.length ? policies.map((p, i) => [i ? " · " : "", h("span", { title: p.rule }, p.name, h("span", { class: "muted" }, " (" + describePolicy(p) + ")"))])
        : h("span", { class: "muted" }, "none (set SIEVE_COLLECTOR_POLICIES_FILE)")),
    h("h2", {}, "Policy violations ", h("span", { class: "muted" }, "(" + list.length + ")")),
    list.length ? table([["Policy"], ["What happened"], ["Data"], ["Endpoint"], ["First seen"], ["Last seen"]],
      list.map((v) => h("tr", {},
        h("td", {}, h("b", {}, v.policy)),
        h("td", {}, v.message),
        h("td", {}, chip(v.data_type, v.sensitivity)),
        h("td", {}, h("a", { href: "#/endpoints/" + v.endpoint_id }, methodBadge(v.method), h("span", { class: "mono" }, v.path_template))),
        h("td", { class: "muted time" }, fmtTime(v.first_seen)),
        h("td", { class: "muted time" }, fmtTime(v.last_seen)))))
      : h("p", { class: "empty" }, "No policy is violated."));
}

/* ---------- shell ---------- */

async function refreshHeader() {
  const s = await api("/summary");
  document.getElementById("totals").replaceChildren(
    h("b", {}, s.workloads), " workloads · ", h("b", {}, s.flows), " flows · ",
    h("b", {}, s.endpoints), " endpoints · ", h("b", {}, s.data_types), " data types");
  document.getElementById("violation-count").textContent = s.violations ? String(s.violations) : "";
  const ns = document.getElementById("f-namespace");
  const keep = state.namespace;
  ns.replaceChildren(h("option", { value: "" }, "all"), ...s.namespaces.map((n) => h("option", { value: n }, n)));
  ns.value = keep;
  const types = await api("/data-types");
  const dt = document.getElementById("f-data-type");
  dt.replaceChildren(h("option", { value: "" }, "all"), ...types.map((t) => h("option", { value: t.data_type }, t.data_type)));
  dt.value = state.data_type;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/map";
  const [path, qs] = raw.split("?");
  const params = new URLSearchParams(qs || "");
  for (const k of Object.keys(state)) state[k] = params.get(k) || "";
  return path.split("/").filter(Boolean);
}

async function route() {
  const parts = parseHash();
  document.getElementById("f-namespace").value = state.namespace;
  document.getElementById("f-data-type").value = state.data_type;
  document.getElementById("f-sensitivity").value = state.min_sensitivity;
  let view = parts[0] || "map";
  if (view === "endpoints" && parts[1]) view = "endpoint";
  for (const el of document.querySelectorAll(".view")) el.hidden = el.id !== "view-" + view;
  for (const a of document.querySelectorAll("#tabs a")) {
    a.classList.toggle("active", a.dataset.view === (view === "endpoint" ? "endpoints" : view));
  }
  document.body.dataset.view = view;
  document.body.dataset.loaded = "";
  if (view === "map") await renderMap();
  else if (view === "endpoints") await renderEndpoints();
  else if (view === "endpoint") await renderEndpoint(parts[1]);
  else if (view === "data-types") await renderDataTypes();
  else if (view === "violations") await renderViolations();
  document.body.dataset.loaded = view;
}

function onFilter() {
  state.namespace = document.getElementById("f-namespace").value;
  state.data_type = document.getElementById("f-data-type").value;
  state.min_sensitivity = document.getElementById("f-sensitivity").value;
  const parts = parseHashPathOnly();
  const path = parts === "/endpoints" || parts.startsWith("/endpoints/") ? "/endpoints" : parts;
  location.hash = "#" + path + query();
}

function parseHashPathOnly() {
  return (location.hash.replace(/^#/, "") || "/map").split("?")[0];
}

for (const id of ["f-namespace", "f-data-type", "f-sensitivity"]) {
  document.getElementById(id).addEventListener("change", onFilter);
}
document.getElementById("f-clear").addEventListener("click", () => {
  for (const k of Object.keys(state)) state[k] = "";
  location.hash = "#" + parseHashPathOnly();
});
// Tabs keep the current filters.
for (const a of document.querySelectorAll("#tabs a")) {
  a.addEventListener("click", (ev) => {
    ev.preventDefault();
    location.hash = a.getAttribute("href") + query();
  });
}
window.addEventListener("hashchange", () => route().catch(showError));

function showError(err) {
  document.body.dataset.loaded = "error";
  const main = document.querySelector("main");
  main.prepend(h("p", { class: "empty", role: "alert" }, "Could not load: " + err.message));
}

// New batches arrive while the page is open: re-render when the totals change.
let lastSummary = "";
async function poll() {
  try {
    const now = JSON.stringify(await api("/summary"));
    if (lastSummary && now !== lastSummary) {
      await refreshHeader();
      await route();
    }
    lastSummary = now;
  } catch (err) {
    /* the next poll retries */
  }
}

refreshHeader().then(route).then(() => setInterval(poll, 10000)).catch(showError);
