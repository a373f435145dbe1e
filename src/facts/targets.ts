// Where a failing request was going: the hosts, IP addresses and ports an error names, and — when the
// text says so — whether that hop was the proxy or the destination. Each pattern is a shape a runtime
// prints (its source named beside it); the resolver address of a DNS error ("lookup x on 10.0.0.1:53")
// is not a target.
import { gateFor, gateText, mayMatch, type GateText } from './gate.js';
import { HOST } from './signature.js';
import type { FactTarget } from './types.js';

interface TargetPattern {
  id: string;
  re: RegExp;
  /** Which failure the host belongs to. */
  op: 'dns' | 'connect' | 'any';
  role: FactTarget['role'];
  host: (m: RegExpExecArray) => string | undefined;
  port?: (m: RegExpExecArray) => number | undefined;
}

const g1 = (m: RegExpExecArray) => m[1];
const p2 = (m: RegExpExecArray) => (m[2] ? Number(m[2]) : undefined);
/** A captured host, unless it is the word "name" of curl's "Could not resolve proxy name". */
const notTheWordName = (m: RegExpExecArray) => (m[1] && m[1].toLowerCase() !== 'name' ? m[1] : undefined);
const Q = `['"‘’´\`「]`;
const QE = `['"’´\`」]`;

export const TARGET_PATTERNS: TargetPattern[] = [
  // ---- names that did not resolve
  // .NET Framework, any language: "…: 'login.windows.net'" after the localized phrase; WebExceptionStatus decides the role.
  { id: 'dotnet-quoted-name', re: new RegExp(`[:：]\\s*${Q}(${HOST})${QE}\\s*(?:[.。]|$|\\s|${QE})`, 'g'), op: 'dns', role: 'unknown', host: g1 },
  // curl (6)/(5): "Could not resolve host: x", "Could not resolve proxy: x" (https://curl.se/libcurl/c/libcurl-errors.html).
  // Older curl words them "Couldn't resolve host name" / "Couldn't resolve proxy name" with no name after.
  { id: 'curl-resolve-host', re: new RegExp(`Could not resolve host(?: name)?:?[ \\t]*(${HOST})`, 'gi'), op: 'dns', role: 'destination', host: notTheWordName },
  { id: 'curl-resolve-proxy', re: new RegExp(`Could not resolve proxy(?: name)?:?[ \\t]*(${HOST})`, 'gi'), op: 'dns', role: 'proxy', host: notTheWordName },
  // Java: "java.net.UnknownHostException: login.microsoftonline.com", Android "Unable to resolve host "x"".
  { id: 'java-unknownhost', re: new RegExp(`UnknownHostException:\\s*(?:Unable to resolve host\\s*"?)?(${HOST})`, 'g'), op: 'dns', role: 'unknown', host: g1 },
  // Go: "dial tcp: lookup x on 168.63.129.16:53: no such host" — x is the name, the ip:53 is the resolver.
  { id: 'go-lookup', re: new RegExp(`lookup\\s+(${HOST})(?:\\s+on\\s+[\\d.[\\]a-fA-F]+(?::\\d+)?)?\\s*:\\s*(?:no such host|server misbehaving|i/o timeout|Temporary failure)`, 'g'), op: 'dns', role: 'unknown', host: g1 },
  // Node: "getaddrinfo ENOTFOUND x", "getaddrinfo EAI_AGAIN x".
  { id: 'node-getaddrinfo', re: new RegExp(`getaddrinfo\\s+(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)\\s+(${HOST})`, 'g'), op: 'dns', role: 'unknown', host: g1 },
  // Python urllib3 2.x: "Failed to resolve 'x' ([Errno …])".
  { id: 'python-failed-resolve', re: new RegExp(`Failed to resolve ${Q}(${HOST})${QE}`, 'g'), op: 'dns', role: 'unknown', host: g1 },
  // netty / reactor: "hostname: 'x' failed to resolve" / "Original hostname: 'x' failed to resolve".
  { id: 'netty-resolve', re: new RegExp(`hostname:?\\s*${Q}(${HOST})${QE}\\s*failed to resolve`, 'gi'), op: 'dns', role: 'unknown', host: g1 },
  // wget: "Resolving x (x)... failed".
  { id: 'wget-resolving', re: new RegExp(`Resolving\\s+(${HOST})\\s*(?:\\(${HOST}\\))?\\.\\.\\.\\s*failed`, 'g'), op: 'dns', role: 'unknown', host: g1 },

  // ---- connections
  // Python urllib3: "HTTPSConnectionPool(host='x', port=443)": the destination (a ProxyError says the hop was the proxy).
  { id: 'python-pool', re: new RegExp(`HTTPS?ConnectionPool\\(host=${Q}(${HOST})${QE},\\s*port=(\\d{1,5})\\)`, 'g'), op: 'any', role: 'destination', host: g1, port: p2 },
  // Python "Connection to x timed out".
  { id: 'python-connection-to', re: new RegExp(`Connection to (${HOST}) timed out`, 'g'), op: 'connect', role: 'unknown', host: g1 },
  // curl's verbose line: "connect to 20.190.159.138 port 443 failed: Timed out" (lib/cf-socket.c).
  { id: 'curl-connect-to', re: new RegExp(`\\bconnect to (${HOST}) port (\\d{1,5})(?: from \\S+ port \\d+)? failed`, 'g'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // Apache HttpClient 4.x: "Connection to http://10.3.100.207:8080 refused".
  { id: 'httpclient-connection-to', re: new RegExp(`Connection to https?://(${HOST}):(\\d{1,5}) refused`, 'g'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // curl (7)/(28): "Failed to connect to x port 443", "Failed connect to x:443".
  { id: 'curl-failed-connect', re: new RegExp(`Failed(?: to)? connect to (${HOST})(?: port |:)(\\d{1,5})`, 'gi'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // Node: "connect ECONNREFUSED 127.0.0.1:3128", "connect ETIMEDOUT 20.150.122.36:443".
  { id: 'node-connect', re: new RegExp(`connect\\s+E[A-Z]+\\s+(${HOST}):(\\d{1,5})`, 'g'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // Go: "dial tcp 52.183.119.19:443: i/o timeout", "proxyconnect tcp: dial tcp 10.0.0.1:8080: connect: connection refused".
  { id: 'go-proxyconnect', re: new RegExp(`proxyconnect tcp:\\s*dial tcp\\s+(${HOST}):(\\d{1,5})`, 'g'), op: 'connect', role: 'proxy', host: g1, port: p2 },
  { id: 'go-dial', re: new RegExp(`(?<!proxyconnect tcp:\\s{0,3})dial tcp\\s+(${HOST}):(\\d{1,5})`, 'g'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // Java/Apache HttpClient: "Connect to x:443 [x/1.2.3.4] failed", "Connection refused: connect".
  { id: 'java-connect-to', re: new RegExp(`Connect to (${HOST}):(\\d{1,5})`, 'g'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // Java: "login.microsoftonline.com/20.190.155.131:443", Apache HttpClient "[repo.maven.apache.org/199.27.79.215]".
  { id: 'java-host-ip', re: new RegExp(`\\[?(${HOST})/(?:\\d{1,3}(?:\\.\\d{1,3}){3})\\]?(?::(\\d{1,5}))?`, 'g'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // The URL a tool says it was fetching names the host a failed lookup was for; it says nothing about where a
  // TCP connection went (a proxy is connected to instead, and such messages do not say so).
  { id: 'request-url', re: new RegExp(`(?:fetch URL|GET|POST|Get|Post|Downloading|unable to access|Invoke-WebRequest(?:\\s+-Uri)?)\\s+['"]?https?://(${HOST})(?::(\\d{1,5}))?[/'"\\s]`, 'g'), op: 'dns', role: 'unknown', host: g1, port: p2 },
  // A URL in quotes of any language ("…", '…', “…”, «…», 「…」) as WSL, winget and localized .NET print the
  // address they fetch: the host the request was for (dns only, as above: a proxy may be connected to instead).
  { id: 'quoted-url', re: new RegExp(`["'“‘«「]https?://(${HOST})(?::(\\d{1,5}))?[/"'”’»」]`, 'g'), op: 'dns', role: 'unknown', host: g1, port: p2 },
  // A masked IPv4 as admins post it ("40.XX.XX.XX:443", "164.XXX.XXX.XX:443"): the first octet is kept.
  { id: 'masked-ip-port', re: /(?<![\w.])(\d{1,3})(?:\.(?:\d{1,3}|[xX*]{1,3})){3}:(\d{1,5})(?!\d)/g, op: 'connect', role: 'unknown', host: (m) => (/[xX*]/.test(m[0]) ? `${m[1]}.x.x.x` : undefined), port: p2 },
  // wget: "Connecting to aka.ms (aka.ms)|6.6.0.69|:80... failed".
  { id: 'wget-connecting', re: new RegExp(`Connecting to (${HOST})(?:\\s*\\(${HOST}\\))?\\|[\\d.:a-fA-F]+\\|:(\\d{1,5})`, 'g'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // proxychains: "Dynamic chain ... 10.55.230.163:12345 ... x:80 <--socket error": the first hop is the proxy.
  { id: 'proxychains-hop', re: new RegExp(`\\[proxychains\\][^\\n]*?chain\\s*\\.\\.\\.\\s*(${HOST}):(\\d{1,5})`, 'g'), op: 'connect', role: 'proxy', host: g1, port: p2 },
  // A fully masked host as posted ("dial tcp *******:443"): only the port is known.
  { id: 'masked-host-port', re: /(?<![\w.])\*{3,}:(\d{1,5})(?!\d)/g, op: 'connect', role: 'unknown', host: () => 'masked', port: (m) => Number(m[1]) },
  // .NET Core / 5+: "… (login.microsoftonline.com:443)".
  { id: 'netcore-endpoint', re: new RegExp(`\\((${HOST}):(\\d{1,5})\\)`, 'g'), op: 'any', role: 'unknown', host: g1, port: p2 },
  // Winsock messages end with the endpoint: "… failed to respond 40.126.1.1:443", also [::1]:8080.
  { id: 'ip-port', re: new RegExp(`(?<![\\w.:/-])((?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})(?!\\d|\\.\\d)`, 'g'), op: 'connect', role: 'unknown', host: g1, port: p2 },
  // Node "request to https://x/… failed": the destination.
  { id: 'node-request-to', re: new RegExp(`request to https?://(${HOST})(?::(\\d{1,5}))?[/\\s]`, 'g'), op: 'any', role: 'destination', host: g1, port: p2 },
  // Explicit proxy mentions: "--proxy http://x:3128", "Using Proxy: x:3128", "proxy x:8080".
  { id: 'proxy-url', re: new RegExp(`(?:--proxy|-x|proxy(?:\\s*(?:server|address|url))?\\s*[:=]?)\\s+(?:https?://)?(?:[^@\\s]+@)?(${HOST}):(\\d{1,5})`, 'gi'), op: 'any', role: 'proxy', host: g1, port: p2 },
  { id: 'node-tunnel-cause', re: new RegExp(`tunneling socket could not be established,\\s*cause=\\S+\\s+\\S+\\s+(${HOST})`, 'g'), op: 'any', role: 'proxy', host: g1 },
];

/** A stack frame's file ("HttpHelper.java:68") is not a host. */
const SOURCE_FILE = /\.(?:java|kt|scala|groovy|cs|vb|js|mjs|cjs|ts|rb|go|cpp|hpp|php|ps1|psm1|dll|exe)$/i;

/** Every host and port the text names, with its role when the text says it; first mention first. */
export function findTargets(text: string, gt: GateText = gateText(text)): (FactTarget & { op: TargetPattern['op']; at: number; pattern: string })[] {
  const out: (FactTarget & { op: TargetPattern['op']; at: number; pattern: string })[] = [];
  for (const p of TARGET_PATTERNS) {
    if (!mayMatch(gateFor(p.re), gt)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const host = p.host(m)?.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
      const port = p.port?.(m);
      if (!host || SOURCE_FILE.test(host) || (port !== undefined && (port < 1 || port > 65535))) continue;
      const t: FactTarget & { op: TargetPattern['op']; at: number; pattern: string } = { host, role: p.role, op: p.op, at: m.index, pattern: p.id };
      if (port !== undefined) t.port = port;
      out.push(t);
      if (!p.re.global) break;
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
