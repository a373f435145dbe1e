// The known .NET / WinHTTP / Winsock / ADSync phrases, recognised in the languages Windows writes them in,
// mapped to language-neutral ids, and each id to the fact it stands for (PHRASE_FACTS). Phrases are one
// source of facts among several: type names, enum values, frames and numbers (src/facts/signatures/)
// decide without them, so an untranslated or reworded message still leaves a trace.
//
// .NET Framework translates its messages into the OS language (docs/windows-facts.md §6). Patterns marked
// "(§6)" are from real program output listed there; phrases/translations.json adds wordings gathered from
// public posts, each with its URL; the other translations are resource strings as shipped, not checked
// against a capture here (README says which languages are covered by sourced wordings).

import { gateFor, gateText, mayMatch, type GateText } from './gate.js';
import type { Fact } from './types.js';
import translations from './phrases/translations.json' with { type: 'json' };

export interface PhraseDef {
  id: string;
  /** What the phrase means, for the code reader. */
  meaning: string;
  patterns: RegExp[];
}

// Apostrophes vary (' ’ ´) in localised messages; this class accepts all of them.
const Q = "['’´`]";

export const PHRASES: PhraseDef[] = [
  {
    id: 'remote-name-unresolved',
    meaning: 'The process resolved the target host name itself and DNS failed (WebException NameResolutionFailure).',
    patterns: [
      /The remote name could not be resolved/i,
      /Der Remotename konnte nicht aufgel[öo]e?st werden/i, // de (§6)
      new RegExp(`Le nom distant n${Q}a pas pu [êe]tre r[ée]solu`, 'i'), // fr (§6)
      /No se puede resolver el nombre remoto/i, // es (§6)
      /Impossibile risolvere il nome remoto/i, // it (§6)
      /O nome remoto n[ãa]o p[ôo]de ser resolvido/i, // pt-BR (§6)
      /リモート名を解決できませんでした/u, // ja (§6)
      /De externe naam kan niet worden omgezet/i, // nl (§6, docs)
    ],
  },
  {
    id: 'host-not-found',
    meaning: 'Winsock WSAHOST_NOT_FOUND (11001) as text, as .NET Core and PowerShell print it.',
    patterns: [
      /No such host is known/i,
      /The requested name is valid, but no data of the requested type was found/i, // WSANO_DATA 11004
      /The server name or address could not be resolved/i, // WinINet/WinHTTP 12007 (BITS, UWP)
      /Sunucu ad[ıi] ve adresi [çc][öo]z[üu]mlenemedi/i, // tr 12007 (corpus/tuning localized)
      /Не удается найти сервер с таким именем или адресом/u, // ru 12007 (corpus/tuning localized)
      /Der angegebene Host ist unbekannt/i, // de
      /H[ôo]te inconnu/i, // fr
      /No se conoce (?:este|ning[úu]n) host/i, // es
      /Host sconosciuto/i, // it
      /Host desconhecido/i, // pt
      /そのようなホストは不明です/u, // ja
      /Name or service not known/i, // Linux resolver (.NET Core)
      /Name does not resolve/i, // musl libc gai_strerror(EAI_NONAME) (.NET on Alpine containers)
      /无法解析服务器的名称或地址/u, // zh-CN WinINet 12007 (WSL, winget)
    ],
  },
  {
    id: 'proxy-name-unresolved',
    meaning: 'The proxy\'s own host name did not resolve (WebException ProxyNameResolutionFailure).',
    patterns: [
      /The proxy name could not be resolved/i,
      /Der Proxyname konnte nicht aufgel[öo]e?st werden/i, // de
      new RegExp(`Le nom du proxy n${Q}a pas pu [êe]tre r[ée]solu`, 'i'), // fr
      /No se puede resolver el nombre del proxy/i, // es
      /Impossibile risolvere il nome del proxy/i, // it
      /O nome do proxy n[ãa]o p[ôo]de ser resolvido/i, // pt
      /プロキシ名を解決できませんでした/u, // ja
    ],
  },
  {
    id: 'unable-to-connect',
    meaning: 'WebException ConnectFailure: no TCP connection to the next hop (the target when direct, the proxy otherwise).',
    patterns: [
      /Unable to connect to the remote server/i,
      /Die Verbindung mit dem Remoteserver kann nicht hergestellt werden/i, // de (§6)
      /Impossible de se connecter au serveur distant/i, // fr
      /No es posible conectar(?:se)? con el servidor remoto/i, // es
      /No se puede conectar con el servidor remoto/i, // es (variant)
      /Impossibile connettersi al server remoto/i, // it
      /Imposs[íi]vel conectar-se ao servidor remoto/i, // pt
      /N[ãa]o [ée] poss[íi]vel conectar ao servidor remoto/i, // pt-BR
      /リモート\s?サーバーに接続できません/u, // ja (§6)
    ],
  },
  {
    id: 'connect-timeout',
    meaning: 'Winsock WSAETIMEDOUT (10060): the next hop did not answer a TCP connect (often a firewall dropping direct 443).',
    patterns: [
      /A connection attempt failed because the connected party did not properly respond/i,
      /Ein Verbindungsversuch ist fehlgeschlagen, da die Gegenstelle nach einer bestimmten Zeitspanne nicht (?:richtig|ordnungsgem[äa][ßs]s?) reagiert/i, // de (§6)
      /Une tentative de connexion a [ée]chou[ée] car le parti connect[ée] n.a pas r[ée]pondu/i, // fr
      /Se produjo un error durante el intento de conexi[óo]n ya que la parte conectada no respondi[óo] adecuadamente/i, // es
      /Impossibile stabilire la connessione\. Risposta non corretta della parte connessa/i, // it
      /Uma tentativa de conex[ãa]o falhou porque o componente conectado n[ãa]o respondeu/i, // pt
      /接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした/u, // ja
      /Connection timed out/i, // .NET Core on Linux
    ],
  },
  {
    id: 'connect-refused',
    meaning: 'Winsock WSAECONNREFUSED (10061): something answered the TCP connect with a reset (nothing listening on that port).',
    patterns: [
      /No connection could be made because the target machine actively refused it/i,
      /Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte/i, // de
      /Aucune connexion n.a pu [êe]tre [ée]tablie car l.ordinateur cible l.a express[ée]ment refus[ée]e/i, // fr
      /No se puede establecer una conexi[óo]n ya que el equipo de destino deneg[óo] expresamente/i, // es
      /Impossibile stabilire la connessione\. Rifiuto persistente del computer di destinazione/i, // it
      /Nenhuma conex[ãa]o p[ôo]de ser feita porque a m[áa]quina de destino as recusou ativamente/i, // pt
      /対象のコンピューターによって拒否されたため、接続できませんでした/u, // ja
      /\bConnection refused\b/i, // .NET Core
    ],
  },
  {
    id: 'host-unreachable',
    meaning: 'Winsock WSAEHOSTUNREACH (10065) / WSAENETUNREACH (10051): no route to the next hop.',
    patterns: [
      /A socket operation was attempted to an unreachable (?:host|network)/i,
      /Ein Socketvorgang wurde für einen nicht erreichbaren (?:Host|Netzwerk) versucht/i, // de
      /Une op[ée]ration a [ée]t[ée] tent[ée]e sur un (?:h[ôo]te|r[ée]seau) impossible [àa] atteindre/i, // fr
      /Se intent[óo] una operaci[óo]n de socket (?:en|a) un (?:host|red) no accesible/i, // es
      /到達できない(?:ホスト|ネットワーク)に対してソケット操作を実行しようとしました/u, // ja
      /No route to host/i,
      /Network is unreachable/i,
    ],
  },
  {
    id: 'proxy-connect-failed',
    meaning: 'The message itself says the proxy could not be reached.',
    patterns: [
      /Cannot connect to (?:the )?proxy/i,
      /Unable to connect to (?:the )?proxy/i,
      /Could not connect to (?:the )?proxy/i,
      /proxy server (?:is refusing connections|is not responding|could not be reached)/i,
      /Verbindung zum Proxy(?:server)? (?:kann nicht|konnte nicht)/i, // de
      /Impossible de se connecter au (?:serveur )?proxy/i, // fr
      /No se puede conectar (?:al|con el) (?:servidor )?proxy/i, // es
      /プロキシ(?:\s?サーバー)?に接続できません/u, // ja
    ],
  },
  {
    id: 'proxy-auth-407',
    meaning: 'The proxy answered 407: it was reached and wants credentials.',
    patterns: [
      /Proxy Authentication Required/i,
      /ProxyAuthenticationRequired/,
      /Proxyauthentifizierung erforderlich/i, // de (§6, docs)
      /Authentification (?:du )?proxy (?:n[ée]cessaire|requise)/i, // fr
      /Se requiere autenticaci[óo]n (?:del|de) proxy/i, // es
      /Autenticazione proxy (?:necessaria|richiesta)/i, // it
      /Autentica[çc][ãa]o de proxy necess[áa]ria/i, // pt
      /プロキシ認証が必要です/u, // ja
    ],
  },
  {
    id: 'forbidden-403',
    meaning: 'HTTP 403: a proxy (or a server) refused the URL.',
    patterns: [/\(403\)/, /\b403 \(?Forbidden\)?/i, /\bForbidden\b/],
  },
  {
    id: 'html-response',
    meaning: 'An HTML page came back where JSON or SOAP was expected: a proxy block page, login page or captive portal answered.',
    patterns: [
      new RegExp(`unexpected character ${Q}<${Q}`, 'i'),
      /Unexpected character encountered while parsing value: </i,
      new RegExp(`${Q}<${Q} is an invalid start of a value`, 'i'),
      /content type text\/html[^.]*does not match the content type of the binding/i,
      /<html[\s>]/i,
      /<!DOCTYPE html/i,
    ],
  },
  {
    id: 'directory-exception',
    meaning: 'An LDAP/ADSI call failed (the exception type alone): its HRESULT or LDAP code, when present, says whether AD was down or answered.',
    patterns: [/\bLdapException\b/, /\bDirectoryServicesCOMException\b/],
  },
  {
    id: 'tunnel-failed',
    meaning: 'The CONNECT tunnel through the proxy was refused.',
    patterns: [
      /proxy tunnel request to proxy .{0,200}? failed/i,
      /The proxy tunnel request .{0,40}failed/i,
      /tunnel(?:ing)? (?:connection )?(?:request )?failed/i,
      /Proxy CONNECT aborted/i, // libcurl: the proxy closed the connection during CONNECT
      /RequestProhibitedByProxy/,
    ],
  },
  {
    id: 'trust-failure',
    meaning: 'The TLS certificate presented was not trusted (TLS inspection by the proxy, or missing root CA / CRL).',
    patterns: [
      /Could not establish trust relationship for the SSL\/TL\s?S secure channel/i,
      /Could not establish trust relationship/i,
      /Für den geschützten SSL\/TLS-Kanal konnte keine Vertrauensstellung hergestellt werden/i, // de
      /Impossible d.[ée]tablir une relation de confiance pour le canal s[ée]curis[ée] SSL\/TLS/i, // fr
      /No se puede establecer (?:una )?relaci[óo]n de confianza para el canal seguro (?:de )?SSL\/TLS/i, // es
      /Impossibile stabilire una relazione di trust per il canale sicuro SSL\/TLS/i, // it
      /N[ãa]o foi poss[íi]vel estabelecer rela[çc][ãa]o de confian[çc]a para o canal seguro de SSL\/TLS/i, // pt
      /SSL\/TLS のセキュリティで保護されているチャネルに対する信頼関係を確立できませんでした/u, // ja
    ],
  },
  {
    id: 'cert-invalid',
    meaning: 'The remote certificate failed validation (untrusted root, chain errors).',
    patterns: [
      /The remote certificate is invalid/i,
      /Das Remotezertifikat ist laut Validierungsverfahren ungültig/i, // de
      /Le certificat distant n.est pas valide selon la proc[ée]dure de validation/i, // fr
      /El certificado remoto no es v[áa]lido seg[úu]n el procedimiento de validaci[óo]n/i, // es
      /Il certificato remoto non [èe] valido in base alla procedura di convalida/i, // it
      /O certificado remoto [ée] inv[áa]lido de acordo com o procedimento de valida[çc][ãa]o/i, // pt
      /検証プロシージャによると、リモート証明書は無効です/u, // ja
      /RemoteCertificateChainErrors|UntrustedRoot|PartialChain/,
      /certificate verify failed|self[- ]signed certificate in certificate chain/i,
    ],
  },
  {
    id: 'secure-channel',
    meaning: 'No TLS session could be negotiated (TLS 1.2 not enabled for .NET, or the proxy broke the handshake).',
    patterns: [
      /Could not create SSL\/TLS secure channel/i,
      /Es konnte kein geschützter SSL\/TLS-Kanal erstellt werden/i, // de
      /Impossible de cr[ée]er un canal s[ée]curis[ée] SSL\/TLS/i, // fr
      /No se puede crear un canal seguro SSL\/TLS/i, // es
      /Impossibile creare un canale sicuro SSL\/TLS/i, // it
      /N[ãa]o foi poss[íi]vel criar um canal seguro para SSL\/TLS/i, // pt
      /SSL\/TLS のセキュリティで保護されているチャネルを作成できませんでした/u, // ja
      /An error occurred in the secure channel support/i, // WinHTTP/WinINet 12157 SECURE_CHANNEL_ERROR
      /セキュリティで保護されたチャネル サポートでエラーが発生しました/u, // ja 12157 (winget, Windows Update)
    ],
  },
  {
    id: 'tls12-required',
    meaning: 'The wizard or Entra ID says TLS 1.2 is not enabled / legacy TLS was used.',
    patterns: [
      /TLS 1\.2 (?:needs|has) to be enabled/i,
      /TLS 1\.2 is not (?:properly )?(?:configured|enabled)/i,
      /You are using TLS version 1\.0, 1\.1/i,
      /AADSTS1002016/,
    ],
  },
  {
    id: 'send-error',
    meaning: 'WebException SendFailure: the connection broke while sending (TLS handshake reset, proxy reset).',
    patterns: [
      /An unexpected error occurred on a send/i,
      /Unerwarteter Fehler beim Senden/i, // de
      /Une erreur inattendue s.est produite lors d.un envoi/i, // fr
      /(?:Se produjo un )?error inesperado (?:en|de) (?:un |el )?env[íi]o/i, // es
      /Errore imprevisto durante un.operazione di invio/i, // it
      /Erro inesperado em um envio/i, // pt
      /送信時に、予期しないエラーが発生しました/u, // ja
    ],
  },
  {
    id: 'send-request-error',
    meaning: 'HttpClient\'s generic "An error occurred while sending the request": the cause is in the inner exception.',
    patterns: [
      /An error occurred while sending the request/i,
      /Fehler beim Senden der Anforderung/i, // de (§6, docs)
      /Une erreur s.est produite lors de l.envoi de la (?:demande|requ[êe]te)/i, // fr
      /(?:Se produjo un )?error (?:al|mientras se) enviar?(?:ba)? la solicitud/i, // es
      /Errore durante l.invio della richiesta/i, // it
      /Erro ao enviar a solicita[çc][ãa]o/i, // pt
      /要求の送信中にエラーが発生しました/u, // ja (§6, docs)
    ],
  },
  {
    id: 'connection-closed',
    meaning: 'The underlying connection was closed: a wrapper whose cause is in the rest of the message.',
    patterns: [
      /The underlying connection was closed/i,
      /Die zugrunde liegende Verbindung wurde geschlossen/i, // de
      /La connexion sous-jacente a [ée]t[ée] ferm[ée]e/i, // fr
      /Se (?:ha terminado|termin[óo]) la conexi[óo]n subyacente/i, // es
      /Connessione sottostante chiusa/i, // it
      /A conex[ãa]o subjacente estava fechada/i, // pt
      /基になる接続が閉じられました/u, // ja
      /The connection was closed unexpectedly/i,
      /The response ended prematurely/i,
    ],
  },
  {
    id: 'forcibly-closed',
    meaning: 'Winsock WSAECONNRESET (10054): the peer (often a proxy or TLS inspector) reset the connection.',
    patterns: [
      /An existing connection was forcibly closed by the remote host/i,
      /Eine vorhandene Verbindung wurde vom Remotehost geschlossen/i, // de
      /Une connexion existante a d[ûu] [êe]tre ferm[ée]e par l.h[ôo]te distant/i, // fr
      /Se ha forzado la interrupci[óo]n de una conexi[óo]n existente por el host remoto/i, // es
      /Connessione in corso interrotta forzatamente dall.host remoto/i, // it
      /Foi for[çc]ado o cancelamento de uma conex[ãa]o existente pelo host remoto/i, // pt
      /既存の接続はリモート\s?ホストに強制的に切断されました/u, // ja
      /Connection reset by peer/i,
    ],
  },
  {
    id: 'operation-timeout',
    meaning: 'A request timed out after the connection was made (WebException Timeout, WCF allotted timeout).',
    patterns: [
      /The operation has timed out/i,
      /Der Vorgang hat das Zeitlimit überschritten/i, // de
      /L.op[ée]ration a expir[ée]/i, // fr
      /Se (?:excedi[óo]|agot[óo]) el tiempo de espera de la operaci[óo]n/i, // es
      /Timeout dell.operazione superato/i, // it
      /A opera[çc][ãa]o expirou/i, // pt
      /操作がタイムアウトしました/u, // ja
      /has exceeded the allotted timeout/i,
      /The request channel timed out/i,
      /The request was canceled due to the configured HttpClient\.Timeout/i,
    ],
  },
  {
    id: 'request-aborted',
    meaning: 'The request was aborted or cancelled mid-way (a middlebox closing an idle connection shows up like this).',
    patterns: [
      /The request was aborted: The request was canceled/i,
      /Die Anfrage wurde abgebrochen/i, // de
      /La demande a [ée]t[ée] abandonn[ée]e/i, // fr
      /Se anul[óo] la solicitud/i, // es
      /要求は中止されました/u, // ja
      /A task was canceled/i,
    ],
  },
  {
    id: 'user-realm-discovery',
    meaning: 'ADAL/MSAL home realm discovery failed: the first network call of a sign-in.',
    patterns: [/User realm discovery failed/i, /user_realm_discovery_failed/],
  },
  {
    id: 'modal-dialog',
    meaning: 'A sign-in needed user interaction (MFA, Terms of Use, Conditional Access) inside a service.',
    patterns: [
      // "UserInteractive" is an API name and survives translation.
      /Showing a modal dialog box or form when the application is not running in UserInteractive mode/i,
      /\bUserInteractive\b/,
      /is not allowed to interact with the desktop to authenticate/i, // ADSync 6900 (corpus/tuning aadc)
    ],
  },
  {
    id: 'interaction-required',
    meaning: 'Entra ID asked for interaction (MFA or a Conditional Access control).',
    patterns: [/\binteraction_required\b/, /\bMsalUiRequiredException\b/],
  },
  {
    id: 'servicebus-unreachable',
    meaning: 'Password writeback could not reach Azure Service Bus.',
    patterns: [
      /Couldn.t connect to any service bus endpoint/i,
      /Error Connecting to ServiceBus/i,
      /No serviceHost for service bus endpoints are in running state/i,
      /error connecting to the cloud password reset service/i,
    ],
  },
  {
    id: 'tenant-106',
    meaning: 'The tenant refused directory synchronisation: the request reached Microsoft.',
    patterns: [/Error Code: 106\b/i, /Sync from on-premise is not supported/i],
  },
  {
    id: 'update-password',
    meaning: 'The cloud sync account\'s password must be changed (expired).',
    patterns: [/Update your password and try again/i, /0x80048831/i],
  },
  {
    id: 'auth-token-error',
    meaning: 'Password writeback could not get an auth token (32009): wrong or federated admin credentials.',
    patterns: [/Error getting auth token/i],
  },
  {
    id: 'credentials-invalid',
    meaning: 'A connector\'s credentials were refused.',
    patterns: [
      /failed to run because the credentials were invalid/i,
      /Error validating credentials due to invalid username or password/i,
      /The user name or password is incorrect/i,
      /Der Benutzername oder das Kennwort ist falsch/i, // de
      /Nom d.utilisateur ou mot de passe incorrect/i, // fr
      /El nombre de usuario o la contrase[ñn]a no son correctos/i, // es
      /ユーザー名またはパスワードが正しくありません/u, // ja
      /用户名或密码不正确/u, // zh-CN ERROR_LOGON_FAILURE (1326)
    ],
  },
  {
    id: 'ldap-unavailable',
    meaning: 'An LDAP / domain controller connection failed (on-premises AD side).',
    patterns: [
      /The LDAP server is unavailable/i,
      /The server is not operational/i,
      /Der Server ist nicht funktionsf[äa]hig/i, // de
      /Le serveur n.est pas op[ée]rationnel/i, // fr
      /El servidor no es operacional|El servidor no est[áa] operativo/i, // es
      /サーバーは動作していません/u, // ja
      /The specified domain either does not exist or could not be contacted/i,
      /domain controller (?:could not be contacted|is unavailable|cannot be contacted)/i,
      /could not be contacted by the server/i,
      /The RPC server is unavailable/i,
      /0x800706BA/i,
      /ErrorNoStartConnection/,
    ],
  },
  {
    id: 'connectivity-loss',
    meaning: 'Legacy DirSync: "Synchronization stopped because of connectivity loss".',
    patterns: [/ErrorStoppedConnectivity/, /stopped because of connectivity loss/i],
  },
];

