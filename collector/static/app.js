/* Sieve collector dashboard: data map (dagre layout, SVG), endpoints, data types, violations.
 * Plain JavaScript, no build step; every text from the API is inserted as text, never HTML. */
"use strict";

const COLORS = { high: "#d23f3f", medium: "#e0912b", low: "#3b82c4", none: "#9aa3b2" };
const state = { cluster: "", namespace: "", data_type: "", min_sensitivity: "" };
// timing: how long the layout took (ms), where (page or worker), when a worker had loaded dagre
const sieveMap = { items: new Map(), ready: false, flows: [], timing: {} };
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

// A detection at a field: in how many of the field's inspected samples it was found (a
// count, a fact). The detector's score stays in the tooltip: it is not the chance that the
// finding is right (detector/MODEL.md measures that on APIs the detector never saw).
function evidenceChip(d, seen) {
  const c = chip(d.data_type, d.sensitivity, fmtNum(d.count) + " of " + fmtNum(seen));
  c.title += " · found in " + fmtNum(d.count) + " of " + fmtNum(seen) + " samples · detector score "
    + d.confidence.toFixed(2) + " (not a probability)";
  return c;
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
 * by dagre's layered algorithm (vendored, in static/map-layout.js) and drawn as SVG. Every label
 * sits inside its box or in its group's top padding, and the layout keeps boxes apart, so labels
 * cannot overlap. */
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
// "engine" names the layout code: a layout cached by another version is not reused
const LAYOUT_OPTIONS = { engine: "dagre-3.1.4/3", nodeGap: 22, rankGap: 34, groupGap: 36, padding: [34, 14, 14, 14] };

/* A map of up to PAGE_LAYOUT_MAX_LEAVES boxes is laid out on the page (mapLayout, from dagre and
 * static/map-layout.js, which this script loads once it has asked for the flows): 50 workloads
 * take about 0.1 s, less than a worker's start (a thread and two script fetches behind the
 * API's). A bigger map, or a page that could not load them, uses a worker running the same
 * file, started when first needed. */
const PAGE_LAYOUT_MAX_LEAVES = 600;
const LAYOUT_SCRIPTS = ["/static/vendor/dagre.min.js", "/static/map-layout.js"];
let layoutScripts = null;

/* Resolves to true once both have run (null if one did not load: the worker lays maps out). */
function loadLayoutScripts() {
  layoutScripts = layoutScripts || Promise.all(LAYOUT_SCRIPTS.map((src) => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = false; // run in order
    script.onload = resolve;
    script.onerror = () => reject(new Error(src + " did not load"));
    document.head.append(script);
  }))).then(() => true, () => null);
  return layoutScripts;
}
let layoutWorker = null;
const layoutCalls = new Map();
let layoutCallId = 0;

function startLayoutWorker() {
  if (layoutWorker) return layoutWorker;
  layoutWorker = new Worker("/static/map-layout.js");
  layoutWorker.onmessage = (ev) => {
    if (ev.data.ready) { sieveMap.timing.workerReady = ev.data.ready - performance.timeOrigin; return; }
    const call = layoutCalls.get(ev.data.id);
    if (!call) return;
    layoutCalls.delete(ev.data.id);
    if (ev.data.error) call.reject(new Error("map layout: " + ev.data.error));
    else call.resolve(ev.data);
  };
  layoutWorker.onerror = (ev) => {
    for (const call of layoutCalls.values()) call.reject(new Error("map layout: " + (ev.message || "worker failed")));
    layoutCalls.clear();
  };
  return layoutWorker;
}

function layoutInWorker(graph) {
  const worker = startLayoutWorker();
  return new Promise((resolve, reject) => {
    const id = ++layoutCallId;
    layoutCalls.set(id, { resolve, reject });
    worker.postMessage({ id, graph });
  });
}

/* Computed layouts are kept in the browser's storage and at the collector under a hash of the
 * graph given to the layout (ids, sizes, groups, edges, options), so a reload, a revisit or another
 * browser's visit of an unchanged map skips it. At most LAYOUT_CACHE_ENTRIES are kept (least recently used out first); storage that is
 * full or refused only means no cache. */
const LAYOUT_CACHE_PREFIX = "sieve.mapLayout.v1:";
const LAYOUT_CACHE_ENTRIES = 8;

function graphKey(text) {
  // cyrb53, a fast 53-bit string hash; a collision is caught by the id check on reading
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + "-" + text.length.toString(36);
}

function layoutCacheKeys() {
  const keys = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(LAYOUT_CACHE_PREFIX)) keys.push(k);
    }
  } catch (err) {
    /* no storage */
  }
  return keys;
}

