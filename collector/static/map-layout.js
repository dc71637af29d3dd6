/* The data map's layout worker: ELK (vendored elkjs, layered algorithm only) off the page's
 * thread. Each message {id, graph} is answered {id, boxes: [[elementId, x, y, w, h], ...],
 * width, height} with absolute boxes, or {id, error}. The page loads no copy of ELK itself. */
"use strict";
importScripts("/static/vendor/elk.bundled.js");

const elk = new ELK({ algorithms: ["layered"] });

// A first small layout of the map's shape (a group, two boxes, an edge) while the page is
// still fetching: ELK's one-time set-up is then done when the map's graph arrives.
const warmUp = elk.layout({
  id: "warm-up", layoutOptions: { "elk.algorithm": "layered", "elk.hierarchyHandling": "SEPARATE_CHILDREN" },
  children: [{ id: "g", layoutOptions: { "elk.padding": "[top=34,left=14,bottom=14,right=14]" },
    children: [{ id: "a", width: 80, height: 36 }, { id: "b", width: 30, height: 20 }] }],
  edges: [{ id: "e", sources: ["a"], targets: ["b"] }],
}).catch(() => null);

function absoluteBoxes(root) {
  const boxes = [];
  const walk = (node, ox, oy) => {
    for (const c of node.children || []) {
      const x = ox + c.x, y = oy + c.y;
      boxes.push([c.id, x, y, c.width, c.height]);
      if (c.children && c.children.length) walk(c, x, y);
    }
  };
  walk(root, 0, 0);
  return boxes;
}

self.onmessage = async (ev) => {
  const { id, graph } = ev.data;
  try {
    await warmUp;
    const out = await elk.layout(graph);
    self.postMessage({ id, boxes: absoluteBoxes(out), width: out.width, height: out.height });
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err) });
  }
};
