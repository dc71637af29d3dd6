/* Sieve collector dashboard: data map (ELK layout, SVG), endpoints, data types, violations.
 * Plain JavaScript, no build step; every text from the API is inserted as text, never HTML. */
"use strict";

const COLORS = { high: "#d23f3f", medium: "#e0912b", low: "#3b82c4", none: "#9aa3b2" };
const state = { cluster: "", namespace: "", data_type: "", min_sensitivity: "" };
const sieveMap = { items: new Map(), ready: false, flows: [] };
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

// Custom data types (the detector's custom types file) by id: their display names.
const typeNames = new Map();

async function loadTypeNames() {
  for (const t of await api("/custom-types")) typeNames.set(t.id, t.name);
}

// A custom type shows its display name (its id in the tooltip); built-in ids are their names.
const typeLabel = (dataType) => typeNames.get(dataType) || dataType;

function chip(dataType, sensitivity, extra) {
  const named = typeNames.has(dataType);
  const title = named ? dataType + (sensitivity ? " · " + sensitivity : "") : sensitivity || "";
  return h("span", { class: "chip " + (sensitivity || "none"), title, "data-type-id": named ? dataType : null },
    typeLabel(dataType), extra ? h("small", {}, extra) : null);
}

function workloadLabel(w) {
  return h("span", { class: "wl" + (w.external ? " external" : ""), title: w.kind }, w.label);
}

function methodBadge(m) {
  return h("span", { class: "method " + m }, m);
}

const PROTOCOL_LABELS = { http1: "HTTP/1.1", http2: "HTTP/2", grpc: "gRPC" };

/* The endpoint's protocol (HTTP/2 and gRPC only: HTTP/1.1 is the unmarked default). */
function protocolBadge(p) {
  if (!p || p === "http1") return null;
  return h("span", { class: "protocol " + p, title: "carried by " + PROTOCOL_LABELS[p] }, PROTOCOL_LABELS[p] || p);
}

/* ---------- data map ---------- */

const NS_PALETTE = ["#3353d1", "#2f8f5b", "#b0621c", "#8a3ea8", "#0f7c8c", "#a33a5b", "#5d6b1f", "#44546a"];

function namespaceColor(ns) {
  let hash = 0;
  for (const ch of ns) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return NS_PALETTE[hash % NS_PALETTE.length];
}

/* The map: workloads as boxes grouped by namespace (externals in their own group), each
 * flow as a badge between its two workloads (data-type count, sensitivity colour), laid out
 * by ELK's layered algorithm (vendored elkjs) and drawn as SVG. Every label sits inside its
 * box or in its group's top padding, and ELK keeps boxes apart, so labels cannot overlap. */
const MAP_FONT = "600 14px DejaVu Sans, Arial, sans-serif";
const EXTERNAL_GROUP = "g:~external";
let measureCtx = null;