function cachedLayout(key, ids) {
  try {
    const raw = localStorage.getItem(LAYOUT_CACHE_PREFIX + key);
    if (!raw) return null;
    const hit = JSON.parse(raw);
    const have = new Set(hit.boxes.map((b) => b[0]));
    if (have.size !== ids.length || !ids.every((id) => have.has(id))) return null;
    hit.used = Date.now();
    localStorage.setItem(LAYOUT_CACHE_PREFIX + key, JSON.stringify(hit));
    return hit;
  } catch (err) {
    return null;
  }
}

function storeLayout(key, layout) {
  try {
    const mine = layoutCacheKeys();
    if (mine.length >= LAYOUT_CACHE_ENTRIES) {
      const used = (k) => { try { return JSON.parse(localStorage.getItem(k)).used || 0; } catch (err) { return 0; } };
      mine.sort((a, b) => used(a) - used(b));
      for (const k of mine.slice(0, mine.length - LAYOUT_CACHE_ENTRIES + 1)) localStorage.removeItem(k);
    }
    localStorage.setItem(LAYOUT_CACHE_PREFIX + key,
      JSON.stringify({ boxes: layout.boxes, width: layout.width, height: layout.height, used: Date.now() }));
  } catch (err) {
    /* no room or no storage: the next load lays the map out again */
  }
}

/* The ids laid out (groups, workloads, badges) in the graph given to the layout. */
function graphIds(graph) {
  const ids = [];
  const walk = (node) => { for (const c of node.children || []) { ids.push(c.id); walk(c); } };
  walk(graph);
  return ids;
}

/* A layout another browser stored at the collector (collector/map_layouts.py) is drawn only if
 * it has every box of this graph, at the sizes asked for, and no two boxes of workloads or
 * flows overlap. */
function fitsGraph(graph, layout) {
  if (!layout || !Array.isArray(layout.boxes)) return false;
  const boxes = new Map(layout.boxes.map((b) => [b[0], b]));
  const leaves = [];
  const walk = (node) => {
    for (const c of node.children || []) {
      if (!boxes.has(c.id)) return false;
      if (c.children && c.children.length) { if (walk(c) === false) return false; continue; }
      const b = boxes.get(c.id);
      if (Math.abs(b[3] - c.width) > 0.5 || Math.abs(b[4] - c.height) > 0.5) return false;
      leaves.push(b);
    }
    return true;
  };
  if (walk(graph) === false || boxes.size !== graphIds(graph).length) return false;
  leaves.sort((a, b) => a[1] - b[1]);
  for (let i = 0; i < leaves.length; i++) {
    const a = leaves[i];
    for (let j = i + 1; j < leaves.length && leaves[j][1] < a[1] + a[3]; j++) {
      const b = leaves[j];
      if (Math.min(a[2] + a[4], b[2] + b[4]) - Math.max(a[2], b[2]) > 0.5 &&
          Math.min(a[1] + a[3], b[1] + b[3]) - b[1] > 0.5) return false;
    }
  }
  return true;
}

async function collectorLayout(key, graph) {
  try {
    const res = await fetch("/api/v1/map-layouts/" + key, { headers: { Accept: "application/json" } });
    if (res.status !== 200) return null; // 204: none kept
    const layout = await res.json();
    return fitsGraph(graph, layout) ? layout : null;
  } catch (err) {
    return null;
  }
}

function shareLayout(key, layout) {
  const body = JSON.stringify({ boxes: layout.boxes, width: layout.width, height: layout.height });
  fetch("/api/v1/map-layouts/" + key, { method: "PUT", headers: { "Content-Type": "application/json" }, body })
    .catch(() => {}); // only a cache: the next browser lays the map out itself
}

/* The graph given to the layout worker: groups with their workloads and badges, edges, options. */
function layoutGraph(el) {
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
    // a group is at least as wide as its label
    width: g.data.labelWidth + 28,
    children: sorted(byParent.get(g.data.id) || []),
  }));
  // Small maps: groups in the order the flows between them rank them. Big ones: tallest first
  // (compact: among many namespaces the flows go every way).
  const small = el.nodes.length + el.badges.length <= SMALL_MAP_NODES;
  return {
    id: "root",
    layoutOptions: {
      ...LAYOUT_OPTIONS,
      placement: small ? "flows" : "packed",
    },
    children: [...sorted(children), ...sorted(byParent.get("") || [])],
    edges: el.edges.map((e) => ({ id: e.data.id, sources: [e.data.source], targets: [e.data.target] })),
  };
}

