// What web proxies say themselves: their block, error and authentication pages and headers, lines of
// their access logs, and the CAs they re-sign intercepted TLS with. Any of these means "the proxy was
// reached and answered". Shapes from the products' own documentation and from pages people posted
// (corpus/tuning/proxies.jsonl names each source): Squid error pages (ERR_*; https://wiki.squid-cache.org/SquidFaq/SquidLogs
// for TCP_DENIED/407 and TCP_TUNNEL/200), Blue Coat/Symantec ProxySG exception ids (policy_denied,
// dns_unresolved_hostname, authentication_failed, tcp_error), Forefront TMG error codes (12209 = 407,
// 12202 = 502), Zscaler, Forcepoint/Websense, Palo Alto, Fortinet, Cisco Umbrella/WSA, McAfee/Skyhigh,
// Netskope, Sophos, Check Point. Microsoft's own edge (Azure Front Door, x-azure-ref) and Entra pages
// are Microsoft answering, never the customer's proxy.
import type { Signature } from '../signature.js';

const PRODUCTS: [RegExp, string][] = [
  [/\bsquid\b|X-Squid-Error|ERR_(?:ACCESS_DENIED|CACHE_ACCESS_DENIED|DNS_FAIL|CONNECT_FAIL|READ_TIMEOUT)\b/i, 'Squid'],
  [/Zscaler/i, 'Zscaler'],
  // BCSI-CS-<hex> is the cookie ProxySG sets on its own answers.
  [/Blue\s?Coat|ProxySG|X-BlueCoat-Via|policy_denied|dns_unresolved_hostname|Symantec Web Security|\bBCSI-CS-/i, 'Blue Coat / Symantec'],
  [/Websense|Forcepoint/i, 'Forcepoint (Websense)'],
  [/Palo Alto Networks|PAN-OS/i, 'Palo Alto Networks'],
  [/Forti(?:Gate|Guard|net|Web|Proxy)/i, 'Fortinet'],
  [/Cisco Umbrella|IronPort|Cisco Web Security|\bCisco WSA\b/i, 'Cisco'],
  [/McAfee Web Gateway|Skyhigh|\bMWG\b/i, 'McAfee / Skyhigh Web Gateway'],
  [/Netskope/i, 'Netskope'],
  [/Sophos/i, 'Sophos'],
  [/Check Point/i, 'Check Point'],
  [/Forefront TMG|ISA Server|Microsoft Forefront Threat Management Gateway/i, 'Forefront TMG / ISA'],
  [/e2guardian|DansGuardian/i, 'e2guardian'],
  [/Barracuda/i, 'Barracuda'],
  [/3proxy/i, '3proxy'],
  [/Privoxy/i, 'Privoxy'],
];

/** The proxy product whose words appear in the text, if any. */
export function proxyProduct(text: string): string | undefined {
  return PRODUCTS.find(([re]) => re.test(text))?.[1];
}

const productOf = (m: RegExpExecArray) => proxyProduct(m.input);
const CA_VENDOR = String.raw`(?:Zscaler|Forti(?:Gate|net)|Blue ?Coat|Symantec SSL Visibility|Palo Alto(?: Networks)?|Cisco Umbrella|McAfee(?: Web Gateway)?|Skyhigh|Netskope|Sophos|Forcepoint|Websense|Check Point|Barracuda)`;
// The vendor named as an issuer ("issuer=", "i:", "CN=", "issued by") or as a CA's name ("Zscaler Root CA").
const INSPECTING_CA = new RegExp(String.raw`(?:issuer\s*[:=]|issued by|\bi:\s*|CN\s*=)[^\n]{0,60}?(${CA_VENDOR}[\w .-]{0,30}?)(?=[,/\n"']|$)|(${CA_VENDOR}(?: [\w-]+){0,3} (?:Root|Intermediate|Issuing|SSL|Secondary)?\s?CA\b)`, 'i');

