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
  /** When the code itself says which hop failed (WinINet's PROXY_SERVER_UNREACHABLE). */
  role?: 'proxy' | 'destination';
  sure?: Fact['sure'];
}

/** Winsock codes (decimal, as SocketException prints them). */
export const WINSOCK: Record<number, Num & { name: string }> = {
  10004: { name: 'WSAEINTR', op: 'transfer', kind: 'canceled', answeredBy: 'local' },
  10013: { name: 'WSAEACCES', op: 'connect', kind: 'access-denied', answeredBy: 'local' },
  10014: { name: 'WSAEFAULT', op: 'local', kind: 'program', answeredBy: 'local' },
  10022: { name: 'WSAEINVAL', op: 'local', kind: 'program', answeredBy: 'local' },
  10024: { name: 'WSAEMFILE', op: 'local', kind: 'failed', answeredBy: 'local' },
  10035: { name: 'WSAEWOULDBLOCK', op: 'local', kind: 'program', answeredBy: 'local' },
  10036: { name: 'WSAEINPROGRESS', op: 'local', kind: 'program', answeredBy: 'local' },
  10037: { name: 'WSAEALREADY', op: 'local', kind: 'program', answeredBy: 'local' },
  10038: { name: 'WSAENOTSOCK', op: 'local', kind: 'program', answeredBy: 'local' },
  10039: { name: 'WSAEDESTADDRREQ', op: 'local', kind: 'program', answeredBy: 'local' },
  10040: { name: 'WSAEMSGSIZE', op: 'local', kind: 'program', answeredBy: 'local' },
  10041: { name: 'WSAEPROTOTYPE', op: 'local', kind: 'program', answeredBy: 'local' },
  10042: { name: 'WSAENOPROTOOPT', op: 'local', kind: 'program', answeredBy: 'local' },
  10043: { name: 'WSAEPROTONOSUPPORT', op: 'local', kind: 'program', answeredBy: 'local' },
  10044: { name: 'WSAESOCKTNOSUPPORT', op: 'local', kind: 'program', answeredBy: 'local' },
  10045: { name: 'WSAEOPNOTSUPP', op: 'local', kind: 'program', answeredBy: 'local' },
  10046: { name: 'WSAEPFNOSUPPORT', op: 'local', kind: 'program', answeredBy: 'local' },
  10047: { name: 'WSAEAFNOSUPPORT', op: 'local', kind: 'program', answeredBy: 'local' },
  10048: { name: 'WSAEADDRINUSE', op: 'local', kind: 'failed', answeredBy: 'local' },
  10049: { name: 'WSAEADDRNOTAVAIL', op: 'connect', kind: 'unreachable', answeredBy: 'local' },
  10050: { name: 'WSAENETDOWN', op: 'connect', kind: 'unreachable', answeredBy: 'local' },
  10051: { name: 'WSAENETUNREACH', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  10052: { name: 'WSAENETRESET', op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  10053: { name: 'WSAECONNABORTED', op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  10054: { name: 'WSAECONNRESET', op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  10055: { name: 'WSAENOBUFS', op: 'local', kind: 'failed', answeredBy: 'local' },
  10056: { name: 'WSAEISCONN', op: 'local', kind: 'program', answeredBy: 'local' },
  10057: { name: 'WSAENOTCONN', op: 'transfer', kind: 'closed', answeredBy: 'unknown' },
  10058: { name: 'WSAESHUTDOWN', op: 'transfer', kind: 'closed', answeredBy: 'unknown' },
  10060: { name: 'WSAETIMEDOUT', op: 'connect', kind: 'timed-out', answeredBy: 'nobody' },
  10061: { name: 'WSAECONNREFUSED', op: 'connect', kind: 'refused', answeredBy: 'nobody' },
  10064: { name: 'WSAEHOSTDOWN', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  10065: { name: 'WSAEHOSTUNREACH', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  10067: { name: 'WSAEPROCLIM', op: 'local', kind: 'failed', answeredBy: 'local' },
  10091: { name: 'WSASYSNOTREADY', op: 'local', kind: 'failed', answeredBy: 'local' },
  10092: { name: 'WSAVERNOTSUPPORTED', op: 'local', kind: 'program', answeredBy: 'local' },
  10093: { name: 'WSANOTINITIALISED', op: 'local', kind: 'program', answeredBy: 'local' },
  10101: { name: 'WSAEDISCON', op: 'transfer', kind: 'closed', answeredBy: 'unknown' },
  10109: { name: 'WSATYPE_NOT_FOUND', op: 'local', kind: 'program', answeredBy: 'local' },
  11001: { name: 'WSAHOST_NOT_FOUND', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  11002: { name: 'WSATRY_AGAIN', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  11003: { name: 'WSANO_RECOVERY', op: 'dns', kind: 'failed', answeredBy: 'nobody' },
  11004: { name: 'WSANO_DATA', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
};

/**
 * System.Net.Sockets.SocketError enum names, printed untranslated (SocketErrorCode: TimedOut): every member
 * that stands for a Winsock code (https://learn.microsoft.com/dotnet/api/system.net.sockets.socketerror;
 * dotnet/runtime src/libraries/System.Net.Primitives/src/System/Net/Sockets/SocketError.cs).
 */
export const SOCKET_ERROR_NAMES: Record<string, number> = {
  Interrupted: 10004,
  AccessDenied: 10013,
  Fault: 10014,
  InvalidArgument: 10022,
  TooManyOpenSockets: 10024,
  WouldBlock: 10035,
  InProgress: 10036,
  AlreadyInProgress: 10037,
  NotSocket: 10038,
  DestinationAddressRequired: 10039,
  MessageSize: 10040,
  ProtocolType: 10041,
  ProtocolOption: 10042,
  ProtocolNotSupported: 10043,
  SocketNotSupported: 10044,
  OperationNotSupported: 10045,
  ProtocolFamilyNotSupported: 10046,
  AddressFamilyNotSupported: 10047,
  AddressAlreadyInUse: 10048,
  AddressNotAvailable: 10049,
  NetworkDown: 10050,
  NetworkUnreachable: 10051,
  NetworkReset: 10052,
  ConnectionAborted: 10053,
  ConnectionReset: 10054,
  NoBufferSpaceAvailable: 10055,
  IsConnected: 10056,
  NotConnected: 10057,
  Shutdown: 10058,
  TimedOut: 10060,
  ConnectionRefused: 10061,
  HostDown: 10064,
  HostUnreachable: 10065,
  ProcessLimit: 10067,
  SystemNotReady: 10091,
  VersionNotSupported: 10092,
  NotInitialized: 10093,
  Disconnecting: 10101,
  TypeNotFound: 10109,
  HostNotFound: 11001,
  TryAgain: 11002,
  NoRecovery: 11003,
  NoData: 11004,
};

/**
 * WinHTTP and WinINet codes (12xxx), as GetLastError, "error 12029", the HRESULT 0x80072EFD, its negative
 * int (-2147012867) or a symbolic name print them. Sources: WinHTTP "Error Messages (Winhttp.h)"
 * (https://learn.microsoft.com/windows/win32/winhttp/error-messages) and "WinINet errors (Wininet.h)"
 * (https://learn.microsoft.com/windows/win32/wininet/wininet-errors), whose sources are
 * https://github.com/MicrosoftDocs/win32/blob/docs/desktop-src/WinHttp/error-messages.md and
 * https://github.com/MicrosoftDocs/win32/blob/docs/desktop-src/WinInet/wininet-errors.md. The two libraries share the
 * numbers; where they name one differently, `alias` holds the other names (WinINet's ERROR_INTERNET_* /
 * ERROR_HTTP_*), and the HRESULT's own name is WININET_E_<suffix>. A number whose meaning differs between
 * them (12175: WinHTTP SECURE_FAILURE, WinINet DECODING_FAILED) reads as WinHTTP's, the library of
 * .NET Core on Windows, PowerShell 7, BITS and the Windows services; the WinINet name keeps its own entry
 * in WININET_ONLY_NAMES. Only the codes of a request's steps are here (name, connect, time-out, proxy,
 * auto-proxy, TLS and certificates, redirects, the response), not handle and option misuse.
 * HRESULT = 0x80070000 | code.
 */
export const WINHTTP: Record<number, Num & { name: string; alias?: string[] }> = {
  12002: { name: 'TIMEOUT', op: 'transfer', kind: 'timed-out', answeredBy: 'nobody' },
  12005: { name: 'INVALID_URL', op: 'local', kind: 'configuration', answeredBy: 'local' },
  12006: { name: 'UNRECOGNIZED_SCHEME', op: 'local', kind: 'configuration', answeredBy: 'local' },
  12007: { name: 'NAME_NOT_RESOLVED', op: 'dns', kind: 'not-found', answeredBy: 'nobody' },
  12015: { name: 'LOGIN_FAILURE', op: 'http', kind: 'credentials', answeredBy: 'unknown', sure: 'medium' },
  12017: { name: 'OPERATION_CANCELLED', op: 'transfer', kind: 'canceled', answeredBy: 'unknown', sure: 'medium' },
  12023: { name: 'NO_DIRECT_ACCESS', op: 'connect', kind: 'failed', answeredBy: 'local', sure: 'medium' },
  12029: { name: 'CANNOT_CONNECT', op: 'connect', kind: 'failed', answeredBy: 'nobody' },
  12030: { name: 'CONNECTION_ERROR', alias: ['CONNECTION_ABORTED'], op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  12031: { name: 'CONNECTION_RESET', op: 'transfer', kind: 'reset', answeredBy: 'unknown' },
  12033: { name: 'INVALID_PROXY_REQUEST', op: 'tunnel', kind: 'failed', answeredBy: 'proxy', role: 'proxy', sure: 'medium' },
  12037: { name: 'SECURE_CERT_DATE_INVALID', alias: ['SEC_CERT_DATE_INVALID'], op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  12038: { name: 'SECURE_CERT_CN_INVALID', alias: ['SEC_CERT_CN_INVALID'], op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  12039: { name: 'HTTP_TO_HTTPS_ON_REDIR', op: 'http', kind: 'redirect', answeredBy: 'unknown' },
  12040: { name: 'HTTPS_TO_HTTP_ON_REDIR', op: 'http', kind: 'redirect', answeredBy: 'unknown' },
  12044: { name: 'CLIENT_AUTH_CERT_NEEDED', op: 'tls', kind: 'client-certificate', answeredBy: 'unknown' },
  12045: { name: 'SECURE_INVALID_CA', alias: ['INVALID_CA'], op: 'tls', kind: 'untrusted', answeredBy: 'unknown' },
  12046: { name: 'CLIENT_AUTH_NOT_SETUP', op: 'tls', kind: 'client-certificate', answeredBy: 'local' },
  12048: { name: 'REDIRECT_SCHEME_CHANGE', op: 'http', kind: 'redirect', answeredBy: 'unknown' },
  12052: { name: 'HTTPS_HTTP_SUBMIT_REDIR', op: 'http', kind: 'redirect', answeredBy: 'unknown' },
  12055: { name: 'SEC_CERT_ERRORS', op: 'tls', kind: 'certificate', answeredBy: 'unknown' },
  12057: { name: 'SECURE_CERT_REV_FAILED', alias: ['SEC_CERT_REV_FAILED'], op: 'tls', kind: 'revocation', answeredBy: 'nobody' },
  12150: { name: 'HEADER_NOT_FOUND', op: 'http', kind: 'invalid-response', answeredBy: 'unknown', sure: 'low' },
  12151: { name: 'DOWNLEVEL_SERVER', op: 'http', kind: 'invalid-response', answeredBy: 'unknown', sure: 'medium' },
  12152: { name: 'INVALID_SERVER_RESPONSE', op: 'http', kind: 'invalid-response', answeredBy: 'unknown' },
  12153: { name: 'INVALID_HEADER', op: 'http', kind: 'invalid-response', answeredBy: 'unknown', sure: 'medium' },
  12156: { name: 'REDIRECT_FAILED', op: 'http', kind: 'redirect', answeredBy: 'unknown' },
  12157: { name: 'SECURE_CHANNEL_ERROR', alias: ['SECURITY_CHANNEL_ERROR'], op: 'tls', kind: 'protocol', answeredBy: 'unknown' },
  12159: { name: 'TCPIP_NOT_INSTALLED', op: 'local', kind: 'failed', answeredBy: 'local' },
  12163: { name: 'DISCONNECTED', op: 'connect', kind: 'unreachable', answeredBy: 'local', sure: 'medium' },
  12164: { name: 'SERVER_UNREACHABLE', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  12165: { name: 'PROXY_SERVER_UNREACHABLE', op: 'connect', kind: 'unreachable', answeredBy: 'nobody', role: 'proxy' },
  12166: { name: 'BAD_AUTO_PROXY_SCRIPT', op: 'local', kind: 'pac', answeredBy: 'local' },
  12167: { name: 'UNABLE_TO_DOWNLOAD_SCRIPT', op: 'http', kind: 'pac', answeredBy: 'nobody' },
  12169: { name: 'SECURE_INVALID_CERT', alias: ['SEC_INVALID_CERT'], op: 'tls', kind: 'certificate', answeredBy: 'unknown' },
  12170: { name: 'SECURE_CERT_REVOKED', alias: ['SEC_CERT_REVOKED'], op: 'tls', kind: 'certificate', answeredBy: 'unknown' },
  12175: { name: 'SECURE_FAILURE', op: 'tls', kind: 'certificate', answeredBy: 'unknown' },
  12176: { name: 'UNHANDLED_SCRIPT_TYPE', op: 'local', kind: 'pac', answeredBy: 'local' },
  12177: { name: 'SCRIPT_EXECUTION_ERROR', op: 'local', kind: 'pac', answeredBy: 'local' },
  12178: { name: 'AUTO_PROXY_SERVICE_ERROR', op: 'local', kind: 'pac', answeredBy: 'local' },
  12179: { name: 'SECURE_CERT_WRONG_USAGE', op: 'tls', kind: 'certificate', answeredBy: 'unknown' },
  12180: { name: 'AUTODETECTION_FAILED', op: 'http', kind: 'pac', answeredBy: 'nobody' },
  12181: { name: 'HEADER_COUNT_EXCEEDED', op: 'http', kind: 'invalid-response', answeredBy: 'unknown', sure: 'medium' },
  12182: { name: 'HEADER_SIZE_OVERFLOW', op: 'http', kind: 'invalid-response', answeredBy: 'unknown', sure: 'medium' },
  12183: { name: 'CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW', op: 'http', kind: 'invalid-response', answeredBy: 'unknown', sure: 'medium' },
  12184: { name: 'RESPONSE_DRAIN_OVERFLOW', op: 'http', kind: 'invalid-response', answeredBy: 'unknown', sure: 'medium' },
};

/** WinINet names whose number means something else in WinHTTP (wininet-errors): only the name decides. */
const WININET_ONLY_NAMES: Array<{ name: string; code: number } & Num> = [
  // ERROR_INTERNET_DECODING_FAILED 12175: the response's content encoding could not be decoded.
  { name: 'DECODING_FAILED', code: 12175, op: 'http', kind: 'invalid-response', answeredBy: 'unknown' },
];

/** SSPI / certificate / RPC HRESULTs and Win32 codes that decide what failed. */
export const HRESULTS: Record<string, Num & { name: string; cert?: 'chain' | 'name' | 'expired' | 'revoked' | 'usage' | 'invalid' | 'revocation' | 'protocol' | 'local' }> = {
  '0x80090325': { name: 'SEC_E_UNTRUSTED_ROOT', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'chain' },
  '0x800b0109': { name: 'CERT_E_UNTRUSTEDROOT', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'chain' },
  '0x800b010a': { name: 'CERT_E_CHAINING', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'chain' },
  '0x80090322': { name: 'SEC_E_WRONG_PRINCIPAL', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'name' },
  '0x800b010f': { name: 'CERT_E_CN_NO_MATCH', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'name' },
  '0x80090326': { name: 'SEC_E_ILLEGAL_MESSAGE', op: 'tls', kind: 'protocol', answeredBy: 'unknown', cert: 'protocol' },
  '0x80090331': { name: 'SEC_E_ALGORITHM_MISMATCH', op: 'tls', kind: 'protocol', answeredBy: 'unknown', cert: 'protocol' },
  '0x80090302': { name: 'SEC_E_UNSUPPORTED_FUNCTION', op: 'tls', kind: 'protocol', answeredBy: 'local', cert: 'protocol' },
  '0x80092012': { name: 'CRYPT_E_NO_REVOCATION_CHECK', op: 'tls', kind: 'revocation', answeredBy: 'nobody', cert: 'revocation' },
  '0x80092013': { name: 'CRYPT_E_REVOCATION_OFFLINE', op: 'tls', kind: 'revocation', answeredBy: 'nobody', cert: 'revocation' },
  '0x80090311': { name: 'SEC_E_NO_AUTHENTICATING_AUTHORITY', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  '0x800706ba': { name: 'RPC_S_SERVER_UNAVAILABLE', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  '0x8007203a': { name: 'ERROR_DS_SERVER_DOWN', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  '0x8007054b': { name: 'ERROR_NO_SUCH_DOMAIN', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  '0x80070005': { name: 'E_ACCESSDENIED', op: 'local', kind: 'access-denied', answeredBy: 'local' },
  // ADSI's own E_ADS_BAD_PATHNAME (https://learn.microsoft.com/windows/win32/adsi/generic-adsi-error-codes):
  // the directory path the caller built is not valid; ADSI refuses it before any directory call.
  '0x80005000': { name: 'E_ADS_BAD_PATHNAME', op: 'local', kind: 'failed', answeredBy: 'local', sure: 'medium' },
  '0x80048831': { name: 'PPCRL_E_PASSWORD_EXPIRED', op: 'auth', kind: 'credentials', answeredBy: 'entra' },
  // ---- SSPI / Schannel and certificate HRESULTs, from "COM Error Codes (Security and Setup)"
  // (https://learn.microsoft.com/windows/win32/com/com-error-codes-4; its source
  // https://github.com/MicrosoftDocs/win32/blob/docs/desktop-src/com/com-error-codes-4.md) and the Schannel InitializeSecurityContext return values
  // (https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--schannel). `cert` says
  // which certificate problem it is: chain (an issuer not trusted: what an inspecting proxy's own CA
  // shows; kind untrusted), name (the certificate is for another name; untrusted, as the WinHTTP CN codes
  // above), expired / revoked / usage / invalid (certificate), revocation (the check could not be made:
  // the CRL or OCSP server was not reached), protocol (versions or algorithms: tls12-not-enabled), local
  // (this machine's own credentials or crypto).
  '0x800b0101': { name: 'CERT_E_EXPIRED', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'expired' },
  '0x800b0102': { name: 'CERT_E_VALIDITYPERIODNESTING', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'expired' },
  '0x800b0103': { name: 'CERT_E_ROLE', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x800b0104': { name: 'CERT_E_PATHLENCONST', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x800b0105': { name: 'CERT_E_CRITICAL', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x800b0106': { name: 'CERT_E_PURPOSE', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'usage' },
  '0x800b0107': { name: 'CERT_E_ISSUERCHAINING', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'chain' },
  '0x800b0108': { name: 'CERT_E_MALFORMED', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x800b010c': { name: 'CERT_E_REVOKED', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'revoked' },
  '0x800b010d': { name: 'CERT_E_UNTRUSTEDTESTROOT', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'chain' },
  '0x800b010e': { name: 'CERT_E_REVOCATION_FAILURE', op: 'tls', kind: 'revocation', answeredBy: 'nobody', cert: 'revocation' },
  '0x800b0110': { name: 'CERT_E_WRONG_USAGE', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'usage' },
  '0x800b0111': { name: 'TRUST_E_EXPLICIT_DISTRUST', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'chain' },
  '0x800b0112': { name: 'CERT_E_UNTRUSTEDCA', op: 'tls', kind: 'untrusted', answeredBy: 'unknown', cert: 'chain' },
  '0x800b0113': { name: 'CERT_E_INVALID_POLICY', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x800b0114': { name: 'CERT_E_INVALID_NAME', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x800b010b': { name: 'TRUST_E_FAIL', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid', sure: 'medium' },
  '0x80096004': { name: 'TRUST_E_CERT_SIGNATURE', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x80096019': { name: 'TRUST_E_BASIC_CONSTRAINTS', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x80092010': { name: 'CRYPT_E_REVOKED', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'revoked' },
  '0x80090327': { name: 'SEC_E_CERT_UNKNOWN', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'invalid' },
  '0x80090328': { name: 'SEC_E_CERT_EXPIRED', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'expired' },
  '0x80090349': { name: 'SEC_E_CERT_WRONG_USAGE', op: 'tls', kind: 'certificate', answeredBy: 'unknown', cert: 'usage' },
  '0x8009033a': { name: 'SEC_E_STRONG_CRYPTO_NOT_SUPPORTED', op: 'tls', kind: 'protocol', answeredBy: 'local', cert: 'protocol' },
  '0x80090337': { name: 'SEC_E_CRYPTO_SYSTEM_INVALID', op: 'tls', kind: 'protocol', answeredBy: 'local', cert: 'protocol', sure: 'medium' },
  '0x80090308': { name: 'SEC_E_INVALID_TOKEN', op: 'tls', kind: 'protocol', answeredBy: 'unknown', cert: 'protocol', sure: 'medium' },
  '0x8009030f': { name: 'SEC_E_MESSAGE_ALTERED', op: 'tls', kind: 'failed', answeredBy: 'unknown', sure: 'medium' },
  '0x80090330': { name: 'SEC_E_DECRYPT_FAILURE', op: 'tls', kind: 'failed', answeredBy: 'unknown', sure: 'medium' },
  '0x80090317': { name: 'SEC_E_CONTEXT_EXPIRED', op: 'transfer', kind: 'closed', answeredBy: 'unknown', sure: 'medium' },
  '0x80090304': { name: 'SEC_E_INTERNAL_ERROR', op: 'tls', kind: 'local-credentials', answeredBy: 'local', cert: 'local', sure: 'medium' },
  '0x8009030d': { name: 'SEC_E_UNKNOWN_CREDENTIALS', op: 'tls', kind: 'local-credentials', answeredBy: 'local', cert: 'local', sure: 'medium' },
  '0x8009030e': { name: 'SEC_E_NO_CREDENTIALS', op: 'tls', kind: 'local-credentials', answeredBy: 'local', cert: 'local', sure: 'medium' },
  // SEC_I_* are Schannel's informational returns, printed when a caller gives up on them: the server
  // closed the TLS session (SEC_I_CONTEXT_EXPIRED) or asked for a client certificate (SEC_I_INCOMPLETE_CREDENTIALS).
  '0x00090317': { name: 'SEC_I_CONTEXT_EXPIRED', op: 'transfer', kind: 'closed', answeredBy: 'unknown', sure: 'medium' },
  '0x00090320': { name: 'SEC_I_INCOMPLETE_CREDENTIALS', op: 'tls', kind: 'client-certificate', answeredBy: 'unknown', sure: 'medium' },
  '0x80090305': { name: 'SEC_E_SECPKG_NOT_FOUND', op: 'local', kind: 'failed', answeredBy: 'local' },
  // Negotiate / Kerberos against a domain controller (same table): the KDC could not be found or reached,
  // or answered about the account.
  '0x80090303': { name: 'SEC_E_TARGET_UNKNOWN', op: 'directory', kind: 'unavailable', answeredBy: 'nobody', sure: 'medium' },
  '0x8009030c': { name: 'SEC_E_LOGON_DENIED', op: 'directory', kind: 'credentials', answeredBy: 'ad', sure: 'medium' },
  '0x80090324': { name: 'SEC_E_TIME_SKEW', op: 'directory', kind: 'time-skew', answeredBy: 'local' },
  '0x80090363': { name: 'SEC_E_MUTUAL_AUTH_FAILED', op: 'directory', kind: 'kerberos', answeredBy: 'ad', sure: 'medium' },
};

/**
 * Win32 network, logon, RPC and directory errors (system error codes, decimal), as "System error 53",
 * "error 1225", "Win32 error 1311", the HRESULT 0x800704C9 or the symbolic name print them. Sources:
 * https://learn.microsoft.com/windows/win32/debug/system-error-codes--0-499-, --1000-1299-,
 * --1300-1699-, --1700-3999-, --8200-8999- (MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--*.md).
 * `hresult: false` where the HRESULT and the name are in HRESULTS above (1355, 8250); 1722 has its own
 * signatures below. A number under 1000 is read only after "System error" / "Win32 error" / "error code".
 */
export const WIN32: Record<number, Num & { name: string; hresult?: false }> = {
  53: { name: 'ERROR_BAD_NETPATH', op: 'connect', kind: 'unreachable', answeredBy: 'nobody', sure: 'medium' },
  64: { name: 'ERROR_NETNAME_DELETED', op: 'transfer', kind: 'reset', answeredBy: 'unknown', sure: 'medium' },
  67: { name: 'ERROR_BAD_NET_NAME', op: 'connect', kind: 'unreachable', answeredBy: 'nobody', sure: 'medium' },
  121: { name: 'ERROR_SEM_TIMEOUT', op: 'transfer', kind: 'timed-out', answeredBy: 'nobody', sure: 'medium' },
  1203: { name: 'ERROR_NO_NET_OR_BAD_PATH', op: 'connect', kind: 'unreachable', answeredBy: 'nobody', sure: 'medium' },
  1222: { name: 'ERROR_NO_NETWORK', op: 'connect', kind: 'unreachable', answeredBy: 'local' },
  1225: { name: 'ERROR_CONNECTION_REFUSED', op: 'connect', kind: 'refused', answeredBy: 'nobody' },
  1226: { name: 'ERROR_GRACEFUL_DISCONNECT', op: 'transfer', kind: 'closed', answeredBy: 'unknown' },
  1227: { name: 'ERROR_ADDRESS_ALREADY_ASSOCIATED', op: 'local', kind: 'failed', answeredBy: 'local' },
  1228: { name: 'ERROR_ADDRESS_NOT_ASSOCIATED', op: 'local', kind: 'failed', answeredBy: 'local' },
  1229: { name: 'ERROR_CONNECTION_INVALID', op: 'transfer', kind: 'closed', answeredBy: 'unknown', sure: 'medium' },
  1230: { name: 'ERROR_CONNECTION_ACTIVE', op: 'local', kind: 'program', answeredBy: 'local' },
  1231: { name: 'ERROR_NETWORK_UNREACHABLE', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  1232: { name: 'ERROR_HOST_UNREACHABLE', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  1233: { name: 'ERROR_PROTOCOL_UNREACHABLE', op: 'connect', kind: 'unreachable', answeredBy: 'nobody' },
  1234: { name: 'ERROR_PORT_UNREACHABLE', op: 'connect', kind: 'refused', answeredBy: 'nobody' },
  1235: { name: 'ERROR_REQUEST_ABORTED', op: 'transfer', kind: 'canceled', answeredBy: 'unknown', sure: 'medium' },
  1236: { name: 'ERROR_CONNECTION_ABORTED', op: 'transfer', kind: 'reset', answeredBy: 'local' },
  // ERROR_SERVICE_LOGON_FAILED: the Service Control Manager could not log a service on as its account.
  1069: { name: 'ERROR_SERVICE_LOGON_FAILED', op: 'local', kind: 'service', answeredBy: 'local' },
  // The Service Control Manager's other start failures, as StartService returns them
  // (https://learn.microsoft.com/windows/win32/api/winsvc/nf-winsvc-startservicew) and services.msc / net
  // start print them ("Error 1053: The service did not respond …", "System error 1068 has occurred."):
  // the service did not report running in time (1053), is disabled (1058), stopped with its own
  // service-specific code (1066), a service it depends on failed to start or is gone (1068, 1075), or
  // its account is another service's in the same process (1079). A local service problem.
  1053: { name: 'ERROR_SERVICE_REQUEST_TIMEOUT', op: 'local', kind: 'service', answeredBy: 'local' },
  1058: { name: 'ERROR_SERVICE_DISABLED', op: 'local', kind: 'service', answeredBy: 'local' },
  1066: { name: 'ERROR_SERVICE_SPECIFIC_ERROR', op: 'local', kind: 'service', answeredBy: 'local' },
  1068: { name: 'ERROR_SERVICE_DEPENDENCY_FAIL', op: 'local', kind: 'service', answeredBy: 'local' },
  1075: { name: 'ERROR_SERVICE_DEPENDENCY_DELETED', op: 'local', kind: 'service', answeredBy: 'local' },
  1079: { name: 'ERROR_DIFFERENT_SERVICE_ACCOUNT', op: 'local', kind: 'service', answeredBy: 'local' },
  // Windows Installer's return codes (https://learn.microsoft.com/windows/win32/msi/error-codes; the same
  // numbers in system error codes 1300-1699): the service not reachable (1601), a fatal error during
  // installation (1603), another installation running (1618), the package cannot be opened or is invalid
  // (1619, 1620), forbidden by policy (1625), the platform not supported (1633), another version of the
  // product already installed (1638). Installing on this server failed; nothing about the network.
  1601: { name: 'ERROR_INSTALL_SERVICE_FAILURE', op: 'local', kind: 'install', answeredBy: 'local' },
  1603: { name: 'ERROR_INSTALL_FAILURE', op: 'local', kind: 'install', answeredBy: 'local' },
  1618: { name: 'ERROR_INSTALL_ALREADY_RUNNING', op: 'local', kind: 'install', answeredBy: 'local' },
  1619: { name: 'ERROR_INSTALL_PACKAGE_OPEN_FAILED', op: 'local', kind: 'install', answeredBy: 'local' },
  1620: { name: 'ERROR_INSTALL_PACKAGE_INVALID', op: 'local', kind: 'install', answeredBy: 'local' },
  1625: { name: 'ERROR_INSTALL_PACKAGE_REJECTED', op: 'local', kind: 'install', answeredBy: 'local' },
  1633: { name: 'ERROR_INSTALL_PLATFORM_UNSUPPORTED', op: 'local', kind: 'install', answeredBy: 'local' },
  1638: { name: 'ERROR_PRODUCT_VERSION', op: 'local', kind: 'install', answeredBy: 'local' },
  1311: { name: 'ERROR_NO_LOGON_SERVERS', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  1317: { name: 'ERROR_NO_SUCH_USER', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  // A domain controller checked the account and refused it: ERROR_LOGON_FAILURE and the account's own
  // restrictions (1327-1331, 1385, 1793, 1909); 1935 is selective authentication refusing the account on
  // that computer (ERROR_AUTHENTICATION_FIREWALL_FAILED).
  1326: { name: 'ERROR_LOGON_FAILURE', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1327: { name: 'ERROR_ACCOUNT_RESTRICTION', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1328: { name: 'ERROR_INVALID_LOGON_HOURS', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1329: { name: 'ERROR_INVALID_WORKSTATION', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1330: { name: 'ERROR_PASSWORD_EXPIRED', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1331: { name: 'ERROR_ACCOUNT_DISABLED', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1385: { name: 'ERROR_LOGON_TYPE_NOT_GRANTED', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1793: { name: 'ERROR_ACCOUNT_EXPIRED', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1909: { name: 'ERROR_ACCOUNT_LOCKED_OUT', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  1935: { name: 'ERROR_AUTHENTICATION_FIREWALL_FAILED', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  1355: { name: 'ERROR_NO_SUCH_DOMAIN', op: 'directory', kind: 'unavailable', answeredBy: 'nobody', hresult: false },
  1396: { name: 'ERROR_WRONG_TARGET_NAME', op: 'directory', kind: 'kerberos', answeredBy: 'ad' },
  1398: { name: 'ERROR_TIME_SKEW', op: 'directory', kind: 'time-skew', answeredBy: 'local' },
  1723: { name: 'RPC_S_SERVER_TOO_BUSY', op: 'directory', kind: 'busy', answeredBy: 'ad' },
  1727: { name: 'RPC_S_CALL_FAILED_DNE', op: 'directory', kind: 'unavailable', answeredBy: 'nobody', sure: 'medium' },
  1753: { name: 'EPT_S_NOT_REGISTERED', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  1786: { name: 'ERROR_NO_TRUST_LSA_SECRET', op: 'directory', kind: 'trust', answeredBy: 'local' },
  1787: { name: 'ERROR_NO_TRUST_SAM_ACCOUNT', op: 'directory', kind: 'trust', answeredBy: 'ad' },
  1788: { name: 'ERROR_TRUSTED_DOMAIN_FAILURE', op: 'directory', kind: 'trust', answeredBy: 'ad' },
  1789: { name: 'ERROR_TRUSTED_RELATIONSHIP_FAILURE', op: 'directory', kind: 'trust', answeredBy: 'ad' },
  1790: { name: 'ERROR_TRUST_FAILURE', op: 'directory', kind: 'trust', answeredBy: 'ad' },
  1792: { name: 'ERROR_NETLOGON_NOT_STARTED', op: 'local', kind: 'service', answeredBy: 'local' },
  1908: { name: 'ERROR_DOMAIN_CONTROLLER_NOT_FOUND', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  8207: { name: 'ERROR_DS_UNAVAILABLE', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  8250: { name: 'ERROR_DS_SERVER_DOWN', op: 'directory', kind: 'unavailable', answeredBy: 'nobody', hresult: false },
  8524: { name: 'ERROR_DS_DNS_LOOKUP_FAILURE', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  // AD answered and refused: rights (8344, replication 8453), the object is gone (8333), and the name or
  // the parent of an object it would not take (8345-8350).
  8333: { name: 'ERROR_DS_OBJ_NOT_FOUND', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  8344: { name: 'ERROR_DS_INSUFF_ACCESS_RIGHTS', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  8453: { name: 'ERROR_DS_DRA_ACCESS_DENIED', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  // More of AD's answers to an LDAP / ADSI call (system error codes 8200-8999; DirectoryServicesCOMException
  // prints them as the HRESULT 0x80072xxx): the attribute or value is missing or already there (8202,
  // 8206), an operations error (8224: the DC would not do it in this bind's context), a referral to
  // another domain's DC (8235), a constraint violation (8239), no such object (8240), an invalid DN
  // (8242), unwilling to perform (8245). The DC was reached and refused this operation.
  8202: { name: 'ERROR_DS_NO_ATTRIBUTE_OR_VALUE', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  8206: { name: 'ERROR_DS_ATTRIBUTE_OR_VALUE_EXISTS', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  8224: { name: 'ERROR_DS_OPERATIONS_ERROR', op: 'directory', kind: 'refused', answeredBy: 'ad', sure: 'medium' },
  8235: { name: 'ERROR_DS_REFERRAL', op: 'directory', kind: 'refused', answeredBy: 'ad', sure: 'medium' },
  8239: { name: 'ERROR_DS_CONSTRAINT_VIOLATION', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  8240: { name: 'ERROR_DS_NO_SUCH_OBJECT', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  8242: { name: 'ERROR_DS_INVALID_DN_SYNTAX', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  8245: { name: 'ERROR_DS_UNWILLING_TO_PERFORM', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  8341: { name: 'ERROR_DS_GENERIC_ERROR', op: 'directory', kind: 'failed', answeredBy: 'ad', sure: 'low' },
  8345: { name: 'ERROR_DS_ILLEGAL_SUPERIOR', op: 'directory', kind: 'object', answeredBy: 'ad' },
  8346: { name: 'ERROR_DS_ATTRIBUTE_OWNED_BY_SAM', op: 'directory', kind: 'object', answeredBy: 'ad' },
  8347: { name: 'ERROR_DS_NAME_TOO_MANY_PARTS', op: 'directory', kind: 'object', answeredBy: 'ad' },
  8348: { name: 'ERROR_DS_NAME_TOO_LONG', op: 'directory', kind: 'object', answeredBy: 'ad' },
  8349: { name: 'ERROR_DS_NAME_VALUE_TOO_LONG', op: 'directory', kind: 'object', answeredBy: 'ad' },
  8350: { name: 'ERROR_DS_NAME_UNPARSEABLE', op: 'directory', kind: 'object', answeredBy: 'ad' },
};

/**
 * LDAP result codes: the server's (RFC 4511 §4.1.9 and Appendix A, https://www.rfc-editor.org/rfc/rfc4511)
 * and the Windows LDAP client's own, 0x51 and up (LDAP return values in Winldap.h,
 * https://learn.microsoft.com/previous-versions/windows/desktop/ldap/return-values), as the winldap.h name
 * or "LDAP error 0x51" / "LdapException … ErrorCode 81".
 */
export const LDAP: Record<number, Num & { name: string }> = {
  0x08: { name: 'LDAP_STRONG_AUTH_REQUIRED', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  0x20: { name: 'LDAP_NO_SUCH_OBJECT', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  0x31: { name: 'LDAP_INVALID_CREDENTIALS', op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  0x32: { name: 'LDAP_INSUFFICIENT_RIGHTS', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  0x33: { name: 'LDAP_BUSY', op: 'directory', kind: 'busy', answeredBy: 'ad' },
  0x34: { name: 'LDAP_UNAVAILABLE', op: 'directory', kind: 'unavailable', answeredBy: 'ad' },
  0x35: { name: 'LDAP_UNWILLING_TO_PERFORM', op: 'directory', kind: 'refused', answeredBy: 'ad' },
  0x51: { name: 'LDAP_SERVER_DOWN', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  0x52: { name: 'LDAP_LOCAL_ERROR', op: 'directory', kind: 'failed', answeredBy: 'local', sure: 'medium' },
  0x55: { name: 'LDAP_TIMEOUT', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
  0x5b: { name: 'LDAP_CONNECT_ERROR', op: 'directory', kind: 'unavailable', answeredBy: 'nobody' },
};

/**
 * Kerberos error names (RFC 4120 §7.5.9, https://www.rfc-editor.org/rfc/rfc4120#section-7.5.9), as event
 * 4771/4768 and klist print them: the KDC answered about the account, the service name or the clock.
 */
export const KERBEROS: Record<string, Num & { code: number }> = {
  KDC_ERR_C_PRINCIPAL_UNKNOWN: { code: 6, op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  KDC_ERR_S_PRINCIPAL_UNKNOWN: { code: 7, op: 'directory', kind: 'kerberos', answeredBy: 'ad' },
  KDC_ERR_POLICY: { code: 12, op: 'directory', kind: 'refused', answeredBy: 'ad' },
  KDC_ERR_ETYPE_NOSUPP: { code: 14, op: 'directory', kind: 'kerberos', answeredBy: 'ad' },
  KDC_ERR_CLIENT_REVOKED: { code: 18, op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  KDC_ERR_KEY_EXPIRED: { code: 23, op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  KDC_ERR_PREAUTH_FAILED: { code: 24, op: 'directory', kind: 'credentials', answeredBy: 'ad' },
  KRB_AP_ERR_SKEW: { code: 37, op: 'directory', kind: 'time-skew', answeredBy: 'local' },
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
const WINSOCK_STRICT_RE = new RegExp(WINSOCK_RE.source.replace(String.raw`|\(|`, '|'), 'gi');

/** A Win32 code in decimal after the words Windows and its tools print before it. */
function win32Decimal(n: number): string {
  const ctx = n < 1000
    ? String.raw`(?:System error|Win32 error|error code|NativeErrorCode|NET HELPMSG)`
    : String.raw`(?:System error|Win32 error|error(?:\s+code)?|ErrorCode|NativeErrorCode|NET HELPMSG|GetLastError(?:\(\))?)`;
  return String.raw`\b${ctx}\s*[:=#]?\s*(?:is\s+)?${n}\b(?![.:,]\d)`;
}

/** The HRESULT of a Win32 code (0x8007xxxx), with or without "0x" before a parenthesis. */
function win32Hresult(n: number): string {
  const h = (0x80070000 + n).toString(16);
  return String.raw`\b0x${h}\b|(?:\bhr\s*=\s*|\()${h}\b`;
}

export const WINDOWS_SIGNATURES: Signature[] = [
  // Winsock numbers: one signature per code family; `op`/`kind` are looked up per match in extract.ts.
  ...Object.entries(WINSOCK).map(([code, w]): Signature => ({
    id: `winsock-${code}`,
    // A local (program or resource) code is read only with its Winsock context, not in bare parentheses.
    re: new RegExp(`${(w.op === 'local' ? WINSOCK_STRICT_RE : WINSOCK_RE).source.replace('(1005[0-5]|1006[0-5]|10013|1100[124])', `(${code})`)}|\\b${w.name}\\b`, 'i'),
    op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: w.sure ?? 'high', code: `winsock:${code}`,
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
    // WININET_E_<name> is the HRESULT's symbolic name (wininet.h), as winget and WSL print it; WinINet
    // names its 12150-12168 codes ERROR_HTTP_*.
    re: new RegExp(String.raw`(?:ERROR_(?:WINHTTP|INTERNET|HTTP)_|WININET_E_)(?:${[w.name, ...(w.alias ?? [])].join('|')})\b|(?:win\s?http|wininet|error(?:\s+code)?|errorcode|error\s+number)(?:(?!line\b|port\b)[^0-9\n]){0,20}\b${code}\b|\b${hex8(Number(code))}\b|-${2 ** 32 - (0x80070000 + Number(code))}\b`, 'i'),
    op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: w.sure ?? 'high', code: `winhttp:${code}`, ...(w.role ? { role: w.role } : {}),
  })),
  ...WININET_ONLY_NAMES.map((w): Signature => ({
    id: `wininet-${w.name}`,
    re: new RegExp(String.raw`\b(?:ERROR_INTERNET_|WININET_E_)${w.name}\b`),
    op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: w.sure ?? 'high', code: `wininet:${w.code}`,
  })),
  ...Object.entries(HRESULTS).map(([h, w]): Signature => ({
    id: `hresult-${w.name}`,
    re: new RegExp(String.raw`\b${h}\b|\b${w.name}\b|\b${h.replace('0x', '')}\b(?=\)|\s*\()`, 'i'),
    op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: w.sure ?? 'high', code: `hresult:${h}`,
  })),
  ...Object.entries(WIN32).map(([code, w]): Signature => {
    const n = Number(code);
    const hex = n.toString(16);
    const forms = [win32Decimal(n), String.raw`\b${w.name}\b`];
    if (w.hresult !== false) forms.push(win32Hresult(n));
    // The bare Win32 hex ("error 0x4C9", "(0x6D9)") only for three or more hex digits.
    if (hex.length >= 3) forms.push(String.raw`(?:error|code|status|\()[^\n0-9]{0,12}\b0x0*${hex}\b`);
    return {
      id: `win32-${code}`,
      re: new RegExp(forms.join('|'), 'i'),
      op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: w.sure ?? 'high', code: `win32:${code}`,
    };
  }),
  ...Object.entries(LDAP).map(([code, w]): Signature => {
    const n = Number(code);
    return {
      id: `ldap-${w.name}`,
      re: new RegExp(String.raw`\b${w.name}\b|\bLDAP[^\n]{0,40}?\b(?:error|result|code|status)\b[^\n0-9]{0,12}(?:0x0*${n.toString(16)}\b|${n}\b(?![.:,]\d))|LdapException[^\n]{0,120}?ErrorCode\s*[:=]?\s*${n}\b`, 'i'),
      op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'number', sure: w.sure ?? 'high', code: `ldap:0x${n.toString(16).padStart(2, '0')}`,
    };
  }),
  ...Object.entries(KERBEROS).map(([name, w]): Signature => ({
    id: `kerberos-${name}`,
    re: new RegExp(String.raw`\b${name}\b`),
    op: w.op, kind: w.kind, answeredBy: w.answeredBy, via: 'enum', sure: w.sure ?? 'high', code: `kerberos:${name}`,
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
  { id: 'scm-service-failed', re: /Service Control Manager\D{0,40}\b70(?:00|09|23|24|31|34|38)\b|\bEvent ?ID:?\s*7038\b|service was unable to log on as [^\n]{0,80}with the currently configured password/i, op: 'local', kind: 'service', answeredBy: 'local', via: 'number', sure: 'high', code: 'scm:service-failed' },
  // Windows Installer's result as its event and log write it (MsiInstaller events 1033/11708/11725
  // "… Installation success or error status: 1603.", the verbose log's "MainEngineThread is returning 1603"
  // and an action's "Return value 3", which "Logging of Action Return Values" gives as ERROR_INSTALL_FAILURE:
  // https://learn.microsoft.com/windows/win32/msi/logging-of-action-return-values). Status 0 and the
  // reboot codes 1641/3010 are success; only 1601-1639 (https://learn.microsoft.com/windows/win32/msi/error-codes) are read.
  { id: 'msi-result', re: /\bInstallation success or error status:\s*(16(?:0[13-9]|[1-3]\d))\b|\bMainEngineThread is returning (16(?:0[13-9]|[1-3]\d))\b|\bAction ended [^\n]{0,120}\bReturn value (3)\.?(?!\d)/, op: 'local', kind: 'install', answeredBy: 'local', via: 'number', sure: 'high', code: (m) => (m[3] ? 'msi:return-value-3' : `msi:${m[1] ?? m[2]}`) },
  // ERROR_SERVICE_SPECIFIC_ERROR's own words as services.msc and SCM event 7024 print them ("refer to
  // service-specific error code -2145185792", "terminated with the following service-specific error"):
  // system error code 1066, https://learn.microsoft.com/windows/win32/debug/system-error-codes--1000-1299-.
  { id: 'scm-service-specific', re: /\bservice-specific error code\s+-?\d+|\bterminated with the following service-specific error\b/i, op: 'local', kind: 'service', answeredBy: 'local', via: 'number', sure: 'high', code: 'win32:1066' },
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
  // BITS reports an HTTP answer as BG_E_HTTP_ERROR_<status> = 0x80190000 + status (BITS return values,
  // https://learn.microsoft.com/windows/win32/bits/bits-return-values): 0x801901F5 is a 501.
  { id: 'bits-http-status', re: /\b0x8019(0(?:1[9A-F][0-9A-F]|2[0-5][0-9A-F]))\b/gi, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'high', status: (m) => bitsStatus(m[1]!), code: (m) => { const s = bitsStatus(m[1]!); return s === undefined ? undefined : `http:${s}`; } },
  // SEC_E_NO_AUTHENTICATING_AUTHORITY's message, as Win32Exception prints it under Negotiate/Kerberos
  // (NTAuthentication.GetOutgoingBlob): no domain controller answered for a ticket.
  { id: 'sspi-no-authority-text', re: /cannot contact a domain controller to service the authentication request/i, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'phrase', sure: 'high', code: 'hresult:0x80090311' },
  { id: 'win32-1722', re: /\b(?:error|rpc)\D{0,12}\b1722\b/i, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'win32:1722' },
];

