// A catalogue service on Node's http module with a small hand-written router, as a Node
// developer without a framework writes it: the real-stack server whose route table is the
// truth of benchmarks/real_stack_names.py (truth.tsv, server "catalog").
//   node catalog_server.js PORT
"use strict";
const http = require("http");

const routes = [];
function route(method, pattern, handler) {
  const names = [];
  const re = new RegExp("^" + pattern.replace(/:([A-Za-z]+)/g, (_, n) => { names.push(n); return "([^/]+)"; }) + "$");
  routes.push({ method, re, names, handler });
}
const show = (params) => ({ found: params });

route("GET", "/v1/articles/:slug", show);
route("GET", "/v1/blog/:year/:month/:slug", show);
route("GET", "/v1/authors/:authorId", show);
route("GET", "/v1/authors/:authorId/books/:bookId", show);
route("GET", "/v1/libraries/:libraryId/branches/:branchId", show);
route("POST", "/v1/tickets/:ticketId/close", (p) => ({ ...show(p), state: "closed" }));
route("POST", "/v1/tickets/:ticketId/comments", (p) => ({ ...show(p), comment: "added" }));
route("GET", "/v1/events/:eventId/attendees/:attendeeId", show);
route("GET", "/v1/teams/:teamId/members/:memberId", show);
route("GET", "/v1/projects/:projectKey/issues/:issueNumber", show);
route("GET", "/v1/files/:fileId/versions/:versionId", show);
route("GET", "/v1/devices/:deviceUuid", show);
route("GET", "/v1/sessions/:sessionId", show);
route("GET", "/v1/children/:childId", show);
route("GET", "/v1/geese/:gooseId", show);
route("GET", "/v1/countries/:countryCode/cities/:cityId", show);
route("GET", "/v1/pedidos/:pedidoId", show);
route("GET", "/v1/rechnungen/:rechnungId", show);
route("GET", "/v1/userProfiles/:userProfileId", show);
route("GET", "/v1/statuses/:statusId", show);
route("GET", "/v1/media/:mediaId", show);
route("GET", "/v1/boxes/:boxId", show);
route("GET", "/v1/indices/:indexId", show);
route("PATCH", "/v1/subscriptions/:subscriptionId/pause", (p) => ({ ...show(p), paused: true }));

const server = http.createServer((req, res) => {
  const path = req.url.split("?")[0];
  let status = 404, body = { error: "not found" };
  for (const r of routes) {
    const m = r.method === req.method && r.re.exec(path);
    if (!m) continue;
    const params = {};
    r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
    status = 200;
    body = r.handler(params);
    break;
  }
  req.resume();
  req.on("end", () => {
    const data = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) });
    res.end(data);
  });
});
server.listen(Number(process.argv[2]), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
