// Windows numbers that survive translation: Winsock (WSA*), WinHTTP/WinINet 12xxx and their HRESULTs,
// SSPI/certificate HRESULTs, RPC and directory Win32 errors. Sources: the Windows Sockets error codes
// (https://learn.microsoft.com/windows/win32/winsock/windows-sockets-error-codes-2), WinHTTP error
// messages (https://learn.microsoft.com/windows/win32/winhttp/error-messages), COM error codes
// (https://learn.microsoft.com/windows/win32/com/com-error-codes-4), system error codes
// (https://learn.microsoft.com/windows/win32/debug/system-error-codes--1700-3999-).
import type { Fact, Operation } from '../types.js';
import type { Signature } from '../signature.js';

interface Num {
  op: Operation;
  kind: string;
  answeredBy: Fact['answeredBy'];
}

/** Winsock codes (decimal, as SocketException prints them). */
export const WINSOCK: Record<number, Num & { name: string }> = {
  10013: { name: 'WSAEACCES', op: 'connect', kind: 'access-denied', answeredBy: 'local' },
  10050: { name: 'WSAENETDOWN', op: 'connect', kind: 'unreachable', answeredBy: 'local' },
  10051: { name: 'WSAENETUNREACH', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  10053: { name: 'WSAECONNABORTED', op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  10054: { name: 'WSAECONNRESET', op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  10055: { name: 'WSAENOBUFS', op: 'local', kind: 'failed', answeredBy: 'local' },
  10060: { name: 'WSAETIMEDOUT', op: 'connect', kind: 'timed-out', answeredBy: 'nobody' },
  10061: { name: 'WSAECONNREFUSED', op: 'connect', kind: 'refused', answeredBy: 'nobody' },
  10064: { name: 'WSAEHOSTDOWN', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  10065: { name: 'WSAEHOSTUNREACH', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  11001: { name: 'WSAHOST_NOT_FOUND', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  11002: { name: 'WSATRY_AGAIN', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  11004: { name: 'WSANO_DATA', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
};

/** System.Net.Sockets.SocketError enum names, printed untranslated (SocketErrorCode: TimedOut). */
export const SOCKET_ERROR_NAMES: Record<string, number> = {
  AccessDenied: 10013,
  NetworkDown: 10050,
  NetworkUnreachable: 10051,
  ConnectionAborted: 10053,
  ConnectionReset: 10054,
  TimedOut: 10060,
  ConnectionRefused: 10061,
  HostDown: 10064,
  HostUnreachable: 10065,
  HostNotFound: 11001,
  TryAgain: 11002,
  NoData: 11004,
};

/** WinHTTP / WinINet codes; HRESULT = 0x80070000 | code. */
export const WINHTTP: Record<number, Num & { name: string }> = {
  12002: { name: 'TIMEOUT', op: 'transfer', kind: 'timed-out', answeredBy: 'nobody' },
  12007: { name: 'NAME_NOT_RESOLVED', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  12029: { name: 'CANNOT_CONNECT', op: 'connect', kind: 'failed', answeredBy: 'nobody' },
  12030: { name: 'CONNECTION_ERROR', op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  12031: { name: 'CONNECTION_RESET', op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  12037: { name: 'SECURE_CERT_DATE_INVALID', op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  12040: { name: 'HTTPS_TO_HTTP_ON_REDIR', op: 'http', kind: 'redirect', answeredBy: 'unknown' },
  12038: { name: 'SECURE_CERT_CN_INVALID', op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  12044: { name: 'CLIENT_AUTH_CERT_NEEDED', op: 'tls', kind: 'client-certificate', answeredBy: 'unknown' },
  12045: { name: 'SECURE_INVALID_CA', op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  12057: { name: 'SECURE_CERT_REV_FAILED', op: 'tls', kind: 'revocation', answeredBy: 'nobody' },
  12152: { name: 'INVALID_SERVER_RESPONSE', op: 'http', kind: 'invalid-response', answeredBy: 'unknown' },
  12157: { name: 'SECURE_CHANNEL_ERROR', op: 'tls', kind: 'protocol', answeredBy: 'unknown' },
  12167: { name: 'UNABLE_TO_DOWNLOAD_SCRIPT', op: 'http', kind: 'pac', answeredBy: 'nobody' },
  12175: { name: 'SECURE_FAILURE', op: 'tls', kind: 'certificate', answeredBy: 'unknown' },
  12178: { name: 'AUTO_PROXY_SERVICE_ERROR', op: 'local', kind: 'pac', answeredBy: 'local' },
  12180: { name: 'AUTODETECTION_FAILED', op: 'http', kind: 'pac', answeredBy: 'nobody' },
};

/** SSPI / certificate / RPC HRESULTs and Win32 codes that decide what failed. */
export const HRESULTS: Record<string, Num & { name: string }> = {
  '0x80090325': { name: 'SEC_E_UNTRUSTED_ROOT', op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  '0x800b0109': { name: 'CERT_E_UNTRUSTEDROOT', op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  '0x800b010a': { name: 'CERT_E_CHAINING', op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  '0x80090322': { name: 'SEC_E_WRONG_PRINCIPAL', op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  '0x800b010f': { name: 'CERT_E_CN_NO_MATCH', op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  '0x80090326': { name: 'SEC_E_ILLEGAL_MESSAGE', op: 'tls', kind: 'protocol', answeredBy: 'unknown' },
  '0x80090331': { name: 'SEC_E_ALGORITHM_MISMATCH', op: 'tls', kind: 'protocol', answeredBy: 'unknown' },
  '0x80090302': { name: 'SEC_E_UNSUPPORTED_FUNCTION', op: 'tls', kind: 'protocol', answeredBy: 'local' },
  '0x80092012': { name: 'CRYPT_E_NO_REVOCATION_CHECK', op: 'tls', kind: 'revocation', answeredBy: 'nobody' },
  '0x80092013': { name: 'CRYPT_E_REVOCATION_OFFLINE', op: 'tls', kind: 'revocation', answeredBy: 'nobody' },
  '0x80090311': { name: 'SEC_E_NO_AUTHENTICATING_AUTHORITY', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  '0x800706ba': { name: 'RPC_S_SERVER_UNAVAILABLE', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  '0x8007203a': { name: 'ERROR_DS_SERVER_DOWN', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  '0x8007054b': { name: 'ERROR_NO_SUCH_DOMAIN', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  '0x80070005': { name: 'E_ACCESSDENIED', op: 'local', kind: 'access-denied', answeredBy: 'local' },
  '0x80048831': { name: 'PPCRL_E_PASSWORD_EXPIRED', op: 'auth', kind: 'credentials', answeredBy: 'entra' },
};

/** WU_E_PT_HTTP_STATUS_* (0x80244016 + n): the HTTP status each stands for. */
const WU_STATUS: Record<string, number> = {
  '016': 400, '017': 401, '018': 403, '019': 404, '01A': 405, '01B': 407, '01C': 408, '01D': 409, '01E': 410,
  '01F': 500, '020': 501, '021': 502, '022': 503, '023': 504, '024': 505,
};

/** The HTTP status of a BITS BG_E_HTTP_ERROR_* low word (400-599), else undefined. */
function bitsStatus(hex: string): number | undefined {
  const n = parseInt(hex, 16);
  return n >= 400 && n <= 599 ? n : undefined;
}

const hex8 = (n: number) => `0x${(0x80070000 + n).toString(16)}`;

/** A Winsock code in its usual contexts: .NET Core "SocketException (10060)", Python "[WinError 10061]" / "[Errno 11001]", "error code 10060", "socket error #10060". */
const WINSOCK_RE = new RegExp(String.raw`(?:SocketException \(0x[0-9A-Fa-f]+\):\s*|WinError\s+|Errno\s+|error\s+code\s*[:=]?\s*|socket error\s*[:#]?\s*|\(|WSA\w*\s*\(?|SocketErrorCode\s*[:=]?\s*)(1005[0-5]|1006[0-5]|10013|1100[124])(?![\d.:])`, 'gi');

export const WINDOWS_SIGNATURES: Signature[] = [
  // Winsock numbers: one signature per code family; `op`/`kind` are looked up per match in extract.ts.
  ...Object.entries(WINSOCK).map(([code, w]): Signature => ({
    id: `winsock-${code}`,
    re: new RegExp(`${WINSOCK_RE.source.replace('(1005[0-5]|1006[0-5]|10013|1100[124])', `(${code})`)}|\\b${w.name}\\b`, 'i'),
    op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: 'high', code: `winsock:${code}`,
  })),
  ...Object.entries(SOCKET_ERROR_NAMES).map(([name, code]): Signature => {
    const w = WINSOCK[code]!;
    return {
      id: `socketerror-${name}`,
      re: new RegExp(String.raw`(?:SocketErrorCode|SocketError|NativeErrorCode|ErrorCode)\s*[:=.]?\s*${name}\b|SocketError\.${name}\b`),
      op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'enum', sure: 'high', code: `winsock:${code}`,
    };
  }),
  ...Object.entries(WINHTTP).map(([code, w]): Signature => ({
    id: `winhttp-${code}`,
    // WININET_E_<name> is the HRESULT's symbolic name (wininet.h), as winget and WSL print it.
    re: new RegExp(String.raw`(?:ERROR_(?:WINHTTP|INTERNET)_|WININET_E_)${w.name}\b|(?:win\s?http|wininet|error(?:\s+code)?|errorcode|error\s+number)[^0-9\n]{0,20}\b${code}\b|\b${hex8(Number(code))}\b|-${2 ** 32 - (0x80070000 + Number(code))}\b`, 'i'),
    op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: 'high', code: `winhttp:${code}`,
  })),
  ...Object.entries(HRESULTS).map(([h, w]): Signature => ({
    id: `hresult-${w.name}`,
    re: new RegExp(String.raw`\b${h}\b|\b${w.name}\b|\b${h.replace('0x', '')}\b(?=\)|\s*\()`, 'i'),
    op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: 'high', code: `hresult:${h}`,
  })),
  // "The RPC server is unavailable" is also RPC_S_SERVER_UNAVAILABLE as a decimal Win32 code.
  { id: 'win32-0x6ba', re: /\b0x0*6ba\b/i, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'win32:0x6ba' },
  // A DLL or its entry point missing, or built for another architecture (ERROR_MOD_NOT_FOUND 126,
  // ERROR_PROC_NOT_FOUND 127, ERROR_BAD_EXE_FORMAT 193): the program cannot run on this server.
  { id: 'win32-module', re: /GetLastError(?:\s+code)?\s*[:=]?\s*(?:126|127|193)\b|\b0x8007007[ef]\b|\b0x800700c1\b/i, op: 'local', kind: 'program', answeredBy: 'local', via: 'number', sure: 'high', code: 'win32:module' },
  // WSAEACCES as Windows words it when the number is not printed (Go's "connectex: …", .NET Core):
  // a local firewall or port rule refused the socket before any packet left.
  { id: 'winsock-10013-text', re: /An attempt was made to access a socket in a way forbidden by its access permissions/i, op: 'connect', kind: 'access-denied', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'winsock:10013' },
  // The Service Control Manager's own events: a service failed to start (7000, 7009), stopped with an
  // error (7023, 7024) or crashed (7031, 7034): a local service problem.
  { id: 'scm-service-failed', re: /Service Control Manager\D{0,40}\b70(?:00|09|23|24|31|34)\b/, op: 'local', kind: 'service', answeredBy: 'local', via: 'number', sure: 'high', code: 'scm:service-failed' },
  // Windows Update Agent's networking HRESULTs (WUA Networking Error Codes,
  // https://learn.microsoft.com/windows/win32/wua_sdk/wua-networking-error-codes-): 0x80244016-0x80244024
  // are "same as HTTP status" 400-505, 0x8024402C is WinHTTP's NAME_NOT_RESOLVED (the proxy's or the
  // server's name). WER and WindowsUpdate.log print them without "0x".
  { id: 'wu-status-407', re: /\b(?:0x)?8024401B\b|\bWU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ\b/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: () => 407, code: 'http:407' },
  { id: 'wu-status', re: /\b(?:0x)?80244(01[6-9A]|01[C-F]|02[0-4])\b/gi, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status: (m) => WU_STATUS[m[1]!.toUpperCase()], code: (m) => `http:${WU_STATUS[m[1]!.toUpperCase()]}` },
  { id: 'wu-name-not-resolved', re: /\b(?:0x)?8024402C\b|\bWU_E_PT_WINHTTP_NAME_NOT_RESOLVED\b/i, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'winhttp:12007' },
  // A Win32 file-system error as an HRESULT (0x8007xxxx; "hr=800700CE" in the sync engine's words):
  // ERROR_FILE_NOT_FOUND 2, ERROR_PATH_NOT_FOUND 3, ERROR_SHARING_VIOLATION 32, ERROR_DISK_FULL 112,
  // ERROR_FILENAME_EXCED_RANGE 206 (system error codes 0-499): this server's files, not the network.
  { id: 'win32-local-file', re: /(?:\bhr\s*=\s*(?:0x)?|\b0x)800700(?:02|03|20|70|CE)\b/i, op: 'local', kind: 'file', answeredBy: 'local', via: 'number', sure: 'high', code: 'local:file' },
  // Windows logon errors as a number after "error" (system error codes 1300-1699, 1700-3999): a domain
  // controller checked the account and refused it — ERROR_LOGON_FAILURE 1326 and the account's own
  // restrictions 1327-1331, 1793, 1909 are its credentials; ERROR_AUTHENTICATION_FIREWALL_FAILED 1935
  // is selective authentication refusing the account on that computer.
  { id: 'win32-logon-credentials', re: /\berror(?:\s+code)?\s*[:=]?\s*(13(?:2[6-9]|3[01])|1793|1909)\b/i, op: 'directory', kind: 'credentials', answeredBy: 'ad', via: 'number', sure: 'high', code: (m) => `win32:${m[1]}` },
  { id: 'win32-logon-firewall', re: /\berror(?:\s+code)?\s*[:=]?\s*1935\b|ERROR_AUTHENTICATION_FIREWALL_FAILED/i, op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'number', sure: 'high', code: 'win32:1935' },
  // BITS reports an HTTP answer as BG_E_HTTP_ERROR_<status> = 0x80190000 + status (BITS return values,
  // https://learn.microsoft.com/windows/win32/bits/bits-return-values): 0x801901F5 is a 501.
  { id: 'bits-http-status', re: /\b0x8019(0(?:1[9A-F][0-9A-F]|2[0-5][0-9A-F]))\b/gi, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'high', status: (m) => bitsStatus(m[1]!), code: (m) => { const s = bitsStatus(m[1]!); return s === undefined ? undefined : `http:${s}`; } },
  // SEC_E_NO_AUTHENTICATING_AUTHORITY's message, as Win32Exception prints it under Negotiate/Kerberos
  // (NTAuthentication.GetOutgoingBlob): no domain controller answered for a ticket.
  { id: 'sspi-no-authority-text', re: /cannot contact a domain controller to service the authentication request/i, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'phrase', sure: 'high', code: 'hresult:0x80090311' },
  { id: 'win32-1722', re: /\b(?:error|rpc)\D{0,12}\b1722\b/i, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'win32:1722' },
];

