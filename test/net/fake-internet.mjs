// The tests' fake internet: one HTTPS server (inside the `internet` network namespace) that answers as
// login.microsoftonline.com and the other Azure AD Connect endpoints, with a certificate from a test CA.
// Usage: node fake-internet.mjs <cert.pem> <key.pem> <listen-address> <port>
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';

const [cert, key, address, port] = process.argv.slice(2);
const server = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  const m = /^\/common\/userrealm\/([^?]+)/.exec(req.url ?? '');
  if (m) {
    const user = decodeURIComponent(m[1]);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ ver: '1.0', account_type: 'Managed', domain_name: user.split('@')[1] ?? '', NameSpaceType: 'Managed', served_by: host }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`fake ${host}\n`);
});
server.keepAliveTimeout = 1000;
server.listen(Number(port), address, () => process.stdout.write(`listening ${address}:${port}\n`));
// Never outlive the test run by long: the harness stops us, this is the backstop.
setTimeout(() => process.exit(0), 30 * 60 * 1000).unref();