/* A first frame while the worker lays out a big map no cache knows: in each group its workloads
 * in a column, each one's flow badges in a column to its right; groups packed in rows. Boxes are
 * apart by construction (labels sit inside them), so it reads at once; the layout replaces it. */
const QUICK_GAP = 12, QUICK_COLUMN_GAP = 34, QUICK_GROUP_GAP = 36;

function quickBoxes(graph, el) {
  const clientOf = new Map(el.badges.map((b) => ["" + b.data.id, "w" + b.data.flow.source.id]));
  const boxes = new Map();
  const groups = [];
  for (const g of graph.children) {
    const leaves = g.children || [];
    const workloads = leaves.filter((n) => !clientOf.has(n.id)).sort((a, b) => a.id.localeCompare(b.id));
    const badgesOf = new Map(workloads.map((w) => [w.id, []]));
    const loose = [];
    for (const n of leaves) {
      if (!clientOf.has(n.id)) continue;
      const list = badgesOf.get(clientOf.get(n.id));
      (list || loose).push(n);
    }
    const ww = Math.max(0, ...workloads.map((w) => w.width));
    const bw = Math.max(0, ...leaves.filter((n) => clientOf.has(n.id)).map((n) => n.width));
    const rows = workloads.map((w) => [w, badgesOf.get(w.id)]);
    for (const b of loose) rows.push([null, [b]]);
    let y = 34;
    const placed = [];
    for (const [w, badges] of rows) {
      const stack = badges.reduce((h, b, i) => h + b.height + (i ? 6 : 0), 0);
      const rowH = Math.max(w ? w.height : 0, stack);
      if (w) placed.push([w.id, 14, y + (rowH - w.height) / 2, w.width, w.height]);
      let by = y + (rowH - stack) / 2;
      for (const b of badges) {
        placed.push([b.id, 14 + (w ? ww + QUICK_COLUMN_GAP : 0), by, b.width, b.height]);
        by += b.height + 6;
      }
      y += rowH + QUICK_GAP;
    }
    const width = Math.max(g.width || 0, 14 + ww + (bw ? QUICK_COLUMN_GAP + bw : 0) + 14);
    const height = leaves.length ? y - QUICK_GAP + 14 : g.height || 48;
    groups.push({ id: g.id, width, height: Math.max(height, 48), placed });
  }
  // shelves about as wide as the whole is tall, tallest groups first
  const area = groups.reduce((a, g) => a + (g.width + QUICK_GROUP_GAP) * (g.height + QUICK_GROUP_GAP), 0);
  const shelf = Math.max(Math.sqrt(area * 1.6), ...groups.map((g) => g.width));
  groups.sort((a, b) => b.height - a.height || a.id.localeCompare(b.id));
  let x = 0, y = 0, rowH = 0, width = 0;
  for (const g of groups) {
    if (x > 0 && x + g.width > shelf) { x = 0; y += rowH + QUICK_GROUP_GAP; rowH = 0; }
    boxes.set(g.id, { x, y, w: g.width, h: g.height });
    for (const [id, px, py, w, h] of g.placed) boxes.set(id, { x: x + px, y: y + py, w, h });
    x += g.width + QUICK_GROUP_GAP;
    rowH = Math.max(rowH, g.height);
    width = Math.max(width, x - QUICK_GROUP_GAP);
  }
  return { boxes, width, height: y + rowH };
}

/* Boxes (absolute top-left corner and size) of every group, workload and badge: from a layout
 * cache when this graph was laid out before, else laid out on the page or in the worker.
 * ``firstFrame`` is given quickBoxes to show when a worker has not answered within
 * QUICK_FRAME_AFTER_MS. */
const QUICK_FRAME_AFTER_MS = 400;