function textWidth(text, font) {
  measureCtx = measureCtx || document.createElement("canvas").getContext("2d");
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

/* Groups are per cluster and namespace; externals are grouped per cluster that saw them. */
function groupOf(w) {
  const cluster = w.cluster ? w.cluster + "/" : "";
  return w.external ? EXTERNAL_GROUP + ":" + cluster : "g:" + cluster + (w.namespace || w.kind);
}

function groupTitle(w) {
  if (w.external) return w.cluster ? "outside " + w.cluster : "outside the cluster";
  return (w.cluster ? w.cluster + " · " : "") + (w.namespace || w.kind);
}

function mapElements(flows) {
  const workloads = new Map();
  const groups = new Map();
  const addNode = (w) => {
    if (workloads.has(w.id)) return;
    const group = groupOf(w);
    const title = groupTitle(w);
    if (!groups.has(group)) {
      groups.set(group, { data: { id: group, label: title, group: true, external: w.external,
        color: w.external ? "#7a4fc4" : namespaceColor(title),
        labelWidth: textWidth(title, "600 13px DejaVu Sans, Arial, sans-serif") } });
    }
    workloads.set(w.id, {
      data: {
        id: "w" + w.id, parent: group, label: w.name, name: w.name, namespace: w.namespace,
        kind: w.kind, external: w.external, workloadNode: true,
        color: w.external ? "#7a4fc4" : namespaceColor(title), fullLabel: w.label, workload: w,
        w: Math.ceil(textWidth(w.name, MAP_FONT)) + 28, h: 36,
      },
    });
  };
  const badges = [];
  const edges = [];
  for (const f of flows) {
    addNode(f.source);
    addNode(f.destination);
    const sensitivity = f.highest_sensitivity || "none";
    const id = "f" + f.source.id + "-" + f.destination.id;
    const src = groupOf(f.source), dst = groupOf(f.destination);
    const count = String(f.data_types.length);
    const common = { sensitivity, color: COLORS[sensitivity], width: sensitivity === "high" ? 3.5 : sensitivity === "none" ? 1.5 : 2.5, flow: f };
    badges.push({
      data: {
        id, parent: src, label: count, badge: true, ...common, // beside its client
        fullLabel: f.source.label + " -> " + f.destination.label,
        types: f.data_types.map((t) => t.data_type),
        w: Math.ceil(textWidth(count, "700 12px DejaVu Sans, Arial, sans-serif")) + 16, h: 20,
      },
      classes: "flow",
    });
    edges.push({ data: { id: id + ":in", source: "w" + f.source.id, target: id, ...common } });
    edges.push({ data: { id: id + ":out", source: id, target: "w" + f.destination.id, arrow: true, ...common } });
  }
  // Calls into another cluster's entry point, linked to the workloads that cluster saw
  // serving them (dashed), when those are on the map too.
  const linked = new Set();
  for (const f of flows) {
    for (const s of f.linked_servers || []) {
      const id = "l" + f.destination.id + "-" + s.id;
      if (!workloads.has(s.id) || linked.has(id)) continue;
      linked.add(id);
      edges.push({ data: { id, source: "w" + f.destination.id, target: "w" + s.id, arrow: true,
        link: true, sensitivity: "none", color: "#7a4fc4", width: 1.5, fullLabel: f.destination.label + " = " + s.label } });
    }
  }
  return { groups: [...groups.values()], nodes: [...workloads.values()], badges, edges };
}

const SMALL_MAP_NODES = 60;
const ELK_OPTIONS = {
  "elk.algorithm": "layered", "elk.direction": "RIGHT",
  "elk.spacing.nodeNode": "22", "elk.layered.spacing.nodeNodeBetweenLayers": "34",
  "elk.spacing.componentComponent": "36", "elk.spacing.edgeNode": "12",
  "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
  "elk.nodeSize.constraints": "MINIMUM_SIZE",
  "elk.randomSeed": "1",
  "elk.layered.compaction.postCompaction.strategy": "EDGE_LENGTH",
};
const GROUP_PADDING = "[top=34,left=14,bottom=14,right=14]";

/* One ELK for the page, on its thread: measured against a web worker (benchmarks/
 * dashboard_map.py), the worker's second copy of ELK to compile made the first map slower. */
let elkEngine = null;

function elk() {
  elkEngine = elkEngine || new ELK();
  return elkEngine;
}

/* ELK boxes (absolute top-left corner and size) of every group, workload and badge. */
async function elkBoxes(el) {
  const byParent = new Map();
  const leaf = (n) => ({ id: n.data.id, width: n.data.w, height: n.data.h });
  for (const n of [...el.nodes, ...el.badges]) {
    const key = n.data.parent || "";
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(leaf(n));
  }
  const sorted = (list) => list.sort((a, b) => a.id.localeCompare(b.id));
  const children = el.groups.map((g) => ({
    id: g.data.id,
    layoutOptions: { "elk.padding": GROUP_PADDING },
    // a group is at least as wide as its label
    width: g.data.labelWidth + 28,
    children: sorted(byParent.get(g.data.id) || []),
  }));
  // Small maps: groups are placed by the flows between them (INCLUDE_CHILDREN). Big ones:
  // each group is laid out alone and the groups packed (3-6x faster, and compact).
  const small = el.nodes.length + el.badges.length <= SMALL_MAP_NODES;
  const graph = {
    id: "root",
    layoutOptions: {
      ...ELK_OPTIONS,
      "elk.hierarchyHandling": small ? "INCLUDE_CHILDREN" : "SEPARATE_CHILDREN",
      "elk.layered.thoroughness": small ? "2" : "1",
    },
    children: [...sorted(children), ...sorted(byParent.get("") || [])],
    edges: el.edges.map((e) => ({ id: e.data.id, sources: [e.data.source], targets: [e.data.target] })),
  };
  const out = await elk().layout(graph);
  const boxes = new Map();
  const walk = (node, ox, oy) => {
    for (const c of node.children || []) {
      const x = ox + c.x, y = oy + c.y;
      boxes.set(c.id, { x, y, w: c.width, h: c.height });
      if (c.children && c.children.length) walk(c, x, y);
    }
  };
  walk(out, 0, 0);
  return { boxes, width: out.width, height: out.height };
}

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/* Where the line from the centre of box b towards (tx, ty) leaves the box. */
function boxBorder(b, tx, ty) {
  const cx = b.x + b.w / 2, cy = b.y + b.h / 2;
  const dx = tx - cx, dy = ty - cy;
  if (!dx && !dy) return [cx, cy];
  const k = Math.min(dx ? b.w / 2 / Math.abs(dx) : Infinity, dy ? b.h / 2 / Math.abs(dy) : Infinity);
  return [cx + dx * k, cy + dy * k];
}

/* Everything drawn, by element id: kind (group, workload, flow), data, SVG element, links. */
function drawMap(el, layout) {
  const items = new Map();
  const root = svg("svg", { class: "map-svg", role: "img", "aria-label": "data map" });
  const defs = svg("defs");
  for (const [sensitivity, color] of Object.entries(COLORS)) {
    const marker = svg("marker", { id: "arrow-" + sensitivity, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: color }));
    defs.append(marker);
  }
  const view = svg("g", { class: "map-view" });
  const groupLayer = svg("g"), edgeLayer = svg("g"), nodeLayer = svg("g");
  view.append(groupLayer, edgeLayer, nodeLayer);
  root.append(defs, view);
  for (const g of el.groups) {
    const b = layout.boxes.get(g.data.id);
    const node = svg("g", { class: "map-group", "data-id": g.data.id });
    node.append(
      svg("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 8, fill: g.data.color, stroke: g.data.color }),
      svg("text", { x: b.x + b.w / 2, y: b.y + 21, "text-anchor": "middle", fill: g.data.color }, g.data.label),
    );
    groupLayer.append(node);
    items.set(g.data.id, { kind: "group", data: g.data, el: node, box: b, parent: null, links: [] });
  }
  for (const n of [...el.nodes, ...el.badges]) {
    const b = layout.boxes.get(n.data.id);
    const flow = n.classes === "flow";
    const node = svg("g", { class: "map-node " + (flow ? "flow" : "workload") + (n.data.external ? " external" : ""), "data-id": n.data.id });
    node.append(
      svg("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: flow ? 6 : 8,
        ...(flow ? { fill: n.data.color } : { stroke: n.data.color }) }),
      svg("text", { x: b.x + b.w / 2, y: b.y + b.h / 2, "text-anchor": "middle", "dominant-baseline": "central" }, n.data.label),
    );
    nodeLayer.append(node);
    items.set(n.data.id, { kind: flow ? "flow" : "workload", data: n.data, el: node, box: b, parent: n.data.parent || null, links: [] });
  }
  for (const e of el.edges) {
    const a = items.get(e.data.source), b = items.get(e.data.target);
    const [x1, y1] = boxBorder(a.box, b.box.x + b.box.w / 2, b.box.y + b.box.h / 2);
    const [x2, y2] = boxBorder(b.box, a.box.x + a.box.w / 2, a.box.y + a.box.h / 2);
    const line = svg("line", { class: "map-edge", x1, y1, x2, y2, stroke: e.data.color, "stroke-width": e.data.width,
      "marker-end": e.data.arrow ? "url(#arrow-" + e.data.sensitivity + ")" : null,
      "stroke-dasharray": e.data.link ? "6 4" : null });
    edgeLayer.append(line);
    const item = { kind: "edge", data: e.data, el: line, ends: [a, b] };
    a.links.push(item);
    b.links.push(item);
  }
  return { root, view, items };
}

