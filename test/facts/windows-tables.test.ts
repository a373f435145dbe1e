// The number and enum tables of src/facts/signatures/windows.ts and dotnet.ts (issue 12): texts shaped as
// Windows, .NET, PowerShell and MSAL print them → the fact and the finding a user would see; and
// near-misses (a year, a port, a line number, a word) that must not match.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';
import { HRESULTS, KERBEROS, LDAP, SOCKET_ERROR_NAMES, WIN32, WINHTTP, WINSOCK } from '../../src/facts/signatures/windows.js';
import { codes, group, run } from '../rules/helpers.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const withCode = (t: string, code: string): Fact | undefined => facts(t).find((f) => f.codes.includes(code));
const findings = (t: string): string[] => codes(run({ groups: [group(t)] }));

describe('the tables themselves', () => {
  it('every SocketError name stands for a Winsock code of the table', () => {
    for (const [name, code] of Object.entries(SOCKET_ERROR_NAMES)) expect(WINSOCK[code], name).toBeDefined();
  });

  it('no number is listed twice across the Win32 and HRESULT tables', () => {
    const hr = new Set(Object.keys(HRESULTS));
    for (const [code, w] of Object.entries(WIN32)) {
      if (w.hresult === false) continue;
      expect(hr.has(`0x${(0x80070000 + Number(code)).toString(16)}`), w.name).toBe(false);
    }
  });

  it('the LDAP and Kerberos tables are keyed by their documented numbers', () => {
    expect(LDAP[0x51]?.name).toBe('LDAP_SERVER_DOWN');
    expect(KERBEROS.KDC_ERR_PREAUTH_FAILED?.code).toBe(24);
  });
});

describe('WinHTTP / WinINet 12xxx in their four forms', () => {
  it('the decimal, the HRESULT, the negative int and the name of 12029 are one fact', () => {
    for (const t of ['WinHttpSendRequest failed with error 12029', 'Exception from HRESULT: 0x80072EFD', 'HResult: -2147012867', 'ERROR_WINHTTP_CANNOT_CONNECT']) {
      expect(withCode(t, 'winhttp:12029')?.op, t).toBe('connect');
    }
  });

  it('WinINet\'s own name of a shared number (ERROR_INTERNET_CONNECTION_ABORTED = 12030) reads as that code', () => {
    expect(withCode('InternetReadFile failed: ERROR_INTERNET_CONNECTION_ABORTED', 'winhttp:12030')?.kind).toBe('reset');
  });

  it('ERROR_INTERNET_PROXY_SERVER_UNREACHABLE (12165) is the proxy that could not be reached', () => {
    const t = 'Windows Update failed to check for updates with error 0x80072F05 (ERROR_INTERNET_PROXY_SERVER_UNREACHABLE).';
    const f = withCode(t, 'winhttp:12165');
    expect(f?.op).toBe('connect');
    expect(f?.target?.role).toBe('proxy');
  });

  it('12170 (certificate revoked), 12179 (wrong usage) are certificate problems; 12057 is the revocation check', () => {
    expect(withCode('error 12170 ERROR_WINHTTP_SECURE_CERT_REVOKED', 'winhttp:12170')?.kind).toBe('certificate');
    expect(withCode('Exception from HRESULT: 0x80072F93', 'winhttp:12179')?.kind).toBe('certificate');
    expect(findings('The revocation function was unable to check revocation. WinHttp error 12057')).toContain('crl-unreachable');
  });

  it('the auto-proxy codes are PAC facts (12166 script error, 12167 download)', () => {
    expect(withCode('WinHttpGetProxyForUrl failed: error 12166', 'winhttp:12166')?.kind).toBe('pac');
    expect(withCode('ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT', 'winhttp:12167')?.kind).toBe('pac');
  });

  it('WinINet\'s DECODING_FAILED (its 12175) is not WinHTTP\'s SECURE_FAILURE', () => {
    const fs = facts('HttpSendRequest: ERROR_INTERNET_DECODING_FAILED');
    expect(fs.some((f) => f.codes.includes('wininet:12175') && f.op === 'http')).toBe(true);
    expect(fs.some((f) => f.codes.includes('winhttp:12175'))).toBe(false);
  });

  it('a 12xxx number with no error context does not match (a count, a port)', () => {
    expect(facts('Processed 12029 objects in 12165 ms').some((f) => f.codes.some((c) => c.startsWith('winhttp:')))).toBe(false);
    expect(facts('listening on 10.0.0.5:12164').some((f) => f.codes.some((c) => c.startsWith('winhttp:')))).toBe(false);
  });
});

