// Quotes must show what decided the finding: the endpoint of .NET Core errors, no PowerShell position lines.
import { describe, expect, it } from 'vitest';
import { QA, analyze, pasted, codes, finding } from './helpers.js';

describe('quotes show what decided the finding', () => {
  it('.NET Core "Name or service not known (host:443)": the quote names the host', () => {
    const r = pasted('System.Net.Http.HttpRequestException: Name or service not known (login.microsoftonline.com:443)\n ---> System.Net.Sockets.SocketException (0xFFFDFFFE): Name or service not known\n');
    expect(codes(r)).toEqual(['proxy-bypass-dns']);
    expect(finding(r, 'proxy-bypass-dns').evidence[0]!.excerpt).toMatch(/login\.microsoftonline\.com:443/);
  });
  it('.NET Core "Connection refused (proxy:3128)": the quote names the proxy', () => {
    const r = pasted('System.Net.Http.HttpRequestException: Connection refused (proxy.contoso.com:3128)\n ---> System.Net.Sockets.SocketException (111): Connection refused\n');
    expect(codes(r)).toEqual(['proxy-unreachable']);
    expect(finding(r, 'proxy-unreachable').evidence[0]!.excerpt).toMatch(/proxy\.contoso\.com:3128/);
  });
  it('a PowerShell error record is quoted without its position lines', () => {
    const f = finding(analyze([`${QA}/iwr-407.txt`]), 'proxy-auth-required');
    expect(f.evidence[0]!.excerpt).toBe('Invoke-WebRequest : The remote server returned an error: (407) Proxy Authentication Required.');
  });
});