/* Pan (drag) and zoom (wheel) by the view's transform; the map starts fitted, at most 1.25x. */
function panZoom(map, container, width, height) {
  const t = { k: 1, x: 0, y: 0 };
  const apply = () => map.view.setAttribute("transform", `translate(${t.x},${t.y}) scale(${t.k})`);
  const W = container.clientWidth, H = container.clientHeight;
  t.k = Math.max(0.05, Math.min((W - 60) / Math.max(width, 1), (H - 60) / Math.max(height, 1), 1.25));
  t.x = (W - width * t.k) / 2;
  t.y = (H - height * t.k) / 2;
  apply();
  map.root.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = container.getBoundingClientRect();
    const px = ev.clientX - r.left, py = ev.clientY - r.top;
    const k = Math.max(0.05, Math.min(1.6, t.k * Math.exp(-ev.deltaY * 0.0015)));
    t.x = px - ((px - t.x) * k) / t.k;
    t.y = py - ((py - t.y) * k) / t.k;
    t.k = k;
    apply();
  }, { passive: false });
  let drag = null;
  map.root.addEventListener("pointerdown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, tx: t.x, ty: t.y, moved: false }; });
  map.root.addEventListener("pointermove", (ev) => {
    if (!drag || !ev.buttons) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    t.x = drag.tx + dx;
    t.y = drag.ty + dy;
    apply();
  });
  map.root.addEventListener("click", (ev) => { if (drag && drag.moved) ev.stopPropagation(); drag = null; }, true);
  return t;
}