describe('SSPI / Schannel and certificate HRESULTs', () => {
  it('an untrusted chain through the sync engine is the proxy\'s inspection', () => {
    const t = 'System.Net.WebException: The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel. ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure. (0x800B0112)';
    expect(withCode(t, 'hresult:0x800b0112')?.kind).toBe('untrusted');
    expect(findings(t)).toContain('proxy-tls-interception');
  });

  it('CERT_E_REVOCATION_FAILURE is a revocation check that could not be made', () => {
    const t = 'The revocation process could not continue - the certificate(s) could not be checked. (Exception from HRESULT: 0x800B010E)';
    expect(withCode(t, 'hresult:0x800b010e')?.kind).toBe('revocation');
    expect(findings(t)).toContain('crl-unreachable');
  });

  it('an expired certificate (CERT_E_EXPIRED, SEC_E_CERT_EXPIRED) is a certificate problem, not the protocol', () => {
    expect(withCode('A required certificate is not within its validity period (0x800B0101)', 'hresult:0x800b0101')?.kind).toBe('certificate');
    expect(withCode('Interop+Win32Exception (0x80090328): The received certificate has expired.', 'hresult:0x80090328')?.kind).toBe('certificate');
  });

  it('SEC_E_STRONG_CRYPTO_NOT_SUPPORTED is the TLS configuration of this machine', () => {
    const f = withCode('AuthenticationException: A call to SSPI failed ---> System.ComponentModel.Win32Exception (0x8009033A)', 'hresult:0x8009033a');
    expect(f?.kind).toBe('protocol');
    expect(f?.answeredBy).toBe('local');
  });

  it('SEC_E_NO_CREDENTIALS is this machine\'s own credentials, and SEC_E_LOGON_DENIED an account AD refused', () => {
    expect(withCode('Win32Exception (0x8009030E): No credentials are available in the security package', 'hresult:0x8009030e')?.answeredBy).toBe('local');
    expect(withCode('SEC_E_LOGON_DENIED', 'hresult:0x8009030c')?.op).toBe('directory');
  });

  it('the HRESULT printed without 0x before a parenthesis still counts; a plain 8-digit number does not', () => {
    expect(withCode('error 800B0101 (certificate expired)', 'hresult:0x800b0101')).toBeDefined();
    expect(facts('order 800B0101 shipped').some((f) => f.codes.includes('hresult:0x800b0101'))).toBe(false);
  });
});

