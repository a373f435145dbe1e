// Deterministic, realistic benchmark inputs (issue 6). Same seed -> same bytes, so runs compare.
// Written as streams so generating a 1 GB file needs no more memory than a 1 MB file.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Small fast PRNG (mulberry32): deterministic across Node versions. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes many small strings to a file in ~1 MiB batches, honouring back-pressure, and counts the
 * UTF-8 bytes written: the generators make gigabytes without holding more than a batch.
 */
class BatchWriter {
  private readonly out;
  private batch: string[] = [];
  private batchChars = 0;
  bytes = 0;

  constructor(path: string) {
    this.out = createWriteStream(path, { highWaterMark: 1 << 20 });
  }

  async write(s: string): Promise<void> {
    this.batch.push(s);
    this.batchChars += s.length;
    this.bytes += Buffer.byteLength(s);
    if (this.batchChars > 1 << 20) {
      const text = this.batch.join('');
      this.batch = [];
      this.batchChars = 0;
      if (!this.out.write(text)) await once(this.out, 'drain');
    }
  }

  async end(): Promise<void> {
    this.out.end(this.batch.join(''));
    this.batch = [];
    await once(this.out, 'finish');
  }
}

const NOISE: { provider: string; id: number; level: number; guid?: string; data: (r: () => number, n: number) => string[] }[] = [
  { provider: 'MsiInstaller', id: 1035, level: 4, data: (r, n) => [`Windows Installer reconfigured the product. Product Name: Microsoft Visual C++ 2019 X64 Additional Runtime - 14.29.${30000 + (n % 1000)}. Product Version: 14.29.30133. Product Language: 1033. Manufacturer: Microsoft Corporation. Reconfiguration success or error status: 0.`, '(NULL)', '(NULL)'] },
  { provider: 'Application Error', id: 1000, level: 2, data: (r, n) => ['svchost.exe_wuauserv', '10.0.20348.1', '8e3a1c2d', 'ntdll.dll', '10.0.20348.2227', `c0000374`, `0x${(n * 2654435761 >>> 0).toString(16)}`, '0x1a4c', '01da1f2b3c4d5e6f'] },
  { provider: 'Microsoft-Windows-Security-SPP', id: 16384, level: 4, guid: '{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}', data: () => ['2026-11-25T08:00:00Z', 'RulesEngine'] },
  { provider: 'ESENT', id: 916, level: 4, guid: '{478EA8A8-00BE-4BA6-8E75-8B9DC7DB9F78}', data: (r, n) => ['svchost', `${4000 + (n % 900)},G,98`, '', 'The beta feature EseDiskFlushConsistency is enabled in ESENT due to the beta site mode settings 0x800000.'] },
  { provider: 'VSS', id: 8224, level: 4, data: () => ['The VSS service is shutting down due to idle timeout. ', '2D20436F64653A20435452435452434330303030303839'] },
  { provider: 'Microsoft-Windows-RestartManager', id: 10000, level: 4, guid: '{0888E5EF-9B98-4695-979D-E92CE4247224}', data: (r, n) => [`${n % 7}`, `2026-11-25T0${n % 10}:00:00.000000000Z`] },
  { provider: 'SecurityCenter', id: 15, level: 4, data: () => ['Windows Defender', 'SECURITY_PRODUCT_STATE_ON'] },
  { provider: 'Windows Error Reporting', id: 1001, level: 4, data: (r, n) => [`${1900000000 + n}`, '5', 'BEX64', 'Not available', '0', 'svchost.exe', '10.0.20348.1', 'C:\\ProgramData\\Microsoft\\Windows\\WER\\ReportQueue\\AppCrash_svchost.exe_a1b2c3'] },
];