async function layoutBoxes(el, firstFrame) {
  const graph = layoutGraph(el);
  const key = graphKey(JSON.stringify(graph));
  // this browser's storage, else the collector (another browser laid it out), else the worker
  let out = cachedLayout(key, graphIds(graph));
  sieveMap.layoutSource = out ? "browser" : null;
  if (!out) {
    const shared = collectorLayout(key, graph); // asked first: the layout scripts may still load
    // both scripts must have run (map-layout.js alone is not enough: it calls dagre)
    const onPage = graphIds(graph).length <= PAGE_LAYOUT_MAX_LEAVES && (await loadLayoutScripts()) === true;
    // a worker starts at once: its time overlaps the collector's answer
    const computed = onPage ? null : layoutInWorker(graph);
    if (computed) computed.catch(() => {}); // awaited below unless the collector has the layout
    const quick = computed && firstFrame && setTimeout(() => firstFrame(quickBoxes(graph, el)), QUICK_FRAME_AFTER_MS);
    out = await shared;
    if (out) {
      sieveMap.layoutSource = "collector";
    } else {
      const started = performance.now();
      out = onPage ? mapLayout(graph) : await computed;
      sieveMap.layoutSource = "computed";
      sieveMap.timing.layoutMs = onPage ? performance.now() - started : out.ms;
      sieveMap.timing.layoutThread = onPage ? "page" : "worker";
      shareLayout(key, out);
    }
    clearTimeout(quick);
    storeLayout(key, out);
  }
  const boxes = new Map();
  for (const [id, x, y, w, h] of out.boxes) boxes.set(id, { x, y, w, h });
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

/* The first map's flows are fetched as the script starts (beside the custom type names). */
let prefetchedFlows = null;

function prefetchMapFlows() {
  const promise = api("/flows" + query());
  promise.catch(() => {}); // renderMap reports it
  prefetchedFlows = { query: query(), promise };
}

function mapFlows() {
  const pre = prefetchedFlows;
  prefetchedFlows = null;
  return pre && pre.query === query() ? pre.promise : api("/flows" + query());
}

async function renderMap() {
  const started = performance.now();
  const flows = await mapFlows();
  const fetched = performance.now();
  sieveMap.flows = flows;
  document.getElementById("map-empty").hidden = flows.length > 0;
  const el = mapElements(flows);
  const container = document.getElementById("cy");
  sieveMap.ready = false;
  let firstFrame = null;
  // a first frame only on an empty map: a shown map stays until the new layout replaces it
  const laying = layoutBoxes(el, container.firstChild ? null : (quick) => {
    showMap(el, quick, container);
    sieveMap.layoutShown = "quick";
    firstFrame = performance.now();
    requestAnimationFrame(() => setTimeout(() => { sieveMap.firstFramePainted = performance.now(); }, 0));
  });
  showFlowList(flows); // while the worker lays the map out
  const layout = await laying;
  const laidOut = performance.now();
  showMap(el, layout, container);
  sieveMap.layoutShown = sieveMap.layoutSource;
  // drawn: after the browser has laid out and painted the new map once
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const drawn = performance.now();
  sieveMap.renderMs = { fetch: fetched - started, layout: laidOut - fetched, draw: drawn - laidOut, total: drawn - started,
    sinceNavigation: drawn, firstFrame: firstFrame === null ? drawn : firstFrame };
  sieveMap.ready = true;
}

/* Draws ``layout`` as the map, fitted to the container, and wires hover and click. */
function showMap(el, layout, container) {
  const map = drawMap(el, layout);
  container.replaceChildren(map.root);
  sieveMap.view = panZoom(map, container, layout.width || 0, layout.height || 0);
  wireMap(map, container);
  sieveMap.items = map.items;
}

function showTip(d, at) {
  const tip = document.getElementById("map-tip");
  if (!tip) return;
  const f = d.flow;
  tip.replaceChildren(...(f
    ? [h("b", {}, f.source.label + " → " + f.destination.label), h("br"),
      ...(f.data_types.length ? f.data_types.map((t) => chip(t.data_type, t.sensitivity)) : [h("span", { class: "muted" }, "no sensitive data")]),
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

/* The catalogue: one row per server endpoint (server, method, template) with its clients,
 * searched, filtered and paged by the collector (/api/v1/catalogue, X-Total-Count). */
const CATALOGUE_PAGE = 50;
const SEARCH_DELAY_MS = 250;
const catalogue = { search: "", page: 0, seq: 0 };

/* One page of a paged list and the total the server counted. */
async function apiPage(path) {
  const res = await fetch("/api/v1" + path, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(path + ": HTTP " + res.status);
  return { rows: await res.json(), total: Number(res.headers.get("X-Total-Count") || 0) };
}

function catalogueQuery() {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) if (v) p.set(k, v);
  if (catalogue.search.trim()) p.set("q", catalogue.search.trim());
  p.set("limit", String(CATALOGUE_PAGE));
  p.set("offset", String(catalogue.page * CATALOGUE_PAGE));
  return "?" + p.toString();
}

function catalogueRow(g) {
  const first = g.endpoint_ids[0];
  const clients = g.clients.map((label, i) => ({ label, id: g.endpoint_ids[i], external: (g.clients_external || [])[i] }));
  return h("tr", { class: "clickable", "data-endpoint": first, onclick: (ev) => { if (ev.target.tagName !== "A") location.hash = "#/endpoints/" + first; } },
    h("td", {}, methodBadge(g.method), h("a", { href: "#/endpoints/" + first, class: "mono" }, g.path_template), protocolBadge(g.protocol)),
    h("td", {}, workloadLabel({ label: g.server, external: g.server_external, kind: "" })),
    h("td", { class: "clients" }, clients.map((c) => h("a", { href: "#/endpoints/" + c.id, class: "client" }, workloadLabel({ label: c.label, external: c.external, kind: "" })))),
    h("td", {}, g.data_types.length ? g.data_types.map((t) => chip(t.data_type, t.sensitivity)) : h("span", { class: "muted" }, "—")),
    h("td", { class: "num" }, fmtNum(g.exchange_count)),
    h("td", { class: "muted time" }, fmtTime(g.last_seen)));
}

/* Fetches and draws the page asked for; a reply older than the latest request is dropped. */
async function drawCatalogue(body, count) {
  const seq = ++catalogue.seq;
  const asked = catalogue.search;
  const query = catalogueQuery();
  const { rows, total } = await apiPage("/catalogue" + query);
  if (seq !== catalogue.seq) return;
  const pages = Math.max(1, Math.ceil(total / CATALOGUE_PAGE));
  if (catalogue.page > pages - 1 && total) {
    catalogue.page = pages - 1;
    await drawCatalogue(body, count);
    return;
  }
  const go = (delta) => { catalogue.page += delta; drawCatalogue(body, count).catch(showError); };
  count.textContent = "(" + fmtNum(total) + " server endpoints)";
  body.replaceChildren(
    rows.length ? table([["Endpoint"], ["Server"], ["Clients"], ["Data types"], ["Exchanges", "num"], ["Last seen"]], rows.map(catalogueRow))
      : h("p", { class: "empty" }, "No endpoints match."),
    h("div", { class: "pager" },
      h("button", { type: "button", id: "ep-prev", disabled: catalogue.page === 0, onclick: () => go(-1) }, "‹ previous"),
      h("span", { id: "ep-page" }, "page " + (catalogue.page + 1) + " of " + pages + " · " + fmtNum(total) + " endpoints"),
      h("button", { type: "button", id: "ep-next", disabled: catalogue.page >= pages - 1, onclick: () => go(1) }, "next ›")));
  body.dataset.search = asked; // what the rows shown answer (the dashboard check waits on it)
  body.dataset.query = query;
  body.dataset.page = String(catalogue.page);
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
  const servers = await api("/openapi/servers");
  const view = document.getElementById("view-endpoints");
  const search = h("input", { id: "ep-search", type: "search", placeholder: "Search method, path, server or client", value: catalogue.search });
  const body = h("div", { id: "ep-table" });
  const count = h("span", { class: "muted" });
  let timer = null;
  search.addEventListener("input", () => {
    catalogue.search = search.value;
    catalogue.page = 0;
    clearTimeout(timer);
    timer = setTimeout(() => drawCatalogue(body, count).catch(showError), SEARCH_DELAY_MS);
  });
  view.replaceChildren(
    h("div", { class: "view-head" }, h("h2", {}, "Endpoint catalogue ", count), downloadBar(servers, "")),
    search, body);
  await drawCatalogue(body, count);
}

function fieldsTable(fields) {
  if (!fields.length) return h("p", { class: "empty" }, "No JSON fields seen.");
  return table([["JSON path"], ["JSON types"], ["Seen", "num"], ["Detections"]],
    fields.map((f) => h("tr", { "data-path": f.json_path },
      h("td", { class: "mono" }, f.json_path),
      h("td", {}, f.json_types.map((t) => h("span", { class: "chip type" }, t))),
      h("td", { class: "num" }, fmtNum(f.seen_count)),
      h("td", {}, f.detections.length
        ? f.detections.map((d) => evidenceChip(d, f.seen_count))
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
      card("Status codes", Object.entries(e.status_codes || {}).map(([k, v]) => k + ": " + fmtNum(v)).join("  ") || "not reported"),
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
  catalogue.page = 0;
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

const firstView = parseHash()[0] || "map"; // the filters' state, before the header and the first view load side by side
if (firstView === "map") {
  prefetchMapFlows();
  // after the flows are asked for (the server answers them first); not when this browser has
  // laid out maps before (a reload draws from its storage; a miss loads them then)
  if (!layoutCacheKeys().length) loadLayoutScripts();
}
loadTypeNames()
  .then(() => Promise.all([refreshHeader(), route()]))
  .then(() => setInterval(poll, 10000))
  .catch(showError);
