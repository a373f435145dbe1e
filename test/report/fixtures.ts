// Reports built the way the CLI builds them (buildReport over a Diagnosis and an EvidenceSet), with
// findings written as the CONTRACT describes them. Written by us; every secret is obviously fake.
import { emptyEvidence, type EvidenceSet } from '../../src/evidence/types.js';
import type { Diagnosis } from '../../src/rules/engine.js';
import type { Finding, Report } from '../../src/model/report.js';
import { buildReport } from '../../src/report/build.js';

export const NOW = new Date('2026-11-25T10:04:31.250Z');

export const MACHINE_CONFIG_FIX = [
  'Add the proxy to the .NET machine.config of the 64-bit Framework (C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config), inside <configuration> after </system.serviceModel>:',
  '<system.net>',
  '    <defaultProxy enabled="true" useDefaultCredentials="true">',
  '        <proxy',
  '        usesystemdefault="true"',
  '        proxyaddress="http://proxy.contoso.com:8080"',
  '        bypassonlocal="true"',
  '        />',
  '    </defaultProxy>',
  '</system.net>',
].join('\n');

const DNS_906 = (host: string): string =>
  [
    'GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). The ECMA2 connector will be unable to connect to Azure AD.',
    '',
    `System.Net.WebException: The remote name could not be resolved: '${host}'`,
    '   at System.Net.HttpWebRequest.GetRequestStream(TransportContext& context)',
    '   at Microsoft.IdentityModel.Clients.ActiveDirectory.Internal.Http.HttpClientWrapper.GetResponseAsync()',
  ].join('\r\n');

export function bypassFindings(): Finding[] {
  return [
    {
      code: 'service-proxy-missing',
      severity: 'error',
      route: 'direct',
      confidence: 'high',
      title: 'The sync service has no proxy, while people on this server do',
      explanation:
        'machine.config (Framework64) and miiserver.exe.config define no defaultProxy, so miiserver.exe (running as NT SERVICE\\ADSync) connects directly. The signed-in administrator has proxy.contoso.com:8080 in Internet Options, which is why the wizard and a browser work.',
      evidence: [
        {
          kind: 'config',
          source: 'config/machine.config.x64',
          location: 'line 268',
          excerpt: '<system.net>\n    <!-- no defaultProxy -->\n</system.net>',
        },
        {
          kind: 'config',
          source: 'config/wininet.json',
          location: 'HKU\\S-1-5-21-1004336348-1177238915-682003330-1104',
          excerpt: 'ProxyEnable = 1\nProxyServer = proxy.contoso.com:8080\nProxyOverride = *.contoso.com;<local>',
        },
      ],
      fix: [MACHINE_CONFIG_FIX, 'Restart the sync service so it reads machine.config again: Restart-Service ADSync'],
      references: ['https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites#connectivity'],
    },
    {
      code: 'proxy-bypass-dns',
      severity: 'error',
      route: 'direct',
      confidence: 'high',
      title: 'The sync service looked up Azure AD names itself and failed: it is not using the proxy',
      explanation:
        "miiserver.exe resolved 'login.windows.net' with the server's own DNS, which only answers internal names. A process that sends its requests to a proxy never resolves the public name itself, so this traffic went around the proxy.",
      evidence: [
        {
          kind: 'event',
          source: 'Application/Directory Synchronization/906',
          location: 'record 48213',
          time: '2026-11-25T09:58:12.1180070Z',
          excerpt: DNS_906('login.windows.net'),
        },
        {
          kind: 'event',
          source: 'Application/Directory Synchronization/906',
          location: 'record 47914',
          time: '2026-11-25T09:12:03.5512340Z',
          excerpt: DNS_906('login.windows.net'),
        },
        {
          kind: 'trace',
          source: 'traces/trace-20261125-091154.log',
          location: 'lines 120-126',
          time: '2026-11-25T09:12:04Z',
          excerpt:
            "[09:12:04.118] [ 24] [ERROR] GetSecurityToken failed. Details: System.Net.WebException: The remote name could not be resolved: 'login.microsoftonline.com' | Status: NameResolutionFailure",
        },
      ],
      fix: [MACHINE_CONFIG_FIX, 'Restart the sync service so it reads machine.config again: Restart-Service ADSync', 'Run a delta sync and check that no new 906 events appear: Start-ADSyncSyncCycle -PolicyType Delta'],
      references: [
        'https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-connectivity',
        'https://learn.microsoft.com/dotnet/framework/configure-apps/file-schema/network/defaultproxy-element-network-settings',
      ],
      count: 300,
      firstTime: '2026-11-25T09:12:03.5512340Z',
      lastTime: '2026-11-25T09:58:12.1180070Z',
    },
    {
      code: 'machine-config-restart-needed',
      severity: 'warning',
      route: 'unknown',
      confidence: 'medium',
      title: 'machine.config changed after the ADSync service started',
      explanation:
        'machine.config (Framework64) was modified at 2026-11-25 09:40:55 UTC; the ADSync service has been running since 2026-11-20 06:02:11 UTC, so any proxy change in it is not in effect yet.',
      evidence: [
        { kind: 'config', source: 'manifest.json', location: 'config/machine.config.x64', time: '2026-11-25T09:40:55Z', excerpt: 'modified 2026-11-25T09:40:55Z' },
        { kind: 'config', source: 'config/adsync.json', location: 'serviceStartTime', time: '2026-11-20T06:02:11Z', excerpt: '"serviceStartTime": "2026-11-20T06:02:11Z"' },
      ],
      fix: ['Restart the sync service: Restart-Service ADSync'],
      references: ['https://github.com/MicrosoftDocs/azure-docs/issues/59911'],
    },
  ];
}

