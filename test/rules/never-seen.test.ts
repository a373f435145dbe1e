// Issue 12: diagnose what it has never seen. Each case is decided from the parts of an error that are
// never translated or reworded, in the clients and languages that end up in tickets; Entra Connect's own
// non-network failures are named, never blamed on the proxy; success is said when the evidence shows it.
import { describe, expect, it } from 'vitest';
import { codes, e906, evidence, group, pasted, run, trace } from './helpers.js';
import { buildReport } from '../../src/report/build.js';
import { renderReport } from '../../src/report/render.js';

const verdictOf = (text: string) => run({ groups: [pasted(text)] });

describe('languages: a sourced wording decides, and where no table knows the language the numbers and types still do', () => {
  const cases: [string, string, string, string][] = [
    // [language, text, code, verdict]
    ['de', "System.Net.WebException: Der Remotename konnte nicht aufgelöst werden: 'login.microsoftonline.com'", 'proxy-bypass-dns', 'proxy-bypassed'],
    ['fr', 'Une tentative de connexion a échoué car le parti connecté n’a pas répondu convenablement au-delà d’une certaine durée 40.126.7.1:443', 'proxy-bypass-connect', 'proxy-bypassed'],
    ['es', 'Error en el servidor remoto: (407) Se requiere autenticación del proxy.', 'proxy-auth-required', 'proxy-rejected'],
    ['it', 'Richiesta annullata: Impossibile creare un canale sicuro SSL/TLS', 'tls12-not-enabled', 'tls-failure'],
    ['pt', 'A conexão subjacente estava fechada: Não foi possível estabelecer relação de confiança para o canal seguro de SSL/TLS.', 'proxy-tls-interception', 'proxy-rejected'],
    ['nl', 'Een verbindingspoging is mislukt omdat de verbonden party niet correct heeft geantwoord na een bepaalde tijd 20.190.1.2:443', 'proxy-bypass-connect', 'proxy-bypassed'],
    ['ja', '対象のコンピューターによって拒否されたため、接続できませんでした。 10.0.0.5:8080', 'proxy-unreachable', 'proxy-unreachable'],
    ['zh', '远程服务器返回错误: (407) 需要代理身份验证。', 'proxy-auth-required', 'proxy-rejected'],
    ['ko', '요청이 중단되었습니다. SSL/TLS 보안 채널을 만들 수 없습니다.', 'tls12-not-enabled', 'tls-failure'],
    ['ru', 'Подключение не установлено, т.к. конечный компьютер отверг запрос на подключение 127.0.0.1:3128', 'proxy-unreachable', 'proxy-unreachable'],
    ['pl', 'Nie można nawiązać połączenia, ponieważ komputer docelowy aktywnie go odmawia 10.1.1.1:8080', 'proxy-unreachable', 'proxy-unreachable'],
    ['hu', 'A kérelmet megszakították: Nem sikerült létrehozni az SSL/TLS biztonságos csatornát.', 'tls12-not-enabled', 'tls-failure'],
    ['tr', "System.Net.WebException: Uzak ad çözülemedi: 'login.windows.net'", 'proxy-bypass-dns', 'proxy-bypassed'],
    // No sourced wordings for Swedish and Czech: the type, the enum and the numbers decide.
    ['sv (type + quoted name)', "System.Net.WebException: Fjärrnamnet kunde inte matchas: 'login.microsoftonline.com'", 'proxy-bypass-dns', 'proxy-bypassed'],
    ['cs (socket code + endpoint)', 'System.Net.Sockets.SocketException (10060): Pokus o připojení selhal 40.126.7.1:443', 'proxy-bypass-connect', 'proxy-bypassed'],
    ['cs (status)', 'Vzdálený server vrátil chybu: (407) Vyžadováno ověření proxy.', 'proxy-auth-required', 'proxy-rejected'],
    ['mojibake (UTF-8 read as CP850)', "System.Net.WebException: Der Remotename konnte nicht aufgel├Âst werden: 'login.microsoftonline.com'", 'proxy-bypass-dns', 'proxy-bypassed'],
  ];
  for (const [lang, text, code, verdict] of cases) {
    it(lang, () => {
      const d = verdictOf(text);
      expect(codes(d), lang).toContain(code);
      expect(d.verdict.code, lang).toBe(verdict);
    });
  }
});

describe('clients other than .NET', () => {
  it('Python, Node, Java, Go and curl each decide the route', () => {
    expect(verdictOf("HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded (Caused by ProxyError('Cannot connect to proxy.', NewConnectionError(': Failed to establish a new connection: [WinError 10061] No connection could be made because the target machine actively refused it')))").verdict.code).toBe('proxy-unreachable');
    expect(verdictOf('Error: tunneling socket could not be established, statusCode=407').verdict.code).toBe('proxy-rejected');
    expect(codes(verdictOf('java.net.UnknownHostException: login.microsoftonline.com'))).toEqual(['proxy-bypass-dns']);
    expect(codes(verdictOf('x509: certificate signed by unknown authority'))).toEqual(['proxy-tls-interception']);
    expect(codes(verdictOf('curl: (56) CONNECT tunnel failed, response 403'))).toEqual(['proxy-denied']);
  });
});

