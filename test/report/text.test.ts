import { describe, expect, it } from 'vitest';
import { renderReport, renderVerdictLine } from '../../src/report/render.js';
import { renderText } from '../../src/report/text.js';
import { bypassReport, healthyReport, hostileReport } from './fixtures.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

describe('text report', () => {
  const report = bypassReport();
  const plain = renderReport(report, 'text', { color: false });
  const lines = plain.split('\n');

  it('opens with the verdict and its one-sentence summary', () => {
    expect(lines[0]).toBe('VERDICT: Proxy bypassed (proxy-bypassed)');
    expect(lines.slice(1, 3).join(' ').replace(/\s+/g, ' ').trim()).toBe(report.verdict.summary);
    expect(lines[3]).toContain('2 errors, 1 warning');
  });

  it('shows each finding with code, severity, title and why, in report order', () => {
    const first = lines.findIndex((l) => l.startsWith('[1] ERROR proxy-bypass-dns — The sync service looked up'));
    const second = lines.findIndex((l) => l.startsWith('[2] ERROR service-proxy-missing'));
    const third = lines.findIndex((l) => l.startsWith('[3] WARNING machine-config-restart-needed'));
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(plain).toContain("    Why: miiserver.exe resolved 'login.windows.net' with the server's own DNS");
  });

  it('quotes the evidence with source, location and time, and says how often it repeated', () => {
    expect(plain).toContain('route direct · confidence high · ×300, first 2026-11-25 09:12:03 UTC, last 09:58:12 UTC');
    expect(plain).toContain('Evidence (3 of 300 records quoted):');
    expect(plain).toContain('      event · Application/Directory Synchronization/906 · record 47914 · 2026-11-25 09:12:03 UTC');
    expect(plain).toContain("        │ System.Net.WebException: The remote name could not be resolved: 'login.windows.net'");
    expect(plain).toContain('      trace · traces/trace-20261125-091154.log · lines 120-126 · 2026-11-25 09:12:04 UTC');
  });

  it('numbers the fix steps under "What to try next" and shows the machine.config snippet as a block', () => {
    const start = lines.indexOf('WHAT TO TRY NEXT');
    expect(start).toBeGreaterThan(lines.findIndex((l) => l.startsWith('[3] WARNING')));
    const section = lines.slice(start);
    expect(section.some((l) => l.startsWith('    1. Add the proxy to the .NET machine.config'))).toBe(true);
    expect(section).toContain('    2. Restart the sync service so it reads machine.config again:');
    expect(section).toContain('         Restart-Service ADSync');
    expect(section).toContain('    3. Run a delta sync and check that no new 906 events appear:');
    // The snippet keeps its own lines and indentation, so it can be pasted as it is.
    const open = section.indexOf('         <system.net>');
    expect(open).toBeGreaterThan(0);
    expect(section.slice(open, open + 10).map((l) => l.slice(9))).toEqual([
      '<system.net>',
      '    <defaultProxy enabled="true" useDefaultCredentials="true">',
      '        <proxy',
      '        usesystemdefault="true"',
      '        proxyaddress="http://proxy.contoso.com:8080"',
      '        bypassonlocal="true"',
      '        />',
      '    </defaultProxy>',
      '</system.net>',
      '',
    ]);
    // The second finding needs the same snippet: it points back instead of printing it twice.
    expect(plain.match(/<defaultProxy enabled/g)).toHaveLength(1);
    expect(plain).toContain('(the snippet is shown under [1] step 1)');
  });

  it('shows the proxy-path matrix compactly, with the reason per actor', () => {
    expect(plain).toContain('  endpoint                             sync-service  wizard  winhttp');
    expect(plain).toContain('  login.microsoftonline.com            DIRECT        proxy   DIRECT');
    expect(plain).toContain('  proxy = proxy.contoso.com:8080');
    expect(plain).toMatch(/sync-service → every endpoint: DIRECT — machine\.config \(Framework64\): no defaultProxy/);
  });

  it('highlights failed collection steps and lists inputs with their notes', () => {
    expect(plain).toContain('1 step of 6 did not complete: the report holds what was collected.');
    expect(plain).toMatch(/ {2}FAILED {3}probes-as-service +30\.0 s\n {11}Register-ScheduledTask: Access is denied\. \(0x80070005\)/);
    expect(plain).toMatch(/events\/Application\.xml +event-xml +9\.4 MB\n {4}note: truncated after event 12/);
    expect(plain).toContain('Sync cycle: Delta started, result Success');
  });

  it('has no ANSI codes without colour, and the same words with colour', () => {
    expect(plain).not.toMatch(/\x1b/);
    const colored = renderReport(report, 'text', { color: true });
    expect(colored).toMatch(ANSI);
    expect(colored.replace(ANSI, '')).toBe(plain);
  });

  it('wraps prose at 100 columns; only unbreakable tokens (a stack frame, a URL) may run longer', () => {
    // A line may be longer only because of its last word, which did not fit on a line of its own.
    const overflowOnlyByLastWord = (l: string, width: number): boolean => l.slice(0, l.lastIndexOf(' ')).length <= width;
    const long = lines.filter((l) => l.length > 100);
    expect(long.length).toBeGreaterThan(0); // the stack frames and the long reference URL
    for (const l of long) expect(overflowOnlyByLastWord(l, 100), l).toBe(true);
    const narrow = renderText(report, { color: false, width: 60 }).split('\n');
    for (const l of narrow.filter((x) => x.length > 60)) expect(overflowOnlyByLastWord(l, 60), l).toBe(true);
  });

  it('marks a soft-wrapped excerpt line as a continuation and keeps every character', () => {
    const narrow = renderText(report, { color: false, width: 80 });
    const trace = narrow.split('\n').findIndex((l) => l.includes('│ [09:12:04.118]'));
    const quoted = [narrow.split('\n')[trace]!];
    for (let k = trace + 1; narrow.split('\n')[k]!.includes('┊'); k++) quoted.push(narrow.split('\n')[k]!);
    expect(quoted.length).toBeGreaterThan(1);
    const rejoined = quoted.map((l) => l.replace(/^ *[│┊] {0,3}/, '')).join(' ');
    expect(rejoined).toBe(
      "[09:12:04.118] [ 24] [ERROR] GetSecurityToken failed. Details: System.Net.WebException: The remote name could not be resolved: 'login.microsoftonline.com' | Status: NameResolutionFailure",
    );
  });

  it('cannot be repainted by control characters in evidence', () => {
    const hostile = renderReport(hostileReport(), 'text', { color: false });
    expect(hostile).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    expect(hostile).toContain('\\x1b[2J\\x1b[31mRED\\x07 \\u202etxt.exe');
  });

  it('gives the one line -q prints', () => {
    expect(renderVerdictLine(report)).toBe(`proxy-bypassed: ${report.verdict.summary} (2 errors, 1 warning)\n`);
    expect(renderVerdictLine(healthyReport())).toBe('healthy: The last sync cycle exported to Azure AD without errors. (no findings)\n');
    expect(renderVerdictLine(report, { color: true }).replace(ANSI, '')).toBe(renderVerdictLine(report));
  });

  it('keeps a healthy report short: verdict, no empty sections', () => {
    const h = renderReport(healthyReport(), 'text', { color: false });
    expect(h.split('\n')[0]).toBe('VERDICT: Healthy (healthy)');
    expect(h).not.toContain('FINDINGS');
    expect(h).not.toContain('WHAT TO TRY NEXT');
    expect(h).not.toContain('PROXY PATHS');
    expect(h).toContain('INPUTS READ (1)');
  });
});

describe('text report: proxy-path reasons', () => {
  it('says a reason shared by several actors once, naming them all', () => {
    const report = bypassReport();
    const source = 'machine.config (Framework64): proxyaddress proxy.contoso.com:8080 (sends no credentials)';
    report.proxyPaths = ['sync-service', 'wizard-configure', 'admin-powershell'].map((actor, i) => ({
      actor,
      endpoint: i === 0 ? 'login.microsoftonline.com, login.windows.net' : 'login.microsoftonline.com',
      route: 'proxy' as const,
      proxy: 'proxy.contoso.com:8080',
      source,
    }));
    report.proxyPaths.push({ actor: 'winhttp-clients', endpoint: 'mscrl.microsoft.com:80', route: 'direct', proxy: null, source: 'WinHTTP (netsh): direct access' });
    const text = renderReport(report, 'text', { color: false });
    const why = text.slice(text.indexOf('  Why:'), text.indexOf('COLLECTION')).replace(/\s+/g, ' ');
    expect(why.split('proxyaddress proxy.contoso.com:8080').length - 1).toBe(1);
    expect(why).toContain('sync-service, wizard-configure, admin-powershell:');
    expect(why).toContain('winhttp-clients: WinHTTP (netsh): direct access');
  });
});