/**
 * Sourced wordings gathered from real posts and captures (phrases/translations.json: each with its URL).
 * A wording becomes a pattern from its first words (a full Winsock sentence is often wrapped or cut in
 * posts): whitespace flexible, ASCII and full-width punctuation alike.
 */
interface Wording {
  text: string;
  source: string;
  note?: string;
}

function wordingPattern(text: string): RegExp | undefined {
  if (/\?\S\?|d\?\s/.test(text)) return undefined; // a damaged capture ("d? ?tre"): its letters are gone
  let head = text.trim().replace(/[.。:：;,，\s]+$/u, '');
  if (head.length > 90) {
    const sp = head.indexOf(' ', 60);
    head = head.slice(0, sp > 0 && sp < 80 ? sp : 70);
  }
  const body = head
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+')
    .replace(/[:：]/g, '[:：]')
    .replace(/[,，]/g, '[,，]')
    .replace(/\\\(|（/g, '[(（]')
    .replace(/\\\)|）/g, '[)）]');
  return body.length >= 6 ? new RegExp(body, 'iu') : undefined;
}

const TRANSLATION_IDS: Record<string, string> = { 'access-forbidden-socket': 'socket-access-denied' };

for (const [id, langs] of Object.entries(translations as Record<string, Record<string, Wording[]>>)) {
  const target = TRANSLATION_IDS[id] ?? id;
  let def = PHRASES.find((p) => p.id === target);
  if (!def) {
    def = { id: target, meaning: `Sourced wordings of ${id} (phrases/translations.json).`, patterns: [] };
    PHRASES.push(def);
  }
  for (const w of Object.values(langs).flat()) {
    const re = wordingPattern(w.text);
    if (re && !def.patterns.some((p) => p.source === re.source)) def.patterns.push(re);
  }
}