export function bypassEvidence(): EvidenceSet {
  const ev = emptyEvidence();
  ev.inputs = [
    { path: 'traces/trace-20261125-091154.log', format: 'trace-log', bytes: 1_482_113, notes: [] },
    { path: 'events/Application.xml', format: 'event-xml', bytes: 9_871_220, notes: ['truncated after event 12'] },
    { path: 'config/machine.config.x64', format: 'dotnet-config', bytes: 41_233, notes: [] },
    { path: 'config/wininet.json', format: 'bundle-json', bytes: 2_204, notes: [] },
    { path: 'manifest.json', format: 'bundle-manifest', bytes: 6_017, notes: [] },
  ];
  ev.counts = { events: 1_942, relevantEvents: 300, traceRecords: 8_410, textRecords: 0 };
  ev.adsync = [
    {
      file: 'config/adsync.json',
      version: '2.4.27.0',
      serviceFound: true,
      serviceStatus: 'Running',
      serviceAccount: 'NT SERVICE\\ADSync',
      serviceStartTime: '2026-11-20T06:02:11Z',
      scheduler: { syncCycleEnabled: true, stagingModeEnabled: false, schedulerSuspended: false },
    },
  ];
  ev.sync = [
    {
      file: 'sync/cycle.json',
      started: true,
      policyType: 'Delta',
      result: 'Success',
      runProfileResults: [
        {
          connectorName: 'corp.contoso.com',
          runProfileName: 'Delta Import',
          result: 'success',
          startDate: '2026-11-25T09:55:02Z',
          endDate: '2026-11-25T09:55:31Z',
          stepErrors: [],
        },
        {
          connectorName: 'contoso.onmicrosoft.com - AAD',
          runProfileName: 'Export',
          result: 'stopped-extension-dll-exception',
          startDate: '2026-11-25T09:56:40Z',
          endDate: '2026-11-25T09:58:13Z',
          stepErrors: ['stopped-extension-dll-exception: GetSecurityToken failed'],
        },
      ],
    },
  ];
  ev.collection = [
    { name: 'preflight', status: 'ok', durationMs: 412, error: null },
    { name: 'events', status: 'ok', durationMs: 3_812, error: null },
    { name: 'traces', status: 'ok', durationMs: 1_204, error: null },
    { name: 'config', status: 'ok', durationMs: 655, error: null },
    { name: 'sync-cycle', status: 'ok', durationMs: 191_030, error: null },
    { name: 'probes-as-service', status: 'failed', durationMs: 30_000, error: 'Register-ScheduledTask: Access is denied. (0x80070005)' },
  ];
  return ev;
}

