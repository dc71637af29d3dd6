// Opens the collector's data map in headless Chromium (playwright-core, the system browser),
// measures every label's box from cytoscape, and prints what it saw as JSON. Usage:
//   node map_check.js BASE_URL SHOT.png CHROMIUM USER_DATA_DIR [DRIFT_SHOT.png]
"use strict";
const { chromium } = require("playwright-core");

const [base, shot, executablePath, userDataDir, driftShot] = process.argv.slice(2);
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
  Object.assign(out, await page.evaluate(() => {
    const cy = window.sieveMap.cy;
    const labelled = cy.nodes().filter((n) => n.data("label"));
    const box = (bb) => ({ x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2 });
    return {
      renderMs: window.sieveMap.renderMs,
      zoom: cy.zoom(),
      workloads: cy.nodes("[?workloadNode]").length,
      groups: cy.nodes("[?group]").length,
      flows: cy.nodes(".flow").length,
      labels: labelled.map((n) => ({
        id: n.id(),
        text: n.data("label"),
        kind: n.data("group") ? "group" : n.hasClass("flow") ? "flow" : "workload",
        ancestors: n.ancestors().map((a) => a.id()),
        label: box(n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })),
        body: n.isParent() ? null : box(n.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: false, includeOverlays: false })),
      })),
    };
  }));
  await page.screenshot({ path: shot });
  // hover a flow badge: the tooltip names the flow; a click shows it in the side panel
  const at = await page.evaluate(() => {
    const cy = window.sieveMap.cy;
    const b = cy.nodes(".flow")[0];
    const box = document.getElementById("cy").getBoundingClientRect();
    return { x: box.left + b.renderedPosition().x, y: box.top + b.renderedPosition().y, flow: b.data("fullLabel").replace(" -> ", " → ") };
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
