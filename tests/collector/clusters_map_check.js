// Drives the dashboard's map with two clusters in headless Chromium and prints what it saw
// as JSON. Usage: node clusters_map_check.js BASE_URL OUT_DIR CHROMIUM USER_DATA_DIR
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

const [base, outDir, executablePath, userDataDir] = process.argv.slice(2);
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

async function waitLoaded(page, view) {
  await page.waitForFunction((v) => document.body.dataset.loaded === v, view, { timeout: 20000 });
}

function seenMap() {
  const items = [...window.sieveMap.items.values()];
  const groups = new Map(items.filter((i) => i.kind === "group").map((g) => [g.data.id, g.data.label]));
  return {
    nodes: items.filter((i) => i.kind === "workload").map((n) => ({
      label: n.data.fullLabel, text: n.data.label, group: groups.get(n.parent),
    })),
    links: [...new Set(items.flatMap((i) => i.links))].filter((e) => e.data.link).map((e) => ({
      source: e.ends[0].data.fullLabel, target: e.ends[1].data.fullLabel,
      dashed: e.el.getAttribute("stroke-dasharray") !== null,
    })),
  };
}

(async () => {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args: ARGS, viewport: { width: 1440, height: 900 },
  });
  const out = { console: [] };
  const page = context.pages()[0] || (await context.newPage());
  page.on("console", (m) => { if (m.type() === "error") out.console.push(m.text()); });
  page.on("pageerror", (e) => out.console.push(String(e)));
  await page.goto(base + "/#/map");
  await waitLoaded(page, "map");
  await page.waitForTimeout(300);
  out.clusterFilterShown = await page.evaluate(
    () => !document.getElementById("f-cluster").parentElement.hidden);
  out.clusterOptions = await page.evaluate(
    () => [...document.querySelectorAll("#f-cluster option")].map((o) => o.value));
  out.map = await page.evaluate(seenMap);
  await page.screenshot({ path: path.join(outDir, "collector-clusters-map.png") });
  await page.selectOption("#f-cluster", "west");
  await waitLoaded(page, "map");
  out.west = await page.evaluate(seenMap);
  await context.close();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e.stack || e)); process.exit(1); });