describe("proxies' own words, and Microsoft's edge is not the proxy", () => {
  it('a block page with no number is the proxy refusing', () => {
    const d = verdictOf("Sorry, you don't have permission to visit this site. Internet Security by Zscaler");
    expect(codes(d)).toEqual(['proxy-denied']);
    expect(d.findings[0]!.facts?.[0]).toMatchObject({ answeredBy: 'proxy', product: 'Zscaler' });
  });
  it("an Azure Front Door outage page names Microsoft, and nobody blames the proxy", () => {
    const d = verdictOf("Our services aren't available right now. We're working to restore all services as soon as possible. Ref A: 0A1B Ref B: AMS30EDGE Ref C: 2026-11-25T09:58:12Z x-azure-ref");
    expect(d.verdict.code).toBe('inconclusive');
    expect(d.verdict.summary).toMatch(/Microsoft's own service answered/);
    expect(codes(d).filter((c) => c.startsWith('proxy-'))).toEqual([]);
  });
});

describe("Entra Connect's own failures are named, not blamed on the network", () => {
  const table: [string, string][] = [
    ['The server encountered an unexpected error while processing a password change notification: "The ADSync service is not allowed to interact with the desktop to authenticate Sync_SERVER_1@contoso.onmicrosoft.com."', 'not-network-conditional-access'],
    ['Failed to acquire user information: 0x6ba', 'ad-connectivity'],
    ['stopped-deletion-threshold-exceeded', 'sync-deletion-threshold'],
    ['Synchronization stopped because the SQL Server database used by the Synchronization server is full. Create some space in the SQL Server database.', 'sync-database-error'],
    ['Retrieving the COM class factory for remote component with CLSID {835BEE60-8731-4159-8BFF-941301D76D05} from machine localhost failed due to the following error: 80070005', 'adsync-access-denied'],
    ['Error: permission-issue Connected data source error code: 8344 Connected data source error: Insufficient access rights to perform the operation.', 'ad-refused'],
    ['Set-MsolUser : Uniqueness violation. Property: ProxyAddresses.', 'sync-object-errors'],
    ['Directory synchronization is enabled for this directory, but has not taken effect. Please wait until directory synchronization is ready.', 'not-network-tenant'],
  ];
  for (const [text, code] of table) {
    it(code, () => {
      const d = verdictOf(text);
      expect(codes(d)).toContain(code);
      expect(d.verdict.code).toBe('not-network');
    });
  }
  it('Start-ADSyncSyncCycle while a cycle runs: both wordings', () => {
    for (const t of ['Start-ADSyncSyncCycle : System.InvalidOperationException: Sync is already running. Cannot start a new run till this one completes.', 'Start-ADSyncSyncCycle : System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.']) {
      expect(codes(verdictOf(t))).toEqual(['sync-in-progress']);
    }
  });
  it('stopped-server-down of the Entra connector is not AD connectivity; of the AD connector it is', () => {
    expect(codes(verdictOf("Run profile 'Export' on connector 'contoso.onmicrosoft.com - AAD' ended with status stopped-server-down."))).not.toContain('ad-connectivity');
    expect(codes(verdictOf("Run profile 'Full Import' on connector 'corp.contoso.com' ended with status stopped-server-down."))).toContain('ad-connectivity');
  });
});

describe('success is said when the evidence shows it', () => {
  it('password hash sync heartbeats in their own words', () => {
    const d = run({ groups: [group('Provision credentials ping end. TrackingID : 4c3c2b2a <forest-info><forest-name>corp.contoso.com</forest-name></forest-info>', { eventId: 654, level: 4 })] });
    expect(d.verdict.code).toBe('healthy');
  });
  it("the proxy's access log letting the CONNECT through", () => {
    const d = verdictOf('1605009543.005 0 172.17.0.1 TCP_TUNNEL/200 5435 CONNECT login.microsoftonline.com:443 - HIER_DIRECT/20.190.151.7 -');
    expect(d.verdict).toMatchObject({ code: 'healthy' });
    expect(d.verdict.summary).toMatch(/let the request through/);
  });
  it('the wizard reached Entra ID', () => {
    const d = run({ groups: [trace('[INFO ] Successfully retrieved company information.')] });
    expect(d.verdict.code).toBe('healthy');
  });
});

describe('the report shows the facts a finding was decided from', () => {
  it('in every format', () => {
    const ev = evidence({ groups: [group(e906("System.Net.WebException: The remote name could not be resolved: 'login.windows.net'"))] });
    const report = buildReport(run(ev), ev);
    const f = report.findings[0]!;
    expect(f.facts?.[0]).toMatchObject({ op: 'dns', kind: 'not-found', target: { host: 'login.windows.net' } });
    for (const format of ['text', 'markdown', 'html'] as const) {
      const out = renderReport(report, format, { color: false });
      expect(out, format).toMatch(/Decided from/);
      expect(out, format).toMatch(/login\.windows\.net/);
    }
  });
});