describe('Win32 network, logon, RPC and directory errors', () => {
  it('"System error 53 has occurred." (net use) is a network path that could not be reached', () => {
    expect(withCode('System error 53 has occurred.\n\nThe network path was not found.', 'win32:53')?.kind).toBe('unreachable');
  });

  it('ERROR_CONNECTION_REFUSED as "error 1225" and as the HRESULT 0x800704C9', () => {
    expect(withCode('Connect failed with error 1225', 'win32:1225')?.kind).toBe('refused');
    expect(withCode('Exception from HRESULT: 0x800704C9', 'win32:1225')?.kind).toBe('refused');
  });

  it('no logon servers (1311) and the endpoint mapper (1753) are AD that could not be reached', () => {
    const t = 'Password synchronization failed: Win32 error 1311. There are currently no logon servers available to service the logon request.';
    expect(withCode(t, 'win32:1311')?.kind).toBe('unavailable');
    expect(findings(t)).toContain('ad-connectivity');
    expect(withCode('EPT_S_NOT_REGISTERED (0x6D9)', 'win32:1753')?.op).toBe('directory');
  });

  it('a logon failure (1326) and a locked-out account (0x80070775) are AD refusing the credentials', () => {
    const t = 'The AD DS connector account could not bind. Error: 1326 The user name or password is incorrect.';
    expect(withCode(t, 'win32:1326')?.answeredBy).toBe('ad');
    expect(findings(t)).toContain('not-network-credentials');
    expect(withCode('DirectoryServicesCOMException (0x80070775): The referenced account is currently locked out', 'win32:1909')?.kind).toBe('credentials');
  });

  it('ERROR_DS_INSUFF_ACCESS_RIGHTS as the HRESULT 0x80072098 is AD refusing', () => {
    expect(withCode('Exception from HRESULT: 0x80072098', 'win32:8344')?.kind).toBe('refused');
  });

  it('a year, a line number and a port are not Win32 codes', () => {
    const none = (t: string) => facts(t).some((f) => f.codes.some((c) => c.startsWith('win32:')));
    expect(none('Copyright 1998-2025 Microsoft; built 1231')).toBe(false);
    expect(none('at Sync.Run() in C:\\src\\Sync.cs:line 1225')).toBe(false);
    expect(none('error at line 1234 of the script')).toBe(false);
    expect(none('Connecting to dc01.contoso.local:1232')).toBe(false);
    expect(none('System error 53.5 seconds elapsed')).toBe(false);
  });
});

describe('LDAP result codes and Kerberos names', () => {
  it('"LDAP error 0x5b" is a connection to the DC that failed; LDAP_INVALID_CREDENTIALS is AD refusing', () => {
    expect(withCode('LDAP error 0x5b (Connect Error)', 'ldap:0x5b')?.kind).toBe('unavailable');
    expect(withCode('ldap_bind_s failed: LDAP_INVALID_CREDENTIALS', 'ldap:0x31')?.kind).toBe('credentials');
  });

  it('KDC_ERR_PREAUTH_FAILED is a wrong password; KRB_AP_ERR_SKEW the clock', () => {
    expect(withCode('Failure Code: 0x18 KDC_ERR_PREAUTH_FAILED', 'kerberos:KDC_ERR_PREAUTH_FAILED')?.kind).toBe('credentials');
    expect(withCode('KRB_AP_ERR_SKEW', 'kerberos:KRB_AP_ERR_SKEW')?.kind).toBe('time-skew');
  });

  it('a version or a year after "LDAP" is not a result code', () => {
    expect(facts('LDAP v3 code 2025 release').some((f) => f.codes.some((c) => c.startsWith('ldap:')))).toBe(false);
  });
});