/* Hover: the element's neighbourhood stands out (its flows, their badges and far ends). */
function neighbourhood(item) {
  const near = new Set([item]);
  for (const link of item.links) {
    near.add(link);
    for (const end of link.ends) {
      near.add(end);
      if (end.kind === "flow") for (const l2 of end.links) { near.add(l2); for (const e2 of l2.ends) near.add(e2); }
    }
  }
  return near;
}

function wireMap(map, container) {
  for (const item of map.items.values()) {
    if (item.kind === "group") continue;
    const open = () => (item.kind === "workload" ? showWorkload(item.data.workload) : showFlow(item.data.flow));
    item.el.addEventListener("click", open);
    for (const link of item.links) if (item.kind === "flow") link.el.addEventListener("click", open);
    item.el.addEventListener("mouseenter", (ev) => {
      const near = neighbourhood(item);
      for (const other of near) other.el.classList.add("near");
      map.root.classList.add("fading");
      const r = container.getBoundingClientRect();
      showTip(item.data, { x: ev.clientX - r.left, y: ev.clientY - r.top });
    });
    item.el.addEventListener("mouseleave", () => {
      map.root.classList.remove("fading");
      for (const near of map.root.querySelectorAll(".near")) near.classList.remove("near");
      hideTip();
    });
  }
}

async function renderMap() {
  const started = performance.now();
  const flows = await api("/flows" + query());
  const fetched = performance.now();
  sieveMap.flows = flows;
  document.getElementById("map-empty").hidden = flows.length > 0;
  const el = mapElements(flows);
  const layout = await elkBoxes(el);
  const laidOut = performance.now();
  const container = document.getElementById("cy");
  sieveMap.ready = false;
  const map = drawMap(el, layout);
  container.replaceChildren(map.root);
  sieveMap.view = panZoom(map, container, layout.width || 0, layout.height || 0);
  wireMap(map, container);
  sieveMap.items = map.items;
  showFlowList(flows);
  // drawn: after the browser has laid out and painted the new map once
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const drawn = performance.now();
  sieveMap.renderMs = { fetch: fetched - started, layout: laidOut - fetched, draw: drawn - laidOut, total: drawn - started, sinceNavigation: drawn };
  sieveMap.ready = true;
}