/** Which phrase ids occur in `text` (each id once, in table order). */
export function matchPhrases(text: string, gt: GateText = gateText(text)): string[] {
  const found: string[] = [];
  for (const p of PHRASES) if (p.patterns.some((re) => mayMatch(gateFor(re), gt) && re.test(text))) found.push(p.id);
  return found;
}

/** The fact each phrase stands for (its target, if any, is read from the text by src/facts/targets.ts). */
export const PHRASE_FACTS: Record<string, Pick<Fact, 'op' | 'kind' | 'answeredBy' | 'sure'> & { role?: 'proxy' | 'destination'; code?: string }> = {
  'remote-name-unresolved': { op: 'dns', kind: 'not-found', answeredBy: 'nobody', sure: 'high' },
  'host-not-found': { op: 'dns', kind: 'not-found', answeredBy: 'nobody', sure: 'high', code: 'winsock:11001' },
  'proxy-name-unresolved': { op: 'dns', kind: 'not-found', answeredBy: 'nobody', sure: 'high', role: 'proxy' },
  'unable-to-connect': { op: 'connect', kind: 'failed', answeredBy: 'nobody', sure: 'medium', code: 'dotnet:unable-to-connect' },
  'connect-timeout': { op: 'connect', kind: 'timed-out', answeredBy: 'nobody', sure: 'high', code: 'winsock:10060' },
  'connect-refused': { op: 'connect', kind: 'refused', answeredBy: 'nobody', sure: 'high', code: 'winsock:10061' },
  'host-unreachable': { op: 'connect', kind: 'unreachable', answeredBy: 'nobody', sure: 'high' },
  'proxy-connect-failed': { op: 'connect', kind: 'failed', answeredBy: 'nobody', sure: 'high', role: 'proxy' },
  'proxy-auth-407': { op: 'http', kind: 'status', answeredBy: 'proxy', sure: 'high', code: 'http:407' },
  'forbidden-403': { op: 'http', kind: 'status', answeredBy: 'unknown', sure: 'medium', code: 'http:403' },
  'html-response': { op: 'http', kind: 'html', answeredBy: 'unknown', sure: 'medium' },
  'tunnel-failed': { op: 'tunnel', kind: 'failed', answeredBy: 'proxy', sure: 'high', role: 'proxy' },
  'directory-exception': { op: 'directory', kind: 'unavailable', answeredBy: 'nobody', sure: 'low', code: 'ad:exception' },
  'trust-failure': { op: 'tls', kind: 'untrusted', answeredBy: 'unknown', sure: 'high' },
  'cert-invalid': { op: 'tls', kind: 'untrusted', answeredBy: 'unknown', sure: 'high' },
  'secure-channel': { op: 'tls', kind: 'protocol', answeredBy: 'unknown', sure: 'high' },
  'tls12-required': { op: 'tls', kind: 'protocol', answeredBy: 'unknown', sure: 'high', code: 'tls:1.2-required' },
  'send-error': { op: 'transfer', kind: 'reset', answeredBy: 'unknown', sure: 'low' },
  'send-request-error': { op: 'transfer', kind: 'failed', answeredBy: 'unknown', sure: 'low' },
  'connection-closed': { op: 'transfer', kind: 'closed', answeredBy: 'unknown', sure: 'low' },
  'forcibly-closed': { op: 'transfer', kind: 'reset', answeredBy: 'unknown', sure: 'medium', code: 'winsock:10054' },
  'operation-timeout': { op: 'transfer', kind: 'timed-out', answeredBy: 'unknown', sure: 'low' },
  'request-aborted': { op: 'transfer', kind: 'canceled', answeredBy: 'unknown', sure: 'low' },
  'user-realm-discovery': { op: 'auth', kind: 'discovery', answeredBy: 'nobody', sure: 'low', code: 'msal:user_realm_discovery_failed' },
  'modal-dialog': { op: 'auth', kind: 'policy', answeredBy: 'entra', sure: 'high', code: 'dotnet:UserInteractive' },
  'interaction-required': { op: 'auth', kind: 'policy', answeredBy: 'entra', sure: 'high', code: 'msal:interaction_required' },
  'servicebus-unreachable': { op: 'connect', kind: 'servicebus', answeredBy: 'unknown', sure: 'high', code: 'writeback:servicebus' },
  'tenant-106': { op: 'auth', kind: 'tenant', answeredBy: 'entra', sure: 'high', code: 'entra:tenant' },
  'update-password': { op: 'auth', kind: 'credentials', answeredBy: 'entra', sure: 'high', code: 'entra:password-expired' },
  'auth-token-error': { op: 'auth', kind: 'credentials', answeredBy: 'entra', sure: 'medium', code: 'entra:writeback-auth-token' },
  'credentials-invalid': { op: 'auth', kind: 'credentials', answeredBy: 'unknown', sure: 'high', code: 'credentials:invalid' },
  'ldap-unavailable': { op: 'directory', kind: 'unavailable', answeredBy: 'nobody', sure: 'high', code: 'ad:unavailable' },
  'connectivity-loss': { op: 'connect', kind: 'failed', answeredBy: 'unknown', sure: 'low' },
  'socket-access-denied': { op: 'connect', kind: 'access-denied', answeredBy: 'local', sure: 'high', code: 'winsock:10013' },
};