describe('.NET enums', () => {
  it('SocketError names beyond the connect ones (AddressNotAvailable, NetworkReset)', () => {
    expect(withCode('SocketErrorCode: AddressNotAvailable', 'winsock:10049')?.op).toBe('connect');
    expect(withCode('SocketException: SocketError.NetworkReset', 'winsock:10052')?.kind).toBe('reset');
  });

  it('a local Winsock code in bare parentheses is not read, with its context it is', () => {
    expect(facts('processed (10022) rows').some((f) => f.codes.includes('winsock:10022'))).toBe(false);
    expect(withCode('[WinError 10022] An invalid argument was supplied', 'winsock:10022')?.op).toBe('local');
  });

  it('SslPolicyErrors: RemoteCertificateChainErrors is an untrusted chain → proxy-tls-interception', () => {
    const t = 'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch, RemoteCertificateChainErrors';
    expect(withCode(t, 'sslpolicy:RemoteCertificateChainErrors')?.kind).toBe('untrusted');
    expect(findings(t)).toContain('proxy-tls-interception');
  });

  it('X509ChainStatusFlags: PartialChain is untrusted, OfflineRevocation a revocation check that failed', () => {
    expect(withCode('The remote certificate is invalid because of errors in the certificate chain: PartialChain', 'x509:PartialChain')?.kind).toBe('untrusted');
    expect(findings('The remote certificate is invalid because of errors in the certificate chain: RevocationStatusUnknown, OfflineRevocation')).toContain('crl-unreachable');
    expect(withCode('ChainStatus: NotTimeValid', 'x509:NotTimeValid')?.kind).toBe('certificate');
  });

  it('"Revoked" as an English word is not X509ChainStatusFlags.Revoked', () => {
    expect(facts('The old token was revoked by the administrator').some((f) => f.codes.some((c) => c.startsWith('x509:')))).toBe(false);
  });

  it('HttpRequestError.ResponseEnded is a closed connection', () => {
    expect(withCode('HttpRequestException: The response ended prematurely. (HttpRequestError: ResponseEnded)', 'httprequesterror:ResponseEnded')?.kind).toBe('closed');
  });
});

describe('MSAL.NET and PowerShell', () => {
  it('MSAL request_timeout is no answer; service_not_available does not say who answered', () => {
    expect(withCode('MsalServiceException: ErrorCode: request_timeout', 'msal:request_timeout')?.answeredBy).toBe('nobody');
    expect(withCode('MsalServiceException: ErrorCode: service_not_available', 'msal:service_not_available')?.answeredBy).toBe('unknown');
  });

  it('Invoke-WebRequest\'s FullyQualifiedErrorId is a failed request', () => {
    const t = 'Invoke-WebRequest : Unable to connect to the remote server\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand';
    expect(facts(t).some((f) => f.codes.includes('ps:WebCmdletWebResponseException') || f.seen.some((s) => s.includes('WebCmdletWebResponseException')))).toBe(true);
  });
});

describe('ADAL error codes', () => {
  it('ADAL http_request_timeout is no answer; service_unavailable does not say who answered', () => {
    expect(withCode('AdalServiceException: ErrorCode: http_request_timeout', 'adal:http_request_timeout')?.kind).toBe('timed-out');
    expect(withCode('Microsoft.IdentityModel.Clients.ActiveDirectory.AdalServiceException: service_unavailable: Service is unavailable', 'adal:service_unavailable')?.answeredBy).toBe('unknown');
  });

  it('"service_unavailable" outside an ADAL error is not ADAL\'s code', () => {
    expect(facts('{"status":"service_unavailable_banner"}').some((f) => f.codes.includes('adal:service_unavailable'))).toBe(false);
  });
});

describe('more near-misses and Schannel informational codes', () => {
  it('"error at line 12002" and "error on port 12029" are not WinHTTP codes', () => {
    expect(facts('Script error at line 12002').some((f) => f.codes.includes('winhttp:12002'))).toBe(false);
    expect(facts('error on port 12029').some((f) => f.codes.includes('winhttp:12029'))).toBe(false);
    expect(withCode('WinHTTP error: 12002', 'winhttp:12002')?.kind).toBe('timed-out');
  });

  it('SEC_I_INCOMPLETE_CREDENTIALS is a server asking for a client certificate', () => {
    expect(withCode('InitializeSecurityContext returned SEC_I_INCOMPLETE_CREDENTIALS', 'hresult:0x00090320')?.kind).toBe('client-certificate');
  });
});

describe('stack frames', () => {
  it('HttpConnectionPool.ConnectToTcpHostAsync is the connect step of .NET 6+', () => {
    const t = 'System.Net.Http.HttpRequestException: An error occurred\n   at System.Net.Http.HttpConnectionPool.ConnectToTcpHostAsync(String host, Int32 port, HttpRequestMessage initialRequest, Boolean async, CancellationToken cancellationToken)';
    expect(facts(t).some((f) => f.op === 'connect')).toBe(true);
  });
});
