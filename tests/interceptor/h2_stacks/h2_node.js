// HTTP/2 (h2c) server and client on Node's built-in http2 module, for the interceptor's
// live tests. Server: `node h2_node.js server PORT`; JSON echo with a few shapes (gzip,
// bodies over many frames, trailers, not-JSON). Client: `node h2_node.js client HOST PORT N`
// sends N requests concurrently on ONE connection and prints how many got their answer.
'use strict';
const http2 = require('http2');
const zlib = require('zlib');

function user(i) {
  return { id: i, email: `user${i}@example.org`, note: 'x'.repeat((i * 997) % 40000) };
}

if (process.argv[2] === 'server') {
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const path = headers[':path'];
      const i = Number(new URL(path, 'http://x').searchParams.get('i') || '0');
      const body = Buffer.from(JSON.stringify({ got: chunks.length ? JSON.parse(Buffer.concat(chunks)) : null, user: user(i) }));
      if (path.startsWith('/html')) {
        stream.respond({ ':status': 200, 'content-type': 'text/html' });
        stream.end('<p>hello</p>');
      } else if (i % 3 === 1) {
        stream.respond({ ':status': 200, 'content-type': 'application/json', 'content-encoding': 'gzip' });
        stream.end(zlib.gzipSync(body));
      } else if (i % 3 === 2) {
        stream.respond({ ':status': 201, 'content-type': 'application/json' }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'x-done': '1' }));
        stream.end(body);
      } else {
        stream.respond({ ':status': 200, 'content-type': 'application/json' });
        stream.end(body);
      }
    });
  });
  server.listen(Number(process.argv[3]), '0.0.0.0', () => console.log('listening'));
} else {
  const [host, port, n] = [process.argv[3], process.argv[4], Number(process.argv[5])];
  const session = http2.connect(`http://${host}:${port}`);
  let done = 0;
  const answered = [];
  for (let i = 0; i < n; i++) {
    const post = i % 2 === 0;
    const req = session.request({
      ':method': post ? 'POST' : 'GET',
      ':path': `/users?i=${i}`,
      'content-type': 'application/json',
    });
    req.setEncoding('utf8');
    let status = 0;
    req.on('response', (h) => { status = h[':status']; });
    req.on('data', () => {});
    req.on('end', () => {
      answered.push(status);
      if (++done === n) {
        console.log(JSON.stringify({ answered: answered.length }));
        session.close();
      }
    });
    if (post) req.end(JSON.stringify(user(i))); else req.end();
  }
}
