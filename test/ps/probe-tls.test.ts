// Issue 13.5: the live probes must not hide the sync service's TLS gap. ps/Invoke-AADSyncProbes.ps1
// probes with the process's own default TLS (what .NET gives a process under this server's registry
// settings) AND with TLS 1.2 forced, and says which is which. Here: a local HTTPS "Microsoft" that speaks
// TLS 1.2 only, reached through a local CONNECT proxy; the probe runs once with a process default of
// TLS 1.0 only (what Windows PowerShell 5.1 offers without SchUseStrongCrypto / SystemDefaultTlsVersions,
// emulated by a wrapper that sets ServicePointManager.SecurityProtocol first) and once with pwsh's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, requirePwsh, shouldRun } from './pwsh.js';

const probeScript = join(repoRoot, 'ps', 'Invoke-AADSyncProbes.ps1');

function certs(dir: string) {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=aadsync-diagnose test CA']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:login.microsoftonline.com\n');
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=login.microsoftonline.com']);
  run(['x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.pem', '-days', '2', '-extfile', 'san.ext']);
}

describe.runIf(shouldRun('probe TLS modes (pwsh, openssl)'))('probes with the process default TLS and with TLS 1.2 forced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-tls-'));
  let tlsServer: Server;
  let proxy: Server;
  let proxyPort = 0;

  beforeAll(async () => {
    certs(dir);
    tlsServer = createHttpsServer(
      { key: readFileSync(join(dir, 'srv.key')), cert: readFileSync(join(dir, 'srv.pem')), minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' },
      (req, res) => {
        if ((req.url ?? '').startsWith('/common/userrealm/')) {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end('{"NameSpaceType":"Managed"}');
        } else {
          res.writeHead(404);
          res.end();
        }
      },
    );
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
    const tlsPort = (tlsServer.address() as AddressInfo).port;
    // A CONNECT proxy that sends every tunnel to the local TLS server, whatever host:port was asked.
    proxy = createHttpServer((_req, res) => {
      res.writeHead(405);
      res.end();
    });
    proxy.on('connect', (_req, socket, head) => {
      const up = connect(tlsPort, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) up.write(head);
        up.pipe(socket);
        socket.pipe(up);
      });
      up.on('error', () => socket.destroy());
      socket.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyPort = (proxy.address() as AddressInfo).port;
  }, 60_000);

  afterAll(() => {
    tlsServer?.close();
    proxy?.close();
  });

  function probe(processDefault: string | null): Promise<any> {
    const out = mkdtempSync(join(dir, 'out-'));
    const input = join(out, 'in.json');
    writeFileSync(input, JSON.stringify({
      proxy: { address: `http://127.0.0.1:${proxyPort}`, source: 'test' },
      endpoints: [{ host: 'login.microsoftonline.com', port: 443 }],
      caCertFile: join(dir, 'ca.pem'),
      timeoutMs: 4000,
    }));
    let args = ['-NoProfile', '-NonInteractive', '-File', probeScript, '-OutDir', out, '-As', 'admin', '-ProxyJson', input];
    const env = { ...process.env };
    if (processDefault) {
      // The process's .NET default before the script runs, as powershell.exe would have it.
      const wrapper = join(out, 'with-default.ps1');
      writeFileSync(wrapper, '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]$env:AADSYNC_TEST_TLS\r\n& $env:AADSYNC_TEST_PROBE @args\r\nexit $LASTEXITCODE\r\n');
      env.AADSYNC_TEST_TLS = processDefault;
      env.AADSYNC_TEST_PROBE = probeScript;
      args = ['-NoProfile', '-NonInteractive', '-File', wrapper, '-OutDir', out, '-As', 'admin', '-ProxyJson', input];
    }
    return new Promise((resolve, reject) => {
      const p = spawn(requirePwsh(), args, { env });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('close', (code) => {
        if (code !== 0) return reject(new Error(`probe exit ${code}: ${err}`));
        resolve(JSON.parse(readFileSync(join(out, 'probes-admin.json'), 'utf8')));
      });
    });
  }

  const find = (doc: any, test: string) => doc.results.find((r: any) => r.test === test && r.endpoint === 'login.microsoftonline.com');

  it('a process default of TLS 1.0: the default-TLS probes fail with tls, the TLS 1.2 probes pass, each labelled', async () => {
    const doc = await probe('Tls');
    expect(doc.tls).toEqual({ processDefault: 'Tls', forced: 'Tls12' });
    expect(find(doc, 'realm-discovery')).toMatchObject({ tls: 'process-default', ok: false, errorClass: 'tls' });
    expect(find(doc, 'realm-discovery-tls12')).toMatchObject({ tls: 'tls12', ok: true, httpStatus: 200, route: 'proxy' });
    expect(find(doc, 'https-proxy')).toMatchObject({ tls: 'process-default', ok: false, errorClass: 'tls' });
    expect(find(doc, 'https-proxy-tls12')).toMatchObject({ tls: 'tls12', ok: true });
    expect(find(doc, 'dns').tls).toBeUndefined();
  }, 120_000);

  it("pwsh's own default (the OS decides): both realm probes pass; no extra https-proxy probe when the default passed", async () => {
    const doc = await probe(null);
    expect(doc.tls.forced).toBe('Tls12');
    expect(find(doc, 'realm-discovery')).toMatchObject({ tls: 'process-default', ok: true, httpStatus: 200 });
    expect(find(doc, 'realm-discovery-tls12')).toMatchObject({ tls: 'tls12', ok: true });
    expect(find(doc, 'https-proxy')).toMatchObject({ tls: 'process-default', ok: true });
    expect(find(doc, 'https-proxy-tls12')).toBeUndefined();
  }, 120_000);
});
