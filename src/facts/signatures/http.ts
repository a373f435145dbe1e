// HTTP statuses in the forms clients print them (.NET "(407) Proxy Authentication Required",
// "Response status code does not indicate success: 407", "StatusCode: 403", Node "statusCode=407",
// curl "Received HTTP code 407 from proxy after CONNECT", Java "HTTP/1.1 407", Go "407 Proxy
// Authentication Required"). Who answered follows RFC 9110: 407 is always the proxy's; a CONNECT that
// failed with any status is the proxy's answer (RFC 9110 §9.3.6); 502/504 are a gateway's own errors.
import type { Signature } from '../signature.js';

const status = (m: RegExpExecArray) => Number(m[1]);

export const HTTP_SIGNATURES: Signature[] = [
  // Any status on a CONNECT: the proxy answered the tunnel request.
  { id: 'connect-status-curl', re: /Received HTTP code (\d{3}) from proxy after CONNECT/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-curl-response', re: /CONNECT tunnel failed, response (\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-node', re: /tunneling socket could not be established,\s*statusCode=(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-python', re: /Tunnel connection failed:\s*(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-java', re: /Unable to tunnel through proxy\.\s*Proxy returns\s*"?HTTP\/1\.[01]\s+(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-dotnet', re: /proxy tunnel request to proxy[^\n]{0,120}?failed with status code\s*['"]?(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  // A browser's console: "Failed to load resource: the server responded with a status of 500 ()".
  { id: 'browser-console-status', re: /the server responded with a status of (\d{3})\b/i, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status: (m) => Number(m[1]), code: (m) => `http:${m[1]}` },
  // A CONNECT a library reports with the proxy's status ("Could not open CONNECT tunnel with proxy h:p [{'status': 403, …}]").
  { id: 'connect-tunnel-status-dict', re: /CONNECT tunnel with proxy [^\n]{0,120}?['"]status['"]:\s*(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: (m) => Number(m[1]), code: (m) => `http:${m[1]}`, role: 'proxy' },
  // Any client's words for the status of its CONNECT ("Bad status code on CONNECT response: 502").
  { id: 'connect-status-words', re: /\bstatus(?: code)? (?:on|of|in|from) (?:the )?CONNECT (?:response|request|reply)\s*[:=]?\s*(\d{3})\b|\bCONNECT (?:response|request|reply) (?:status|code|returned|failed with)[^\n\d]{0,20}(\d{3})\b/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: (m) => Number(m[1] ?? m[2]), code: (m) => `http:${m[1] ?? m[2]}`, role: 'proxy' },
  // 407 wherever it appears as a status.
  { id: 'status-407', re: /[(（]407[)）]|\bauthenticationrequired\b|You must be authenticated by a proxy before|\b407\b[^\n]{0,40}Proxy[\s-]?Auth|Proxy Authentication Required|Proxy Authori[sz]ation Required|Not authorized by proxy|ProxyAuthenticationRequired|\bstatus(?:\s*code)?\s*[:=]?\s*['"]?407\b|HTTP\/1\.[01]\s+407\b|TCP_DENIED\/407/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: () => 407, code: 'http:407' },
  // Other statuses: who answered is read later (a proxy's page, an Entra page, a CONNECT).
  { id: 'status-paren', re: /[(（](4\d\d|5\d\d)[)）](?=\s*[A-Za-zÀ-ÿ\u0400-\u04ff\u3000-\u9fff])/g, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status, code: (m) => `http:${m[1]}` },
  { id: 'status-netcore', re: /(?:does not indicate success:|StatusCode\s*[:=]|[Ss]tatus [Cc]ode\s*[:=]?\s*['"]?|HTTP\/1\.[01]|HTTP Error)\s*['"]?(4\d\d|5\d\d)\b/g, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status, code: (m) => `http:${m[1]}` },
  { id: 'status-named', re: /\b(?:403 Forbidden|502 Bad Gateway|504 Gateway Time-?out|503 Service Unavailable)\b/gi, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status: (m) => Number(m[0].slice(0, 3)), code: (m) => `http:${m[0].slice(0, 3)}` },
  // A service's own JSON error body ({"error":{"code":"…"}}, Microsoft Graph and ARM): the service answered, whatever it says inside.
  { id: 'service-json-error', re: /\{\s*"error"\s*:\s*\{\s*"code"\s*:\s*"[^"]+"/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high' },
  // A web server's own error page quoted in a client error ("Error 404: SRVE0190E", IIS "HTTP Error 404").
  { id: 'server-error-page', re: /\bError (40[0-9]|50[01]):\s*[A-Z]{3,}\d{3,}|HTTP Error (40[0-9]|50[01])\.\d+/, op: 'http', kind: 'status', answeredBy: 'server', via: 'page', sure: 'medium', status: (m) => Number(m[1] ?? m[2]), code: (m) => `http:${m[1] ?? m[2]}` },
  // An HTML page where SOAP/JSON was expected: somebody's page answered instead of the service.
  { id: 'html-instead', re: /unexpected character encountered while parsing value: <|unexpected character '(?:<|&lt;)'|Unexpected token < in JSON|content type text\/html[^\n]{0,80}does not match the content type of the binding|Unexpected character '<'|'<' is an invalid start of a value|Expecting value: line 1 column 1|<html|<!DOCTYPE html|<h1[\s>]|<title>|<body[\s>]/i, op: 'http', kind: 'html', answeredBy: 'unknown', via: 'page', sure: 'medium' },
];