export const PROXY_SIGNATURES: Signature[] = [
  // ---- authentication pages and log lines (the proxy wants credentials: a 407 with or without the number)
  { id: 'squid-auth', re: /ERR_CACHE_ACCESS_DENIED|TCP_DENIED\/407|\b407 TCP_DENIED\b|TCP_DENIED:HIER_\w+(?=[^\n]*\b407\b)|(?<=\b407\b[^\n]*)TCP_DENIED:HIER_|Cache Access Denied|until you have authenticated yourself/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: 'Squid' },
  { id: 'tmg-auth', re: /\(12209\)|Forefront TMG requires authorization|ISA Server requires authorization/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: 'Forefront TMG / ISA' },
  { id: 'bluecoat-auth', re: /authentication_failed|authentication_redirect/, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: 'Blue Coat / Symantec' },
  { id: 'header-proxy-authenticate', re: /Proxy-Authenticate\s*:|This proxy requires authentication|proxy requires you to log ?in|You must be authenticated to access this URL/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'header', sure: 'high', status: () => 407, code: 'http:407', product: productOf },
  { id: 'product-auth-page', re: /(?:Zscaler|McAfee Web Gateway|Skyhigh|Netskope|Sophos|Forcepoint|Websense|Cisco|Fortinet|FortiGate)[^\n]{0,160}Authentication Required|Authentication Required[^\n]{0,160}(?:Zscaler|McAfee|Skyhigh|Netskope|Sophos|Forcepoint|Websense|Cisco|Fortinet)/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 407, code: 'http:407', product: productOf },
  // ---- block / deny pages and log lines
  // TCP_DENIED with any status (ssl_bump logs a denied CONNECT as TCP_DENIED/200) and NONE(_NONE)/403
  // (Squid's access.log result codes, https://wiki.squid-cache.org/SquidFaq/SquidLogs), also in a custom
  // logformat that prints the result and hierarchy codes as "%Ss:%Sh" (TCP_DENIED:HIER_NONE) and the
  // status apart (https://www.squid-cache.org/Doc/config/logformat/); a 407 on the line is squid-auth's.
  { id: 'squid-denied', re: /ERR_ACCESS_DENIED|TCP_DENIED\/(?!407)\d{3}|(?<!\b407\b[^\n]*)TCP_DENIED:HIER_\w+(?![^\n]*\b407\b)|\bNONE(?:_NONE)?\/403\b|X-Squid-Error:\s*ERR_ACCESS_DENIED/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 403, code: 'http:403', product: 'Squid' },
  { id: 'bluecoat-denied', re: /policy_denied|Access Denied \(policy_denied\)|content_filter_denied/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', status: () => 403, product: 'Blue Coat / Symantec' },
  { id: 'vendor-block-page', re: /Internet Security by Zscaler|Not allowed to browse [^\n]{1,60}? category|Sorry, you don.t have permission to visit this site|Website blocked|Content blocked by your organization|This Websense category is filtered|Web Page Blocked|has been blocked in accordance with company policy|FortiGuard (?:Web Filtering|Intrusion Prevention)|This page is blocked by Cisco Umbrella|blocked by (?:your )?(?:organization|administrator).{0,40}(?:proxy|policy)|Notification: Policy:|Access to the Web Proxy filter is denied|Access to this site is blocked|in violation of your internet usage policy|This site is blocked due to a security threat|Internet usage is monitored and logged|not using an approved web browser|The URL you requested has been blocked|Check Point Web Filter|Sophos Web Appliance|McAfee Web Gateway[^\n]{0,60}(?:blocked|denied)|Netskope[^\n]{0,60}(?:blocked|denied)|e2guardian[^\n]{0,80}(?:denied|blocked)|Access has been Denied/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  // Blue Coat ProxySG's category page ("The Bluecoat category is: Proxy Avoidance … blocked by your organization").
  // Diladele Web Safety's block report names the product and its "Detection Results | Blocked" row.
  { id: 'websafety-blocked', re: /Web Safety for Squid Proxy[\s\S]{0,2000}?\bBlocked\b/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Web Safety for Squid Proxy' },
  { id: 'bluecoat-category', re: /Blue ?Coat category is\s*:|category[^\n]{0,80}\b(?:is|are) blocked by your organi[sz]ation/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  { id: 'zscaler-block-details', re: /ZScaler block|Action:\s*deny\b[^\n]{0,80}Reason|Blocked Category:/i, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Zscaler' },
  { id: 'e2guardian-log', re: /\*(?:DENIED|VERWEIGERT|REFUS[EÉ]|BLOCKED)\*/, op: 'http', kind: 'blocked', answeredBy: 'proxy', via: 'log', sure: 'high', product: 'e2guardian' },
  // ---- the proxy could not reach the destination itself and said so (its DNS, its upstream)
  { id: 'proxy-upstream', re: /ERR_DNS_FAIL|ERR_CONNECT_FAIL|ERR_READ_TIMEOUT|Unable to determine IP address from host name|the cache was not able to resolve the hostname|dns_unresolved_hostname|dns_server_failure|\btcp_error\b|\(12202\)|\b502 Proxy Error\b|Proxy Error[^\n]{0,80}(?:502|upstream)|TCP_MISS\/50[234]|NONE\/503|TAG_NONE\/503/i, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  // Privoxy's own pages (its templates: "This is Privoxy <version> on <host>", "Internal Privoxy Error",
  // "Forwarding failure"; https://www.privoxy.org/user-manual/templates.html).
  { id: 'privoxy-page', re: /This is Privoxy [\d.]+ on|Internal Privoxy Error|\(Privoxy@[\w.-]+\)|Privoxy (?:was unable to|encountered an error)/, op: 'http', kind: 'upstream', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Privoxy' },
  // Squid's error template header in the translations it ships (errors/<lang>/ERR_*): en, zh-cn, zh-tw.
  { id: 'squid-template', re: /The following error was encountered while trying to retrieve the URL|当尝试取回该 URL 时遇到下面的错误|Запрошенный URL не может быть (?:получен|доставлен)|當嘗試取回該 URL 時遇到下面的錯誤|缓存服务器的管理员|快取伺服器的管理員/, op: 'http', kind: 'page', answeredBy: 'proxy', via: 'page', sure: 'medium', product: 'Squid' },
  { id: 'proxy-tls-page', re: /\bssl_failed\b|ERR_SECURE_CONNECT_FAIL/, op: 'tls', kind: 'failed', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  // ---- a proxy's generated page or headers with a failure status
  // Squid's page footer ends "(squid/<version>)" in every language it ships ("Generated … by", "Создано …
  // на"); its X-Squid-Error header is there however a client prints headers ('x-squid-error': '…').
  { id: 'squid-generated', re: /\(squid\/[\d.]+[\w.-]*\)|X-Squid-Error['"]?\s*[:=]/i, op: 'http', kind: 'page', answeredBy: 'proxy', via: 'page', sure: 'high', product: 'Squid' },
  // ---- success through the proxy (evidence the path works)
  { id: 'proxy-tunnel-ok', re: /TCP_TUNNEL\/200|TAG_NONE\/200[^\n]{0,40}CONNECT|TCP_(?:MISS|HIT|REFRESH_\w+)\/200|HTTP\/1\.[01] 200 Connection established/i, op: 'tunnel', kind: 'success', answeredBy: 'proxy', via: 'log', sure: 'high', status: () => 200, product: productOf },
  { id: 'proxy-via-ok', re: /HTTP\/1\.[01] 200 OK[\s\S]{0,3000}?(?:X-BlueCoat-Via|\bVia:\s*1\.[01] )|(?:X-BlueCoat-Via|\bVia:\s*1\.[01] )[\s\S]{0,3000}?HTTP\/1\.[01] 200 OK/i, op: 'tunnel', kind: 'success', answeredBy: 'proxy', via: 'header', sure: 'medium', status: () => 200, product: productOf },
  // ---- a certificate chain issued by an inspecting proxy's CA
  // A certificate for a web-security vendor's own domain presented for another host (Go "x509: certificate
  // is valid for *.safezone.mcafee.com, not api.example.com"; .NET/OpenSSL name mismatches quoting the
  // names): the vendor's gateway answered the TLS handshake, not the destination.
  { id: 'vendor-cert-name', re: /certificate is (?:only )?valid for [^\n]{0,200}?\b(zscaler|mcafee|skyhigh|fortinet|fortiguard|bluecoat|paloaltonetworks|netskope|sophos|checkpoint|websense|forcepoint|umbrella|opendns|menlosecurity|iboss)\.(?:com|net|org)\b[^\n]{0,200}?,? not /i, op: 'tls', kind: 'untrusted', answeredBy: 'proxy', via: 'page', sure: 'high', product: productOf },
  { id: 'inspecting-ca', re: INSPECTING_CA, op: 'tls', kind: 'untrusted', answeredBy: 'proxy', via: 'page', sure: 'high', issuer: (m) => (m[1] ?? m[2])!.trim(), product: productOf },

  // ---- a web server's own error pages: IIS's detailed errors carry a sub-status ("HTTP Error 502.3 -
  // Bad Gateway", https://learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code),
  // Azure Application Gateway names itself: the destination's side answered, not a forward proxy.
  { id: 'iis-error-page', re: /HTTP Error (\d{3})\.\d{1,2} - /, op: 'http', kind: 'status', answeredBy: 'server', via: 'page', sure: 'high', status: (m) => Number(m[1]) },
  // Cloudflare's own pages in front of a site (its WAF block page "Attention Required! | Cloudflare",
  // its 52x errors, the "Cloudflare Ray ID" footer and cf-ray header): the destination's CDN answered.
  // Cloudflare Gateway, its forward proxy for companies, names itself and is not this.
  { id: 'cloudflare-edge', re: /(?:Attention Required! \| Cloudflare|Cloudflare Ray ID|cloudflare\.com\/5xx-error-landing|cf-cloudflare-status|\bcf-ray\s*[:=]|cf-error-details|Performance (?:&amp;|&) security by Cloudflare)(?<!Cloudflare Gateway[\s\S]*)(?![\s\S]*Cloudflare Gateway)/i, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', product: 'Cloudflare (the destination\'s CDN)' },
  { id: 'app-gateway', re: /Microsoft-Azure-Application-Gateway/i, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'header', sure: 'high', product: 'Azure Application Gateway' },
  // ---- Microsoft's own edge and sign-in pages: Microsoft answered, not the customer's proxy
  { id: 'ms-front-door', re: /x-azure-ref|X-Azure-Ref|Azure Front Door|Our services aren.t available right now/i, op: 'http', kind: 'edge', answeredBy: 'entra', via: 'page', sure: 'high', product: 'Azure Front Door' },
  { id: 'ms-signin-page', re: /Sorry, but we.re having trouble signing you in/i, op: 'auth', kind: 'page', answeredBy: 'entra', via: 'page', sure: 'high', product: 'Entra ID sign-in page' },
];