const AADC: { provider: string; id: number; level: number; text: (r: () => number, n: number) => string }[] = [
  {
    provider: 'Directory Synchronization', id: 906, level: 2,
    text: (r, n) =>
      `GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). The ADSync service is not allowed to start. TrackingId: ${guid(r)}\r\n\r\nMicrosoft.Identity.Client.MsalServiceException: User realm discovery failed ---> System.Net.WebException: The remote name could not be resolved: 'login.windows.net'\r\n   at System.Net.HttpWebRequest.GetResponse()\r\n   at Microsoft.Identity.Client.Http.HttpClientFactory.SendAsync(${n})`,
  },
  { provider: 'Directory Synchronization', id: 654, level: 4, text: (r) => `Password Hash Synchronization ping response.  TrackingId: ${guid(r)}. Status: Success.` },
  { provider: 'Directory Synchronization', id: 651, level: 4, text: (r, n) => `Password Hash Synchronization batch end. Batch size: ${n % 40}. TrackingId: ${guid(r)}` },
  {
    provider: 'ADSync', id: 6900, level: 2,
    text: (r) =>
      `The server encountered an unexpected error while processing a password change notification:\r\nSystem.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond 40.126.${Math.floor(r() * 60)}.${Math.floor(r() * 250)}:443\r\n   at System.Net.Sockets.Socket.DoConnect(EndPoint endPointSnapshot, SocketAddress socketAddress)`,
  },
  { provider: 'ADSync', id: 6946, level: 4, text: () => 'Scheduler::SchedulerThreadMain : Started sync cycle. Next sync cycle will start in 30 minutes.' },
  { provider: 'PasswordResetService', id: 31044, level: 2, text: (r) => `TrackingId: ${guid(r)}, Password writeback service is not in a healthy state. No serviceHost for service bus endpoints are in running state. Please refer aka.ms/ssprtroubleshoot, Details: Version: 5.0.0.686` },
];

