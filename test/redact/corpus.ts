// A corpus of seeded, obviously fake secrets in the shapes Windows, proxies and Azure write them.
// Each shape names the secret it plants; the tests look for every seeded secret, in every encoding
// it could survive in, in every output byte.

export const USER = 'svc-proxy';

export interface Shape {
  name: string;
  secret: string;
  line: string;
}

let n = 0;
/** A fresh obviously fake secret. Some carry an @ (legal in a typed password, illegal raw in a URL). */
function seed(kind: 'plain' | 'at' | 'space' | 'semi' = 'plain'): string {
  n++;
  const id = String(n).padStart(4, '0');
  if (kind === 'at') return `P@ssw0rd-FAKE-${id}`;
  if (kind === 'space') return `FAKE S3cret ${id}`;
  if (kind === 'semi') return `FAKE;S3cret-${id}`;
  return `FAKE-S3cret-${id}`;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => b64(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const utf16hex = (s: string) =>
  [...Buffer.from(s + '\0', 'utf16le')].map((b) => b.toString(16).padStart(2, '0')).join(',');

function shape(name: string, kind: Parameters<typeof seed>[0], make: (s: string) => string): Shape {
  const secret = seed(kind);
  return { name, secret, line: make(secret) };
}

export function buildCorpus(): Shape[] {
  n = 0;
  return [
    shape('proxy URL with user:pass', 'plain', (s) => `ProxyServer=http://${USER}:${s}@proxy.contoso.com:8080`),
    shape('proxy URL, @ in password', 'at', (s) => `HTTPS_PROXY=http://${USER}:${s}@proxy.contoso.com:3128`),
    shape('proxy URL with DOMAIN%5Cuser', 'plain', (s) => `all_proxy = http://CONTOSO%5C${USER}:${s}@10.20.30.40:8080/`),
    shape('machine.config proxyaddress', 'plain', (s) => `<proxy proxyaddress="http://${USER}:${s}@proxy.contoso.com:8080" bypassonlocal="True" usesystemdefault="False" />`),
    shape('cntlm Password', 'plain', (s) => `Password        ${s}`),
    shape('cntlm PassNT', 'plain', (s) => `PassNT          ${s}`),
    shape('cntlm PassLM', 'plain', (s) => `PassLM ${s}`),
    shape('cntlm PassNTLMv2', 'plain', (s) => `PassNTLMv2      ${s}`),
    shape('Proxy-Authorization Basic', 'plain', (s) => `Proxy-Authorization: Basic ${b64(`${USER}:${s}`)}`),
    shape('Authorization Basic, @ in password', 'at', (s) => `Authorization: Basic ${b64(`${USER}:${s}`)}`),
    shape('Authorization Bearer', 'plain', (s) => `Authorization: Bearer ${s}`),
    shape('Proxy-Authorization NTLM', 'plain', (s) => `Proxy-Authorization: NTLM ${b64(`NTLMSSP\0${s}`)}`),
    shape('Authorization Negotiate', 'plain', (s) => `Authorization: Negotiate ${b64(`krb5-${s}`)}`),
    shape('bare Bearer token in a message', 'plain', (s) => `request failed with token Bearer ${b64(s)} (401)`),
    shape('JWT', 'plain', (s) => `token=eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.${b64url(JSON.stringify({ upn: 'alice@contoso.com', pwd: s }))}.`),
    shape('JWT in prose', 'plain', (s) => `AADSTS50126 for assertion eyJhbGciOiJSUzI1NiJ9.${b64url(`{"secret":"${s}"}`)}.c2ln and more`),
    shape('Service Bus SharedAccessKey', 'plain', (s) => `Endpoint=sb://contoso-sspr.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${s}`),
    shape('Service Bus SAS token', 'plain', (s) => `SharedAccessSignature sr=https%3a%2f%2fcontoso-sspr.servicebus.windows.net%2f&sig=${s}&se=1764064800&skn=RootManageSharedAccessKey`),
    shape('SAS sig first in query', 'plain', (s) => `https://acct.blob.core.windows.net/logs/x.zip?sig=${s}&sv=2024-11-04&se=2026-12-01`),
    shape('connection string Password=', 'plain', (s) => `Data Source=(localdb)\\.\\ADSync2019;Initial Catalog=ADSync;User ID=sa;Password=${s};Connect Timeout=30`),
    shape('connection string Password= with spaces', 'space', (s) => `Server=sql01.contoso.local;Database=ADSync;Uid=CONTOSO\\sqlsvc;Password=${s};`),
    shape('connection string Pwd=', 'plain', (s) => `Driver={ODBC Driver 17 for SQL Server};Server=sql01;Uid=sa;Pwd=${s};`),
    shape('connection string quoted Password', 'semi', (s) => `Server=sql01;User ID=sa;Password="${s}";Encrypt=True`),
    shape('connection string single-quoted', 'semi', (s) => `Server=sql01;User ID=sa;Password='${s}';Encrypt=True`),
    shape('connection string ODBC braces', 'semi', (s) => `Server=sql01;UID=sa;PWD={${s}};`),
    shape('storage AccountKey', 'plain', (s) => `DefaultEndpointsProtocol=https;AccountName=contosologs;AccountKey=${s};EndpointSuffix=core.windows.net`),
    shape('client_secret form', 'plain', (s) => `grant_type=client_credentials&client_id=00000000-0000-0000-0000-000000000000&client_secret=${s}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`),
    shape('reg export DefaultPassword', 'plain', (s) => `"DefaultPassword"="${s}"`),
    shape('reg export ProxyPassword', 'at', (s) => `"ProxyPassword"="${s}"`),
    shape('reg export hex(2) password', 'plain', (s) => `"ServicePassword"=hex(2):${utf16hex(s).slice(0, 60)},\\\r\n  ${utf16hex(s).slice(61)}`),
    shape('JSON password field', 'plain', (s) => `{"proxy":"http://proxy.contoso.com:8080","password":"${s}","useDefaultCredentials":true}`),
    shape('JSON ProxyPassword field', 'at', (s) => `{"ProxyPassword": "${s}", "ProxyUser": "CONTOSO\\\\${USER}"}`),
    shape('JSON client_secret', 'plain', (s) => `{"client_id":"x","client_secret":"${s}"}`),
    shape('XML Password element', 'plain', (s) => `<Credential><UserName>CONTOSO\\${USER}</UserName><Password>${s}</Password></Credential>`),
    shape('appSettings key/value', 'plain', (s) => `<add key="ProxyPassword" value="${s}" />`),
    shape('PowerShell -DomainAdminPassword', 'plain', (s) => `PS C:\\> .\\Get-MECDiagData.ps1 -DomainAdminUser CONTOSO\\admin -DomainAdminPassword "${s}"`),
    shape('PowerShell ConvertTo-SecureString', 'at', (s) => `$pw = ConvertTo-SecureString '${s}' -AsPlainText -Force`),
    shape('ini proxy_password', 'plain', (s) => `proxy_password = ${s}`),
    shape('yaml password', 'plain', (s) => `  password: ${s}`),
  ];
}

/** Every spelling a secret could leak in: the tests search output bytes for each one. */
export function secretForms(secret: string): { form: string; bytes: Buffer }[] {
  const variants = new Map<string, string>([
    ['raw', secret],
    ['json-escaped', JSON.stringify(secret).slice(1, -1)],
    ['xml-escaped', xmlEscape(secret)],
    ['url-encoded', encodeURIComponent(secret)],
    ['url-encoded-lower', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['base64', Buffer.from(secret).toString('base64').replace(/=+$/, '')],
    ['base64 user:secret', Buffer.from(`${USER}:${secret}`).toString('base64').replace(/=+$/, '')],
    ['base64url', b64url(secret)],
    ['reg hex utf16', utf16hex(secret).slice(0, 40)],
    // A distinctive tail of the secret: a partial redaction leaves one behind.
    ['tail', secret.slice(secret.length - 9)],
  ]);
  const out: { form: string; bytes: Buffer }[] = [];
  for (const [form, text] of variants) {
    out.push({ form: `${form} (utf8)`, bytes: Buffer.from(text, 'utf8') });
    out.push({ form: `${form} (utf16le)`, bytes: Buffer.from(text, 'utf16le') });
  }
  return out;
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** PowerShell 5.1 ConvertTo-Json escapes & < > ' as \u0026 \u003c \u003e \u0027. */
export function ps51JsonString(s: string): string {
  return JSON.stringify(s).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/'/g, '\\u0027');
}
