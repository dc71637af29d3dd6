// Opens a collector dashboard's map in headless Chromium and prints, as JSON, when the map was
// drawn and painted (ms since navigation start, taken at the first frame after the page marks
// the map loaded; the same clock for any version of the dashboard) and the page's own
// renderMs (and, where the page records them, when the flows arrived, when the layout worker was
// ready and how long it worked), for the first load in a fresh profile and for a reload. Usage: node dashboard_map.js BASE_URL CHROMIUM USER_DATA_DIR
"use strict";
const { chromium } = require("playwright-core");

const [base, executablePath, userDataDir] = process.argv.slice(2);
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

(async () => {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args: ARGS, viewport: { width: 1440, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  await page.addInitScript(() => {
    const watch = () => {
      new MutationObserver(() => {
        if (document.body.dataset.loaded === "map" && window.__painted === undefined) {
          window.__painted = null;
          requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
        }
      }).observe(document.body, { attributes: true, attributeFilter: ["data-loaded"] });
    };
    document.addEventListener("DOMContentLoaded", watch);
  });
  // the first load in a fresh profile, then a reload (the browser's caches and storage kept)
  const out = {};
  for (const load of ["first", "reload"]) {
    if (load === "first") await page.goto(base + "/#/map");
    else await page.reload();
    await page.waitForFunction(() => typeof window.__painted === "number", null, { timeout: 120000 });
    // a dashboard may paint a first frame while a slow layout works (quickBoxes)
    await page.waitForFunction(() => {
      const ms = window.sieveMap.renderMs;
      return !(ms && ms.firstFrame < ms.sinceNavigation) || typeof window.sieveMap.firstFramePainted === "number";
    }, null, { timeout: 10000 });
    out[load] = await page.evaluate(() => {
      const ms = window.sieveMap.renderMs;
      const had = Boolean(ms && ms.firstFrame < ms.sinceNavigation);
      const flows = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/v1/flows"));
      return { painted: window.__painted, firstPainted: had ? window.sieveMap.firstFramePainted : window.__painted, renderMs: ms,
        timing: window.sieveMap.timing || {}, flowsArrived: flows ? flows.responseEnd : null, layoutSource: window.sieveMap.layoutSource };
    });
  }
  await context.close();
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