function guid(r: () => number): string {
  const h = () => Math.floor(r() * 0x10000).toString(16).padStart(4, '0');
  return `${h()}${h()}-${h()}-${h()}-${h()}-${h()}${h()}${h()}`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function isoTime(base: number, n: number): string {
  const ms = base + n * 1731;
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** One event as `Get-WinEvent | % ToXml()` writes it (classic sources: unnamed Data, Qualifiers). */
export function eventXml(provider: string, guidAttr: string | undefined, id: number, level: number, time: string, recordId: number, data: string[], rendered?: string): string {
  const prov = guidAttr ? `<Provider Name='${provider}' Guid='${guidAttr}'/>` : `<Provider Name='${provider}'/>`;
  const evid = guidAttr ? `<EventID>${id}</EventID>` : `<EventID Qualifiers='0'>${id}</EventID>`;
  const body = data.map((d) => `<Data>${esc(d)}</Data>`).join('');
  const ri = rendered ? `<RenderingInfo Culture='en-US'><Message>${esc(rendered)}</Message><Level>${level === 2 ? 'Error' : 'Information'}</Level><Task></Task><Opcode>Info</Opcode><Channel>Application</Channel><Provider></Provider><Keywords><Keyword>Classic</Keyword></Keywords></RenderingInfo>` : '';
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>${prov}${evid}<Version>0</Version><Level>${level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${time}'/><EventRecordID>${recordId}</EventRecordID><Correlation/><Execution ProcessID='${guidAttr ? 4312 : 0}' ThreadID='0'/><Channel>Application</Channel><Computer>AADC01.contoso.local</Computer><Security/></System><EventData>${body}</EventData>${ri}</Event>`;
}

export interface GeneratedEvents {
  bytes: number;
  events: number;
  relevantEvents: number;
}

/**
 * An Application log export. `relevantShare` of the events come from Azure AD Connect providers.
 * Rootless like `wevtutil qe Application /f:xml` (one <Event> per line, CRLF).
 */
export async function writeEventExport(path: string, targetBytes: number, relevantShare: number, seed = 42): Promise<GeneratedEvents> {
  const r = prng(seed);
  const out = new BatchWriter(path);
  const base = Date.parse('2026-11-20T00:00:00Z');
  let n = 0;
  let relevant = 0;
  while (out.bytes < targetBytes) {
    let xml: string;
    if (r() < relevantShare) {
      const t = AADC[Math.floor(r() * AADC.length)]!;
      xml = eventXml(t.provider, undefined, t.id, t.level, isoTime(base, n), 100000 + n, [t.text(r, n)]);
      relevant++;
    } else {
      const t = NOISE[Math.floor(r() * NOISE.length)]!;
      xml = eventXml(t.provider, t.guid, t.id, t.level, isoTime(base, n), 100000 + n, t.data(r, n));
    }
    n++;
    await out.write(xml + '\r\n');
  }
  await out.end();
  return { bytes: out.bytes, events: n, relevantEvents: relevant };
}

/** A wizard trace log (`trace-YYYYMMDD-HHMMSS.log`): mostly INFO lines, some ERROR blocks with stacks. */
export async function writeTraceLog(path: string, targetBytes: number, seed = 7): Promise<{ bytes: number; records: number; entries: number }> {
  const r = prng(seed);
  const out = new BatchWriter(path);
  let n = 0;
  let errors = 0;
  const info = [
    'Page transition from "Connect to Azure AD" [AzureTenantPageViewModel] to "Connect your directories" [ConnectDirectoriesPageViewModel]. ',
    'Successfully retrieved company information.  ',
    'AzureInstanceDiscovery: cloud instance AzurePublic, authority https://login.microsoftonline.com/contoso.onmicrosoft.com. ',
    'ServiceControllerProvider: QueryServiceStatus(ADSync) status: Running. ',
    'Default Proxy [ProxyAddress]: <Unspecified> ',
  ];
  while (out.bytes < targetBytes) {
    const ms = n * 37;
    const h = Math.floor(ms / 3_600_000) % 24;
    const m = Math.floor(ms / 60_000) % 60;
    const s = Math.floor(ms / 1000) % 60;
    const stamp = `[${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}]`;
    const tid = String(1 + (n % 40)).padStart(3, ' ');
    let chunk: string;
    if (r() < 0.002) {
      errors++;
      chunk =
        `${stamp} [${tid}] [ERROR] AzureADConnect.exe: An error occurred executing Configure AAD Sync task: user realm discovery failed \r\n` +
        `Exception Data (Raw): Microsoft.Identity.Client.MsalServiceException: User realm discovery failed ---> System.Net.WebException: The remote name could not be resolved: 'login.windows.net'\r\n` +
        `   at System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)\r\n` +
        `   at System.Threading.Tasks.TaskFactory\`1.FromAsyncCoreLogic(IAsyncResult iar, Func\`2 endFunction, Action\`1 endAction, Task\`1 promise, Boolean requiresSynchronization)\r\n` +
        `   --- End of inner exception stack trace ---\r\n` +
        `   at Microsoft.Identity.Client.Internal.Requests.RequestBase.<RunAsync>d__14.MoveNext()\r\n`;
    } else {
      chunk = `${stamp} [${tid}] [INFO ] ${info[Math.floor(r() * info.length)]}\r\n`;
    }
    n++;
    await out.write(chunk);
  }
  await out.end();
  // records: ERROR blocks (what analyze keeps); entries: timestamped entries (INFO lines and ERROR blocks).
  return { bytes: out.bytes, records: errors, entries: n };
}

/**
 * The events of a simulated server (ps/simulator reads scenarios/<name>/events/*.xml): `count`
 * Azure AD Connect events (the templates above, same mix as the exports) as `Get-WinEvent | % ToXml()`
 * writes them, under an `<Events>` root, oldest first, evenly spread over the `windowMs` before
 * `nowMs` (the scenario's "now": the simulator moves that to the real now, so the events stay inside
 * the collector's look-back window whenever the scenario runs).
 */
export async function writeScenarioEvents(path: string, count: number, nowMs: number, windowMs: number, seed = 46): Promise<{ bytes: number; events: number; byProvider: Record<string, number> }> {
  const r = prng(seed);
  const out = new BatchWriter(path);
  const byProvider: Record<string, number> = {};
  const start = nowMs - windowMs;
  await out.write("<?xml version='1.0' encoding='utf-8'?>\r\n<Events>\r\n");
  for (let n = 0; n < count; n++) {
    const t = AADC[Math.floor(r() * AADC.length)]!;
    const time = new Date(start + Math.floor((n * windowMs) / count)).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
    const xml = eventXml(t.provider, undefined, t.id, t.level, time, 300000 + n, [t.text(r, n)]) + '\r\n';
    byProvider[t.provider] = (byProvider[t.provider] ?? 0) + 1;
    await out.write(xml);
  }
  await out.write('</Events>\r\n');
  await out.end();
  return { bytes: out.bytes, events: count, byProvider };
}
