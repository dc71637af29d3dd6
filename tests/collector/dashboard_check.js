// Drives the collector dashboard in headless Chromium (playwright-core, the system browser)
// and prints what it saw as JSON. Usage:
//   node dashboard_check.js BASE_URL ENDPOINT_ID OUT_DIR CHROMIUM USER_DATA_DIR
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

const [base, endpointId, outDir, executablePath, userDataDir] = process.argv.slice(2);
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

async function waitLoaded(page, view) {
  await page.waitForFunction((v) => document.body.dataset.loaded === v, view, { timeout: 20000 });
}

(async () => {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args: ARGS, viewport: { width: 1440, height: 900 },
  });
  const out = { requests: [], console: [] };
  const page = context.pages()[0] || (await context.newPage());
  page.on("request", (r) => out.requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error") out.console.push(m.text()); });
  page.on("pageerror", (e) => out.console.push(String(e)));

  await page.goto(base + "/#/map");
  await waitLoaded(page, "map");
  await page.waitForTimeout(300);
  out.map = await page.evaluate(() => {
    const items = [...window.sieveMap.items.values()];
    const view = document.getElementById("cy").getBoundingClientRect();
    return {
      nodes: items.filter((i) => i.kind === "workload").map((n) => {
        const r = n.el.querySelector("rect").getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        return {
          label: n.data.fullLabel, text: n.el.querySelector("text").textContent, external: !!n.data.external,
          group: window.sieveMap.items.get(n.parent).el.querySelector("text").textContent,
          visible: r.width > 0 && getComputedStyle(n.el).visibility === "visible",
          inView: x > view.left && y > view.top && x < view.right && y < view.bottom,
        };
      }),
      // each flow is a badge between its workloads (count of data types, sensitivity)
      edges: items.filter((i) => i.kind === "flow").map((b) => ({
        source: b.data.flow.source.label, target: b.data.flow.destination.label,
        label: b.data.types.join(", "), badge: b.el.querySelector("text").textContent,
        color: getComputedStyle(b.el.querySelector("rect")).fill.replace(/\s/g, ""), sensitivity: b.data.sensitivity,
        drawn: b.links.filter((l) => l.el.isConnected).length,
      })),
    };
  });
  await page.screenshot({ path: path.join(outDir, "collector-map.png") });

  // The namespace filter narrows the map.
  await page.selectOption("#f-namespace", "payments");
  await waitLoaded(page, "map");
  out.filtered = await page.evaluate(() => [...window.sieveMap.items.values()]
    .filter((i) => i.kind === "flow").map((b) => b.data.fullLabel));
  await page.click("#f-clear");
  await waitLoaded(page, "map");

  await page.goto(base + "/#/endpoints/" + endpointId);
  await waitLoaded(page, "endpoint");
  out.endpoint = await page.evaluate(() => ({
    title: document.getElementById("endpoint-title").textContent,
    request: [...document.querySelectorAll("#request-fields tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())),
    response: [...document.querySelectorAll("#response-fields tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())),
  }));
  await page.screenshot({ path: path.join(outDir, "collector-endpoint.png"), fullPage: true });

  for (const view of ["endpoints", "data-types", "violations"]) {
    await page.goto(base + "/#/" + view);
    await waitLoaded(page, view);
    out[view] = await page.evaluate(() => [...document.querySelectorAll("main .view:not([hidden]) tbody tr")]
      .map((tr) => tr.textContent.replace(/\s+/g, " ").trim()));
    await page.screenshot({ path: path.join(outDir, "collector-" + view + ".png"), fullPage: true });
    if (view === "data-types") {
      out.custom_chip = await page.evaluate(() => {
        const c = document.querySelector('#view-data-types .chip[data-type-id="employee_id"]');
        return c && { text: c.textContent, title: c.title };
      });
      out.type_filter = await page.evaluate(() => [...document.querySelectorAll("#f-data-type option")]
        .map((o) => o.textContent));
    }
  }
  // The catalogue: search narrows the rows; the download link serves the OpenAPI document.
  await page.goto(base + "/#/endpoints");
  await waitLoaded(page, "endpoints");
  await page.selectOption("#oa-server", "shop/users");
  await page.selectOption("#oa-format", "json");
  const href = await page.getAttribute("#oa-download", "href");
  const doc = await page.request.get(base + href);
  // The search runs on the collector (/api/v1/catalogue?q=): wait for its rows.
  await page.fill("#ep-search", "stripe");
  await page.waitForFunction(() => document.getElementById("ep-table").dataset.search === "stripe",
    null, { timeout: 20000 });
  out.catalogue = {
    href,
    status: doc.status(),
    disposition: doc.headers()["content-disposition"],
    paths: Object.keys((await doc.json()).paths).sort(),
    searched: await page.evaluate(() => [...document.querySelectorAll("#ep-table tbody tr")]
      .map((tr) => tr.textContent.replace(/\s+/g, " ").trim())),
    // every endpoint request of the tab went to the grouped, paged catalogue
    catalogueRequests: out.requests.filter((u) => u.includes("/api/v1/catalogue")),
    endpointListRequests: out.requests.filter((u) => /\/api\/v1\/endpoints(\?|$)/.test(u)),
  };
  const rowsFor = async (search) => {
    await page.fill("#ep-search", search);
    await page.waitForFunction((q) => document.getElementById("ep-table").dataset.search === q,
      search, { timeout: 20000 });
    return page.evaluate(() => [...document.querySelectorAll("#ep-table tbody tr")]
      .map((tr) => tr.textContent.replace(/\s+/g, " ").trim()));
  };
  out.catalogue.byClient = await rowsFor("frontend");  // a client's name finds its endpoints
  out.catalogue.twoWords = await rowsFor("post users");  // every word must be found
  await rowsFor("");
  // the namespace filter goes to the collector with the page asked for
  await page.selectOption("#f-namespace", "payments");
  await page.waitForFunction(() => /namespace=payments/.test(document.getElementById("ep-table")?.dataset.query || ""),
    null, { timeout: 20000 });
  out.catalogue.payments = await page.evaluate(() => [...document.querySelectorAll("#ep-table tbody tr")]
    .map((tr) => tr.textContent.replace(/\s+/g, " ").trim()));
  // /docs: Swagger UI from the vendored bundle, under the same CSP (errors land in out.console).
  await page.goto(base + "/docs");
  await page.waitForSelector(".swagger-ui .opblock", { timeout: 30000 });
  out.docs = await page.evaluate(() => [...document.querySelectorAll(".opblock-summary-path")]
    .map((el) => el.textContent.trim()));
  await context.close();
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
