// Issue 12 item 3: the proxies' own words, from their own templates, exception lists and log formats
// (src/facts/signatures/proxies.ts names each source). A text a user would paste -> the fact -> the
// finding they would see; and the edges of other companies and of Microsoft, which are never the proxy.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';
import { diagnoseText } from '../rules/helpers.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const byProxy = (t: string) => facts(t).filter((f) => f.answeredBy === 'proxy' && f.kind !== 'success');
const diagnosis = diagnoseText;

describe('Squid: its error templates and access.log', () => {
  it('ERR_CANNOT_FORWARD (no route to the origin or a parent) is the proxy\'s own upstream error', () => {
    const t = 'HTTP/1.1 503 Service Unavailable\nServer: squid/5.7\nX-Squid-Error: ERR_CANNOT_FORWARD 0\n\nERROR: The requested URL could not be retrieved\nThe following error was encountered while trying to retrieve the URL: https://login.microsoftonline.com/*\nUnable to forward this request at this time.';
    expect(byProxy(t).some((f) => f.kind === 'upstream' && f.product === 'Squid')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('ERR_ZERO_SIZE_OBJECT ("Squid did not receive any data for this request")', () => {
    const t = 'The remote server returned an error: (502) Bad Gateway.\n<title>ERROR: The requested URL could not be retrieved</title> ... Zero Sized Reply\nSquid did not receive any data for this request.';
    expect(byProxy(t).some((f) => f.kind === 'upstream')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('ERR_FORWARDING_DENIED and ERR_ACL_TIME_QUOTA_EXCEEDED are Squid refusing by its own rules', () => {
    for (const name of ['ERR_FORWARDING_DENIED', 'ERR_ACL_TIME_QUOTA_EXCEEDED']) {
      const t = `X-Squid-Error: ${name} 0`;
      expect(byProxy(t).some((f) => f.kind === 'blocked' && f.product === 'Squid')).toBe(true);
      expect(diagnosis(t).codes).toContain('proxy-denied');
    }
  });

  it('TCP_DENIED_REPLY (http_reply_access denied the answer) in a native access.log line', () => {
    const t = '1733390000.123    210 10.1.2.3 TCP_DENIED_REPLY/403 4120 GET http://login.microsoftonline.com/common/oauth2/token - HIER_DIRECT/20.190.159.2 text/html';
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('a CONNECT Squid could not complete (TCP_TUNNEL/503) is its own answer', () => {
    const t = '1733390001.456  60012 10.1.2.3 TCP_TUNNEL/503 0 CONNECT login.microsoftonline.com:443 - HIER_NONE/- -';
    const f = byProxy(t).find((x) => x.kind === 'upstream');
    expect(f?.status).toBe(503);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('ERR_SECURE_CONNECT_FAIL\'s "(TLS code: …)" is the proxy\'s own TLS to the origin failing', () => {
    const t = 'Failed to establish a secure connection to 20.190.151.7\nThe system returned:\n(71) Protocol error (TLS code: SQUID_X509_V_ERR_DOMAIN_MISMATCH)';
    expect(byProxy(t).some((f) => f.op === 'tls' && f.product === 'Squid')).toBe(true);
  });
});

describe('Blue Coat / Symantec ProxySG: exception ids and its access log', () => {
  it('a CONNECT refused by policy (connect_method_denied ... 403 TCP_DENIED CONNECT) is a refused tunnel', () => {
    const t = '2026-11-25 09:58:12 3 10.20.30.40 - - connect_method_denied DENIED "Technology/Internet" - 403 TCP_DENIED CONNECT - tcp login.microsoftonline.com 443 / - - "-" 10.20.1.1 312 180 -';
    expect(byProxy(t).some((f) => f.op === 'tunnel' && f.kind === 'blocked')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('gateway_timeout with 503 TCP_ERR_MISS: the proxy could not reach Microsoft itself', () => {
    const t = '2026-11-25 09:58:40 30012 10.20.30.40 svc_adsync CONTOSO gateway_timeout PROXIED "Technology/Internet" - 504 TCP_ERR_MISS POST text/html https adminwebservice.microsoftonline.com 443 /provisioningservice.svc - svc "-" 10.20.1.1 1030 2200 -';
    expect(byProxy(t).every((f) => f.kind === 'upstream')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('"Network Error (ssl_server_cert_untrusted_issuer)" is the proxy failing its own TLS to the origin', () => {
    const t = 'The remote server returned an error: (503) Server Unavailable.\nNetwork Error (ssl_server_cert_untrusted_issuer)';
    expect(byProxy(t).some((f) => f.op === 'tls' && f.product === 'Blue Coat / Symantec')).toBe(true);
  });
});

describe('Cisco WSA, Forefront TMG, Zscaler and the block pages of other gateways', () => {
  it('a WSA access-log line with an ACL decision tag BLOCK_WEBCAT_<n>-… names Cisco', () => {
    const t = '1732529892.348 2 10.1.1.10 TCP_DENIED/403 0 TCP_CONNECT 20.190.151.68:443 "CONTOSO\\svc_adsync@NTLMRealm" NONE/- - BLOCK_WEBCAT_12-DefaultGroup-AuthUsers-NONE-NONE-NONE-DefaultGroup-NONE <IW_infr,7.2,0,"-",0,0,0,-,"-",-,-,-,"-",-,-,"-","-",-,-,IW_infr,-,"-","-","Unknown","Unknown","-","-",0.00,0,-,"-","-",-,"-",-,-,"-","-",-,-,"-"> - -';
    expect(facts(t).some((f) => f.kind === 'blocked' && f.product === 'Cisco')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('TMG 12202 is a denied URL (a block), not a gateway error', () => {
    const t = 'Error Code: 403 Forbidden. The Forefront TMG denied the specified Uniform Resource Locator (URL). (12202)';
    expect(byProxy(t).some((f) => f.kind === 'blocked' && f.product === 'Forefront TMG / ISA')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('TMG 12201: a chained proxy wants proxy-to-proxy authentication (the proxy\'s upstream)', () => {
    const t = 'Error Code: 502 Proxy Error. A chained proxy server or array member requires proxy-to-proxy authentication. Please contact your server administrator. (12201)';
    expect(byProxy(t).some((f) => f.kind === 'upstream')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('Zscaler\'s block redirect (reasoncode=…_DENIED)', () => {
    const t = 'Redirect to https://block.contoso.com/?url=https://login.microsoftonline.com/&reason=Not+allowed&reasoncode=CATEGORY_DENIED&action=deny';
    expect(byProxy(t).some((f) => f.product === 'Zscaler')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  const pages: [string, string][] = [
    ['Palo Alto Networks', '<h1>Application Blocked</h1><p>Access to the application you were trying to use has been blocked in accordance with company policy.</p>'],
    ['Fortinet', '<h1>Web Page Blocked!</h1>The page you have requested has been blocked, because the URL is banned.'],
    ['WatchGuard', '<title>Request denied by WatchGuard HTTP Proxy</title> Reason: category denied'],
    ['SonicWall', '<title>SonicWALL - Web Site Blocked</title>'],
    ['Cisco', 'Location: https://block.opendns.com/?url=login.microsoftonline.com'],
    ['McAfee / Skyhigh Web Gateway', '<title>McAfee Web Gateway - Notification - Blocked by URL filtering</title>'],
  ];
  for (const [product, page] of pages) {
    it(`${product}'s block page is the proxy answering`, () => {
      const t = `The remote server returned an error: (403) Forbidden.\n${page}`;
      expect(byProxy(t).some((f) => f.kind === 'blocked')).toBe(true);
      expect(diagnosis(t).codes).toContain('proxy-denied');
    });
  }

  it('a chain issued by Cloudflare Gateway\'s inspecting CA is interception', () => {
    const t = 'The remote certificate is invalid according to the validation procedure.\nissuer=CN=Cloudflare for Teams ECC Certificate Authority, O=Cloudflare, Inc';
    expect(facts(t).find((f) => f.op === 'tls' && f.kind === 'untrusted')?.issuer).toMatch(/Cloudflare for Teams/);
    expect(diagnosis(t).codes).toContain('proxy-tls-interception');
  });
});

describe('edges that are not the proxy', () => {
  it('Akamai\'s "Access Denied ... Reference #" page is the destination\'s CDN', () => {
    const t = 'The remote server returned an error: (403) Forbidden.\n<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>You don\'t have permission to access "http://www.contoso.com/" on this server.<P>Reference #18.4f6c1002.1732529892.1a2b3c4d</P><P>https://errors.edgesuite.net/18.4f6c1002.1732529892.1a2b3c4d</P></BODY></HTML>';
    expect(byProxy(t)).toEqual([]);
    expect(diagnosis(t).codes).not.toContain('proxy-denied');
  });

  it('Amazon CloudFront\'s "Generated by cloudfront (CloudFront)" page is the destination\'s CDN', () => {
    const t = '<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2>Request blocked.<PRE>Generated by cloudfront (CloudFront)\nRequest ID: q3OA_ysVzjypuMJtFmeIS1exW9==</PRE></BODY></HTML>';
    expect(byProxy(t)).toEqual([]);
    expect(diagnosis(t).codes).not.toContain('proxy-denied');
  });

  it('Microsoft\'s edge (X-MSEdge-Ref "Ref A/B/C") is Microsoft answering', () => {
    const t = 'HTTP/1.1 503 Service Unavailable\nX-MSEdge-Ref: Ref A: 1034B681181A4EDCBA08F39347CBBEF4 Ref B: BL2AA2030110019 Ref C: 2025-02-11T15:48:03Z';
    expect(facts(t).some((f) => f.answeredBy === 'entra' && f.kind === 'edge')).toBe(true);
    expect(diagnosis(t).codes).not.toContain('proxy-denied');
  });

  it('Azure Front Door\'s outage page is Microsoft answering', () => {
    const t = 'Our services aren\'t available right now. We\'re working to restore all services as soon as possible. Please check back soon.\nx-azure-ref: 0abCDEfghIJK';
    expect(diagnosis(t).codes).not.toContain('proxy-denied');
  });

  it('Chrome\'s net::ERR_ACCESS_DENIED and Node\'s ERR_INVALID_URL are not Squid', () => {
    expect(byProxy('Failed to load resource: net::ERR_ACCESS_DENIED')).toEqual([]);
    expect(byProxy("TypeError [ERR_INVALID_URL]: Invalid URL\n    at new NodeError (node:internal/errors:405:5) {\n  input: 'proxy:8080',\n  code: 'ERR_INVALID_URL'\n}")).toEqual([]);
  });

  it('"Access Denied" alone names nobody', () => {
    expect(byProxy('Access Denied')).toEqual([]);
    expect(diagnosis('Access Denied').codes).not.toContain('proxy-denied');
  });

  it('a WSA log line that let the CONNECT through (DEFAULT_CASE) is not a block', () => {
    const t = '1732529892.348 68855 10.1.1.10 TCP_MISS/200 97645 TCP_CONNECT 20.190.151.68:443 "CONTOSO\\svc_adsync@NTLMRealm" DIRECT/login.microsoftonline.com - DEFAULT_CASE_12-DefaultGroup-NONE <-> - -';
    expect(byProxy(t).filter((f) => f.kind === 'blocked')).toEqual([]);
  });
});

describe('forwards and interstitials of filtering gateways (OONI blockpage patterns)', () => {
  const forwards: [string, string][] = [
    ['Palo Alto Networks', 'HTTP/1.1 302 Found\nLocation: https://10.0.0.1:6082/php/urlblock.php?args=AAAAfQAAABAAAA&url=https://login.microsoftonline.com/'],
    ['Forcepoint (Websense)', 'HTTP request sent, awaiting response... 302 Moved\nLocation: http://10.0.16.15:15871/cgi-bin/blockpage.cgi?ws-session=1998876452 [following]'],
    ['Cisco Meraki', 'Location: http://wired.meraki.com:8090/blocked.cgi?blocked_server=login.microsoftonline.com'],
    ['Cisco', '<p>This domain is blocked due to content filtering.</p>'],
  ];
  for (const [product, t] of forwards) {
    it(`${product}: the redirect to its block page is the proxy refusing`, () => {
      expect(byProxy(t).some((f) => f.kind === 'blocked' && f.product === product)).toBe(true);
      expect(diagnosis(t).codes).toContain('proxy-denied');
    });
  }

  it('Check Point\'s UserCheck portal redirect is the gateway answering instead of Microsoft', () => {
    const t = 'The remote server returned an error: (302) Found.\nLocation: https://10.1.1.1/UserCheck/PortalMain?IID={6B2C}&origUrl=aHR0cHM6Ly9sb2dpbi5taWNyb3NvZnRvbmxpbmUuY29t';
    expect(byProxy(t).some((f) => f.product === 'Check Point')).toBe(true);
    expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('a chain re-signed by mitmproxy\'s CA is interception', () => {
    const t = "requests.exceptions.SSLError: HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain (_ssl.c:1006)')))\nissuer: CN=mitmproxy, O=mitmproxy";
    expect(facts(t).find((f) => f.op === 'tls' && f.kind === 'untrusted' && f.issuer)?.issuer).toMatch(/mitmproxy/);
    expect(diagnosis(t).codes).toContain('proxy-tls-interception');
  });

  it('Squid\'s error header in German and its footer in French are Squid\'s page', () => {
    expect(byProxy('Der folgende Fehler wurde beim Versuch die URL https://login.microsoftonline.com/ zu holen festgestellt:').some((f) => f.product === 'Squid')).toBe(true);
    expect(byProxy('Votre administrateur proxy est webmaster.').some((f) => f.product === 'Squid')).toBe(true);
  });
});

describe('Squid\'s pages in the languages it ships', () => {
  it('ERR_CACHE_ACCESS_DENIED in German, Russian and Chinese is a 407', () => {
    for (const t of [
      'Sie sind momentan nicht berechtigt https://login.microsoftonline.com/ von diesem Cache abzurufen, bis sie sich authentifiziert haben.',
      'Извините, Вы не можете запросить https://login.microsoftonline.com/ из этого кэша до тех пор, пока не пройдёте аутентификацию.',
      '抱歉，您不被允许通过本网络缓存服务器访问下列位置 https://login.microsoftonline.com/ 除非您通过了我们的身份验证。',
    ]) {
      expect(byProxy(t).find((f) => f.status === 407)?.product).toBe('Squid');
      expect(diagnosis(t).codes).toContain('proxy-auth-required');
    }
  });

  it('ERR_ACCESS_DENIED in Spanish and Japanese is the proxy refusing', () => {
    for (const t of [
      'La configuración de control de acceso evita que su solicitud sea permitida en este momento.',
      '設定されたアクセス制御によって、現時点ではあなたによる要求は許可できません。',
    ]) expect(diagnosis(t).codes).toContain('proxy-denied');
  });

  it('ERR_DNS_FAIL in French and Polish is the proxy\'s own lookup failing', () => {
    for (const t of [
      'Impossible de déterminer l\'adresse IP du nom d\'hôte « login.microsoftonline.com »',
      'Nie można ustalić adresu IP hosta o nazwie login.microsoftonline.com',
    ]) {
      expect(byProxy(t).some((f) => f.kind === 'upstream' && f.product === 'Squid')).toBe(true);
      expect(diagnosis(t).codes).toContain('proxy-denied');
    }
  });
});

describe('Apache Traffic Server as the forward proxy', () => {
  it('its connect#failed_connect page is the proxy\'s upstream error; its proxy_auth_required page is a 407', () => {
    const up = '<HTML><HEAD><TITLE>Could Not Connect</TITLE></HEAD><BODY><H1>Could Not Connect</H1><HR><FONT FACE="Helvetica,Arial"><B>Description: Could not connect to the requested server host.</B></FONT><HR></BODY>';
    expect(byProxy(up).some((f) => f.kind === 'upstream' && f.product === 'Apache Traffic Server')).toBe(true);
    expect(diagnosis(up).codes).toContain('proxy-denied');
    const auth = '<TITLE>Proxy Authentication Required</TITLE> <B>Description: Please login with username and password.</B>';
    expect(diagnosis(auth).codes).toContain('proxy-auth-required');
  });
});
