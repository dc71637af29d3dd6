// A payments gateway as an express-style Node app: routers per upstream, mounted under
// their prefixes, `:param` paths and `req.params`, with the path conventions of Stripe,
// Twilio, Shopify, PayPal and Square. Express itself is not a dependency of this
// repository, so the few lines of routing it would give are below. A server of the second
// real stack (truth.tsv, server "billing").
//   node billing_server.js PORT [HOST]
"use strict";
const http = require("http");

function Router() {
  const layers = [];
  const add = (method) => (path, handler) => { layers.push({ method, path, handler }); return router; };
  const router = { layers, get: add("GET"), post: add("POST"), put: add("PUT"), patch: add("PATCH"), delete: add("DELETE") };
  return router;
}

// One compiled route: `:name` takes the rest of its segment up to a literal suffix (`.json`).
function compile(prefix, { method, path, handler }) {
  const keys = [];
  const source = (prefix + path).split("/").map((seg) =>
    seg.replace(/[.]/g, "\\.").replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, key) => { keys.push(key); return "([^/]+?)"; }),
  ).join("/");
  return { method, re: new RegExp("^" + source + "$"), keys, handler };
}

function express() {
  const stack = [];
  return {
    use(prefix, router) { router.layers.forEach((l) => stack.push(compile(prefix, l))); },
    handle(req, res) {
      const path = req.url.split("?")[0];
      for (const r of stack) {
        const m = r.method === req.method && r.re.exec(path);
        if (!m) continue;
        req.params = {};
        r.keys.forEach((k, i) => { req.params[k] = decodeURIComponent(m[i + 1]); });
        return r.handler(req, res);
      }
      res.status(404).json({ error: "not found" });
    },
  };
}

function withHelpers(res) {
  res.status = (code) => { res.statusCode = code; return res; };
  res.json = (obj) => {
    const data = JSON.stringify(obj);
    res.writeHead(res.statusCode || 200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) });
    res.end(data);
  };
  return res;
}

const found = (req, res) => res.json({ found: req.params, livemode: false });

const stripe = Router()
  .get("/customers/:customer", found)
  .get("/customers/:customer/sources/:id", found)
  .delete("/customers/:customer/tax_ids/:id", (req, res) => res.json({ ...req.params, deleted: true }))
  .get("/customers/:customer/balance_transactions/:transaction", found)
  .get("/payment_intents/:intent", found)
  .post("/payment_intents/:intent/confirm", (req, res) => res.json({ id: req.params.intent, status: "succeeded" }))
  .post("/payment_intents/:intent/capture", (req, res) => res.json({ id: req.params.intent, status: "succeeded" }))
  .get("/invoices/:invoice/lines", (req, res) => res.json({ object: "list", data: [] }))
  .post("/subscriptions/:subscription_exposed_id", found)
  .get("/charges/:charge/refunds/:refund", found)
  .get("/checkout/sessions/:session/line_items", (req, res) => res.json({ object: "list", data: [] }))
  .get("/prices/:price", found)
  .get("/accounts/:account/external_accounts/:id", found)
  .get("/balance_transactions/:id", found);

const twilio = Router()
  .get("/Accounts/:AccountSid/Messages/:Sid.json", found)
  .get("/Accounts/:AccountSid/Calls/:CallSid/Recordings.json", (req, res) => res.json({ recordings: [] }))
  .delete("/Accounts/:AccountSid/IncomingPhoneNumbers/:Sid.json", found);

const shopify = Router()
  .get("/:api_version/orders/:order_id.json", found)
  .get("/:api_version/products/:product_id/variants/:variant_id.json", found)
  .put("/:api_version/customers/:customer_id.json", found);

const paypal = Router()
  .post("/v2/checkout/orders/:id/capture", (req, res) => res.json({ id: req.params.id, status: "COMPLETED" }))
  .get("/v1/billing/subscriptions/:id", found);

const square = Router().get("/locations/:location_id/transactions/:transaction_id", found);

const app = express();
app.use("/v1", stripe);
app.use("/2010-04-01", twilio);
app.use("/admin/api", shopify);
app.use("", paypal);
app.use("/v2", square);

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => app.handle(req, withHelpers(res)));
});
server.listen(Number(process.argv[2]), process.argv[3] || "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
