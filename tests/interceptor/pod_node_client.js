// Node http client with a keep-alive agent: GET /users/N and POST /echo, N times.
const http = require("http");
const [host, port, n] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = body ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } : {};
    const req = http.request({ host, port, method, path, agent, headers }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}
(async () => {
  for (let i = 0; i < n; i++) {
    await call("GET", `/users/node${i}`);
    await call("POST", "/echo", JSON.stringify({ node: i }));
  }
  agent.destroy();
})().catch((e) => { console.error(e); process.exit(1); });