export function bypassDiagnosis(): Diagnosis {
  const endpoints = ['login.microsoftonline.com', 'adminwebservice.microsoftonline.com', 'provisioningapi.microsoftonline.com'];
  return {
    verdict: {
      code: 'proxy-bypassed',
      summary:
        'The sync service (miiserver.exe) has no proxy configured and tried to reach Azure AD directly; the firewall only lets traffic out through proxy.contoso.com:8080.',
    },
    // Given in an order the engine might produce; buildReport puts the deciding error first.
    findings: [bypassFindings()[2]!, bypassFindings()[0]!, bypassFindings()[1]!],
    proxyPaths: [
      ...endpoints.map((endpoint) => ({
        actor: 'sync-service',
        endpoint,
        route: 'direct' as const,
        proxy: null,
        source: 'machine.config (Framework64): no defaultProxy; miiserver.exe.config: none',
        credentials: false,
      })),
      ...endpoints.map((endpoint) => ({
        actor: 'wizard',
        endpoint,
        route: 'proxy' as const,
        proxy: 'proxy.contoso.com:8080',
        source: 'WinINET of the signed-in user (usesystemdefault)',
        credentials: true,
      })),
      ...endpoints.map((endpoint) => ({
        actor: 'winhttp',
        endpoint,
        route: 'direct' as const,
        proxy: null,
        source: 'netsh winhttp: Direct access (no proxy server)',
      })),
    ],
  };
}

export function bypassReport(): Report {
  return buildReport(bypassDiagnosis(), bypassEvidence(), NOW);
}

export function healthyReport(): Report {
  const ev = emptyEvidence();
  ev.inputs = [{ path: 'events/Application.xml', format: 'event-xml', bytes: 120_442, notes: [] }];
  ev.counts = { events: 212, relevantEvents: 0, traceRecords: 0, textRecords: 0 };
  return buildReport(
    { verdict: { code: 'healthy', summary: 'The last sync cycle exported to Azure AD without errors.' }, findings: [], proxyPaths: [] },
    ev,
    NOW,
  );
}

/** Evidence that tries to break out of every context a renderer writes it into. */
export const HOSTILE_EXCERPT =
  '<script>window.__pwned = "script"</script><img src=x onerror="window.__pwned=\'img\'"> | col | ```\n``` end fence\n' +
  '"><svg onload="window.__pwned=\'svg\'"> \u001b[2J\u001b[31mRED\u0007 \u202Etxt.exe';

/**
 * The hostile report as a renderer may receive it from any caller: buildReport drops a non-http
 * reference, so one is put back here to prove the renderers never make it a link.
 */
export function hostileReport(): Report {
  const r = hostileReportBuilt();
  r.findings[0]!.references.unshift('javascript:window.__pwned="ref"');
  return r;
}

/** The hostile report exactly as buildReport makes it. */
export function hostileReportBuilt(): Report {
  const f: Finding = {
    code: 'proxy-denied',
    severity: 'error',
    route: 'proxy',
    confidence: 'high',
    title: 'Proxy block page <b onmouseover="window.__pwned=\'title\'">instead of SOAP</b> | table',
    explanation: "The proxy answered with its own HTML page: \"Encountered unexpected character '<'.\" <iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
    evidence: [
      {
        kind: 'trace',
        source: 'traces/trace-"><script>window.__pwned="src"</script>.log',
        location: 'line 7 | injected',
        time: '2026-11-25T09:30:00Z',
        excerpt: HOSTILE_EXCERPT,
      },
    ],
    fix: ['Allow *.microsoftonline.com on the proxy <a href="javascript:window.__pwned=\'fix\'">here</a>'],
    references: ['javascript:window.__pwned="ref"', 'https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-connectivity'],
    count: 2,
    firstTime: '2026-11-25T09:30:00Z',
    lastTime: '2026-11-25T09:31:00Z',
  };
  const ev = emptyEvidence();
  ev.inputs = [{ path: 'traces/<img src=x onerror=alert(1)>.log', format: 'trace-log', bytes: 900, notes: ['line 9 <script>x</script> | cut'] }];
  ev.collection = [{ name: 'events"><script>window.__pwned=1</script>', status: 'failed', durationMs: 10, error: '<b>denied</b> | x' }];
  return buildReport(
    {
      verdict: { code: 'proxy-rejected', summary: 'The proxy replaced the answer with <script>window.__pwned="verdict"</script> a block page.' },
      findings: [f],
      proxyPaths: [{ actor: 'sync-service', endpoint: '<script>x</script>', route: 'proxy', proxy: 'proxy.contoso.com:8080', source: 'machine.config | "quoted"' }],
    },
    ev,
    NOW,
  );
}
