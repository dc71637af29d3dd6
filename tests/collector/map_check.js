// Opens the collector's data map in headless Chromium (playwright-core, the system browser),
// measures every label's box from the DOM (the SVG text and box elements), on the first frame
// a slow layout shows meanwhile (FIRST-frame screenshot beside SHOT), again after a reload
// (drawn from the browser's layout cache) and in a second browser profile (from the layout the
// collector kept), and prints what it saw as JSON. Usage:
//   node map_check.js BASE_URL SHOT.png CHROMIUM USER_DATA_DIR [DRIFT_SHOT.png]
"use strict";
const { chromium } = require("playwright-core");

const [base, shot, executablePath, userDataDir, driftShot] = process.argv.slice(2);
const quickShot = shot.replace(/\.png$/, "-first-frame.png");
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

(async () => {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args: ARGS, viewport: { width: 1440, height: 900 },
  });
  const out = { console: [] };
  const page = context.pages()[0] || (await context.newPage());
  page.on("console", (m) => { if (m.type() === "error") out.console.push(m.text()); });
  page.on("pageerror", (e) => out.console.push(String(e)));
  await page.goto(base + "/#/map");
  await page.waitForFunction(() => document.body.dataset.loaded === "map", null, { timeout: 60000 });
  await page.waitForTimeout(200);
  const readLabels = () => {
    const items = [...window.sieveMap.items.values()].filter((i) => i.kind !== "edge");
    const box = (el) => { const r = el.getBoundingClientRect(); return { x1: r.left, y1: r.top, x2: r.right, y2: r.bottom }; };
    const count = (kind) => items.filter((i) => i.kind === kind).length;
    return {
      renderMs: window.sieveMap.renderMs,
      layoutSource: window.sieveMap.layoutSource,
      zoom: window.sieveMap.view.k,
      workloads: count("workload"),
      groups: count("group"),
      flows: count("flow"),
      labels: items.filter((i) => i.el.querySelector("text").textContent).map((i) => ({
        id: i.data.id,
        text: i.el.querySelector("text").textContent,
        kind: i.kind,
        ancestors: i.parent ? [i.parent] : [],
        label: box(i.el.querySelector("text")),
        body: i.kind === "group" ? null : box(i.el.querySelector("rect")),
      })),
    };
  };
  const readMap = () => page.evaluate(readLabels);
  Object.assign(out, await readMap());
  await page.screenshot({ path: shot });
  // hover a flow badge: the tooltip names the flow; a click shows it in the side panel
  const at = await page.evaluate(() => {
    const b = [...window.sieveMap.items.values()].find((i) => i.kind === "flow");
    const r = b.el.querySelector("rect").getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, flow: b.data.fullLabel.replace(" -> ", " → ") };
  });
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector("#map-tip:not([hidden])", { timeout: 5000 });
  await page.mouse.click(at.x, at.y);
  await page.waitForTimeout(300);
  out.hover = {
    flow: at.flow,
    tip: await page.textContent("#map-tip"),
    side: await page.textContent("#map-side h3"),
  };
  // a big map is laid out by the same code in a worker: the same boxes as the page's
  out.worker = await page.evaluate(async () => {
    const graph = layoutGraph(mapElements(window.sieveMap.flows));
    const there = await layoutInWorker(graph);
    return { thread: window.sieveMap.timing.layoutThread, boxes: there.boxes.length,
      same: JSON.stringify(there.boxes) === JSON.stringify(mapLayout(graph).boxes) };
  });
  // the first frame a slow layout shows meanwhile (quickBoxes), drawn here on the same flows
  await page.evaluate(() => {
    const el = mapElements(window.sieveMap.flows);
    showMap(el, quickBoxes(layoutGraph(el), el), document.getElementById("cy"));
  });
  out.quick = await readMap();
  if (quickShot) await page.screenshot({ path: quickShot });
  // a reload draws the same map from the browser's layout cache
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.loaded === "map", null, { timeout: 60000 });
  await page.waitForTimeout(200);
  out.reload = await readMap();
  // another browser (a fresh profile) draws it from the layout the collector kept
  const other = await chromium.launchPersistentContext(userDataDir + "/other", {
    executablePath, headless: true, args: ARGS, viewport: { width: 1440, height: 900 },
  });
  const otherPage = other.pages()[0] || (await other.newPage());
  await otherPage.goto(base + "/#/map");
  await otherPage.waitForFunction(() => document.body.dataset.loaded === "map", null, { timeout: 60000 });
  await otherPage.waitForTimeout(200);
  out.other = await otherPage.evaluate(readLabels);
  await other.close();
  if (driftShot) {
    await page.goto(base + "/#/drift");
    await page.waitForFunction(() => document.body.dataset.loaded === "drift", null, { timeout: 20000 });
    out.drift = await page.evaluate(() => [...document.querySelectorAll("#view-drift tbody tr")]
      .map((tr) => tr.dataset.kind + " " + tr.textContent.replace(/\s+/g, " ").trim()));
    await page.screenshot({ path: driftShot, fullPage: true });
  }
  await context.close();
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