function showTip(d, at) {
  const tip = document.getElementById("map-tip");
  if (!tip) return;
  const f = d.flow;
  tip.replaceChildren(...(f
    ? [h("b", {}, f.source.label + " → " + f.destination.label), h("br"),
      f.data_types.length ? f.data_types.map((t) => chip(t.data_type, t.sensitivity)) : h("span", { class: "muted" }, "no sensitive data"),
      h("div", { class: "muted" }, fmtNum(f.exchange_count) + " exchanges · " + f.endpoint_count + " endpoint(s)")]
    : [h("b", {}, d.fullLabel), h("div", { class: "muted" }, d.kind + (d.external ? " · outside the cluster" : ""))]));
  tip.style.left = Math.round(at.x + 14) + "px";
  tip.style.top = Math.round(at.y + 14) + "px";
  tip.hidden = false;
}

function hideTip() {
  const tip = document.getElementById("map-tip");
  if (tip) tip.hidden = true;
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
        types: new Map(), exchange_count: 0, last_seen: "", protocol: null };
      groups.set(key, g);
    }
    g.clients.push({ workload: e.source, id: e.id });
    g.protocol = g.protocol || e.protocol || null;
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
      const text = (g.method + " " + g.path_template + " " + g.destination.label + " " + (g.protocol || "") + " " +
        g.clients.map((c) => c.workload.label).join(" ")).toLowerCase();
      return words.every((w) => text.includes(w));
    });
    const pages = Math.max(1, Math.ceil(hits.length / CATALOGUE_PAGE));
    catalogue.page = Math.min(catalogue.page, pages - 1);
    const shown = hits.slice(catalogue.page * CATALOGUE_PAGE, (catalogue.page + 1) * CATALOGUE_PAGE);
    const rows = shown.map((g) =>
      h("tr", { class: "clickable", "data-endpoint": g.clients[0].id, onclick: (ev) => { if (ev.target.tagName !== "A") location.hash = "#/endpoints/" + g.clients[0].id; } },
        h("td", {}, methodBadge(g.method), h("a", { href: "#/endpoints/" + g.clients[0].id, class: "mono" }, g.path_template), protocolBadge(g.protocol)),
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
    h("h2", { id: "endpoint-title" }, methodBadge(e.method), h("span", { class: "mono" }, e.path_template), protocolBadge(e.protocol)),
    h("div", { class: "sub" }, workloadLabel(e.source), h("span", { class: "arrow" }, "→"), workloadLabel(e.destination)),
    h("div", { class: "cards" },
      card("Exchanges", fmtNum(e.exchange_count)),
      card("Protocol", PROTOCOL_LABELS[e.protocol] || "not reported"),
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
  const scope = p.clusters ? " (cluster " + p.clusters.join(", ") + ")" : "";
  return describeRule(p) + scope;
}

function describeRule(p) {
  const level = p.min_sensitivity + (p.min_sensitivity === "high" ? "" : " or above");
  if (p.rule === "only_namespace_may_receive") return "only namespace " + p.namespaces.join(", ") + " may receive " + p.data_types.join(", ");
  if (p.rule === "no_external_sensitivity") return "no data of sensitivity " + level + " to external destinations";
  if (p.rule === "no_cross_cluster_sensitivity") return "no data of sensitivity " + level + " from one cluster to another";
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

/* ---------- drift against the supplied OpenAPI documents ---------- */

const DRIFT_LABELS = {
  shadow: ["Shadow endpoints", "seen, but not in the documents"],
  zombie: ["Zombie endpoints", "documented as deprecated, still called"],
  unused: ["Unused operations", "documented, never seen"],
  undocumented_field: ["Undocumented fields", "seen in bodies, not in the schema"],
  undeclared_sensitive: ["Undeclared sensitive fields", "sensitive data the schema does not declare"],
};

async function renderDrift() {
  const [drift, specs] = await Promise.all([api("/drift"), api("/specs")]);
  const view = document.getElementById("view-drift");
  const endpointLink = (i) => i.endpoint_ids.length
    ? h("a", { href: "#/endpoints/" + i.endpoint_ids[0], class: "mono" }, i.path) : h("span", { class: "mono" }, i.path);
  const sections = Object.entries(DRIFT_LABELS).map(([kind, [title, sub]]) => {
    const items = drift.items.filter((i) => i.kind === kind);
    const fieldKind = kind === "undocumented_field" || kind === "undeclared_sensitive";
    const headers = [["Endpoint"], ["Server"], ["Document"]];
    if (fieldKind) headers.push(["Field"]);
    const rows = items.map((i) => h("tr", { "data-kind": kind },
      h("td", {}, methodBadge(i.method), endpointLink(i)),
      h("td", {}, i.server || h("span", { class: "muted" }, "any")),
      h("td", { class: "muted" }, i.spec ? i.spec + (i.documented_path && i.documented_path !== i.path ? " · " + i.documented_path : "") : "—"),
      fieldKind ? h("td", {}, h("span", { class: "mono" }, i.direction + " " + i.json_path),
        i.data_type ? [" ", chip(i.data_type, i.sensitivity)] : null) : null));
    return h("div", { class: "drift-kind", id: "drift-" + kind },
      h("h3", {}, title, " ", h("span", { class: "badge" + (items.length ? "" : " zero") }, String(items.length)), " ", h("small", { class: "muted" }, sub)),
      items.length ? table(headers, rows) : null);
  });
  view.replaceChildren(
    h("h2", {}, "API drift ", h("span", { class: "muted" }, "against " + specs.length + " document(s)")),
    specs.length
      ? h("p", { class: "sub" }, "Documents: ", specs.map((s, n) => [n ? ", " : "", h("code", {}, s.name), " (" + (s.workload || "any server") + ", " + s.operations + " operations)"]))
      : h("p", { class: "empty" }, "No OpenAPI documents supplied: set collector.apiSpecs in the chart, or PUT one to /api/v1/specs/NAME with a write token."),
    ...sections);
}

async function refreshHeader() {
  const s = await api("/summary");
  document.getElementById("totals").replaceChildren(
    h("b", {}, s.workloads), " workloads · ", h("b", {}, s.flows), " flows · ",
    h("b", {}, s.endpoints), " endpoints · ", h("b", {}, s.data_types), " data types");
  document.getElementById("violation-count").textContent = s.violations ? String(s.violations) : "";
  const cl = document.getElementById("f-cluster");
  const named = s.clusters.filter((c) => c);
  cl.replaceChildren(h("option", { value: "" }, "all"), ...named.map((c) => h("option", { value: c }, c)));
  cl.value = state.cluster;
  cl.parentElement.hidden = named.length < 2 && !state.cluster;
  const ns = document.getElementById("f-namespace");
  const keep = state.namespace;
  ns.replaceChildren(h("option", { value: "" }, "all"), ...s.namespaces.map((n) => h("option", { value: n }, n)));
  ns.value = keep;
  const types = await api("/data-types");
  const dt = document.getElementById("f-data-type");
  dt.replaceChildren(h("option", { value: "" }, "all"), ...types.map((t) => h("option", { value: t.data_type }, typeLabel(t.data_type))));
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
  document.getElementById("f-cluster").value = state.cluster;
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
  else if (view === "drift") await renderDrift();
  document.body.dataset.loaded = view;
}

function onFilter() {
  state.cluster = document.getElementById("f-cluster").value;
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

for (const id of ["f-cluster", "f-namespace", "f-data-type", "f-sensitivity"]) {
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

parseHash(); // the filters' state, before the header and the first view load side by side
loadTypeNames()
  .then(() => Promise.all([refreshHeader(), route()]))
  .then(() => setInterval(poll, 10000))
  .catch(showError);
