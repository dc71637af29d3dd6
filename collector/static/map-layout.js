/* The data map's layout: dagre (vendored, layered layout), in two levels. The page loads this
 * file beside dagre and calls mapLayout(graph) itself for maps of up to PAGE_LAYOUT_MAX_LEAVES
 * boxes (app.js); a bigger map is laid out off the page's thread by this same file run as a
 * worker. The levels: First each group (a namespace) alone: its workloads and flow badges ranked left to
 * right by the flows inside it, under a top band for the group's title. Then the groups as
 * boxes in shelves about as wide as the whole is tall: in the order the flows between them rank
 * them (placement "flows", small maps: the map reads left to right, then down) or tallest first
 * (placement "packed", big maps: most compact).
 * mapLayout gives {boxes: [[elementId, x, y, w, h], ...], width, height} with absolute boxes. As
 * a worker, each message {id, graph} is answered {id, boxes, width, height, ms} (``ms``: time
 * spent laying out there), or {id, error}.
 *
 * graph: {id, layoutOptions: {placement, nodeGap, rankGap, groupGap, padding: [top, right,
 * bottom, left]}, children: [group {id, width (at least), children: [leaf {id, width,
 * height}]}, or a leaf at the top level], edges: [{id, sources: [a], targets: [b]}]}. */
"use strict";
if (typeof importScripts === "function") {
  importScripts("/static/vendor/dagre.min.js");
  self.postMessage({ ready: performance.timeOrigin + performance.now() }); // the page's timing
}

/* dagre places centres: the top-left corners of ``ids`` laid out as ``g`` ranks them. */
function ranked(nodes, edges, opts) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: opts.nodesep, ranksep: opts.ranksep, edgesep: 10, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const [a, b] of edges) g.setEdge(a, b);
  dagre.layout(g);
  const at = new Map();
  for (const n of nodes) {
    const p = g.node(n.id);
    at.set(n.id, [p.x - n.width / 2, p.y - n.height / 2]);
  }
  return { at, width: g.graph().width || 0, height: g.graph().height || 0 };
}

/* A group's leaves laid out inside it: [width, height, [[id, x, y, w, h] relative to it]]. */
function layoutGroup(group, inner, o) {
  const [top, right, bottom, left] = o.padding;
  const leaves = group.children;
  const { at, width, height } = ranked(leaves, inner, { nodesep: o.nodeGap, ranksep: o.rankGap });
  const w = Math.max(width + left + right, group.width || 0);
  const shift = left + (w - left - right - width) / 2; // a title wider than the content: centred
  const placed = leaves.map((n) => [n.id, at.get(n.id)[0] + shift, at.get(n.id)[1] + top, n.width, n.height]);
  return { id: group.id, width: w, height: Math.max(height + top + bottom, group.height || 0), placed };
}

/* Groups in shelves about as wide as the whole is tall, in ``order`` (default: tallest first). */
function packed(units, gap, order) {
  const area = units.reduce((a, u) => a + (u.width + gap) * (u.height + gap), 0);
  const shelf = Math.max(Math.sqrt(area * 1.6), ...units.map((u) => u.width));
  order = order || [...units].sort((a, b) => b.height - a.height || a.id.localeCompare(b.id));
  const at = new Map();
  let x = 0, y = 0, rowH = 0;
  for (const u of order) {
    if (x > 0 && x + u.width > shelf) { x = 0; y += rowH + gap; rowH = 0; }
    at.set(u.id, [x, y]);
    x += u.width + gap;
    rowH = Math.max(rowH, u.height);
  }
  return at;
}

function mapLayout(graph) {
  const o = graph.layoutOptions;
  const groupOf = new Map();
  const units = [];
  const groups = graph.children.filter((c) => c.children && c.children.length);
  for (const g of groups) for (const n of g.children) groupOf.set(n.id, g.id);
  const inner = new Map(groups.map((g) => [g.id, []]));
  const between = new Map();
  for (const e of graph.edges) {
    const a = e.sources[0], b = e.targets[0];
    const ga = groupOf.get(a) || a, gb = groupOf.get(b) || b;
    if (ga === gb) { if (inner.has(ga)) inner.get(ga).push([a, b]); }
    else between.set(ga + "\n" + gb, [ga, gb]);
  }
  for (const c of graph.children) {
    if (c.children && c.children.length) units.push(layoutGroup(c, inner.get(c.id), o));
    else units.push({ id: c.id, width: c.width || 0, height: c.height || 0, placed: [] });
  }
  let order = null;
  if (o.placement === "flows") {
    // the groups in the order the flows between them rank them (left to right, then top down)
    const at = ranked(units, [...between.values()], { nodesep: o.groupGap, ranksep: o.groupGap }).at;
    order = [...units].sort((a, b) => at.get(a.id)[0] - at.get(b.id)[0] || at.get(a.id)[1] - at.get(b.id)[1]);
  }
  const at = packed(units, o.groupGap, order);
  const boxes = [];
  let width = 0, height = 0;
  for (const u of units) {
    const [x, y] = at.get(u.id);
    boxes.push([u.id, x, y, u.width, u.height]);
    for (const [id, px, py, w, h] of u.placed) boxes.push([id, x + px, y + py, w, h]);
    width = Math.max(width, x + u.width);
    height = Math.max(height, y + u.height);
  }
  return { boxes, width, height };
}

if (typeof importScripts === "function") {
  self.onmessage = (ev) => {
    const { id, graph } = ev.data;
    const started = performance.now();
    try {
      const out = mapLayout(graph);
      self.postMessage({ id, ...out, ms: performance.now() - started });
    } catch (err) {
      self.postMessage({ id, error: String((err && err.message) || err) });
    }
  };
}
