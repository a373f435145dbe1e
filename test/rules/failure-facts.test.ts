// extractFailureFacts: exception chains unfolded, the known phrases in several languages, and the
// language-neutral numbers and endpoints.
import { describe, expect, it } from 'vitest';
import { extractFailureFacts as facts } from '../../src/evidence/failure-facts.js';

const FIDDLER = `Microsoft.Azure.Commands.Common.Authentication.AadAuthenticationFailedException: Service returned error. Check InnerException for more details: Unable to connect to the remote server ---> Microsoft.IdentityModel.Clients.ActiveDirectory.AdalServiceException: Service returned error. Check InnerException for more details ---> System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it 127.0.0.1:8888
   at System.Net.Sockets.Socket.DoConnect(EndPoint endPointSnapshot, SocketAddress socketAddress)
   at System.Net.ServicePoint.ConnectSocketInternal(Boolean connectFailure, Socket s4, Socket s6, Socket& socket, IPAddress& address, ConnectSocketState state, IAsyncResult asyncResult, Exception& exception)
   --- End of inner exception stack trace ---
   at System.Net.HttpWebRequest.GetRequestStream(TransportContext& context)`;

describe('exception chain', () => {
  it('unfolds ---> outermost first, drops stack lines, and keeps "Check InnerException for more details" inside its link', () => {
    const f = facts(FIDDLER);
    expect(f.chain).toHaveLength(4);
    expect(f.chain[0]).toMatch(/^Microsoft\.Azure.*Check InnerException for more details: Unable to connect/);
    expect(f.innermost).toBe('System.Net.Sockets.SocketException: No connection could be made because the target machine actively refused it 127.0.0.1:8888');
    expect(f.chain.join(' ')).not.toMatch(/DoConnect|End of inner exception/);
    expect(f.endpoints).toEqual([{ host: '127.0.0.1', port: 8888 }]);
    expect(f.socketCodes).toContain(10061);
    expect(f.phrases).toEqual(expect.arrayContaining(['unable-to-connect', 'connect-refused']));
  });

  it('takes the cause out of "(ExtendedMessage: …)" as the next link', () => {
    const f = facts('Unable to validate credentials due to an unexpected error. Restart Azure AD Connect with the /InteractiveAuth option to further diagnose the issue. (ExtendedMessage: An error occurred while sending the request. ---> The underlying connection was closed: An unexpected error occurred on a send. ---> Unable to read data from the transport connection: An existing connection was forcibly closed by the remote host.)');
    expect(f.chain[0]).toMatch(/^Unable to validate credentials/);
    expect(f.chain[0]).not.toMatch(/ExtendedMessage/);
    expect(f.chain[1]).toBe('An error occurred while sending the request.');
    expect(f.innermost).toMatch(/forcibly closed by the remote host\.$/);
    expect(f.phrases).toEqual(expect.arrayContaining(['send-request-error', 'connection-closed', 'send-error', 'forcibly-closed']));
  });

  it('unfolds PowerShell "InnerException :" records and AggregateException "(Inner Exception #0)"', () => {
    const ps = facts('Exception : System.AggregateException: One or more errors occurred.\nInnerException : System.Net.WebException: The remote name could not be resolved: \'login.microsoftonline.com\'');
    expect(ps.chain).toHaveLength(2);
    expect(ps.innermost).toMatch(/^System\.Net\.WebException/);
    expect(ps.unresolvedHosts).toEqual(['login.microsoftonline.com']);
    const agg = facts('System.AggregateException: One or more errors occurred. ---> (Inner Exception #0) System.Net.Http.HttpRequestException: No such host is known. (login.microsoftonline.com:443)');
    expect(agg.innermost).toMatch(/^System\.Net\.Http\.HttpRequestException/);
    expect(agg.unresolvedHosts).toEqual(['login.microsoftonline.com']);
    expect(agg.endpoints).toEqual([{ host: 'login.microsoftonline.com', port: 443 }]);
  });

  it('strips localised stack frames (German "bei", French "à", Japanese "場所")', () => {
    const f = facts('System.Net.WebException: Die Verbindung mit dem Remoteserver kann nicht hergestellt werden.\n   bei System.Net.HttpWebRequest.GetResponse()\n   à System.Net.HttpWebRequest.GetResponse()\n   場所 System.Net.HttpWebRequest.GetResponse()');
    expect(f.innermost).toBe('System.Net.WebException: Die Verbindung mit dem Remoteserver kann nicht hergestellt werden.');
  });
});

describe('"remote name could not be resolved" in every language, with the quoted host', () => {
  const cases: [string, string][] = [
    ['en', "System.Net.WebException: The remote name could not be resolved: 'login.windows.net'"],
    ['de', "System.Net.WebException: Der Remotename konnte nicht aufgelöst werden: 'login.windows.net'"],
    ['fr', "System.Net.WebException: Le nom distant n'a pas pu être résolu : 'login.windows.net'"],
    ['fr (no space)', "System.Net.WebException: Le nom distant n'a pas pu être résolu: 'login.windows.net'"],
    ['es', "System.Net.WebException: No se puede resolver el nombre remoto: 'login.windows.net'"],
    ['it', "System.Net.WebException: Impossibile risolvere il nome remoto: 'login.windows.net'"],
    ['pt-BR', "System.Net.WebException: O nome remoto não pôde ser resolvido: 'login.windows.net'"],
    ['ja', "System.Net.WebException: リモート名を解決できませんでした。: 'login.windows.net'"],
    ['ja (no 。)', "System.Net.WebException: リモート名を解決できませんでした: 'login.windows.net'"],
    ['nl', "System.Net.WebException: De externe naam kan niet worden omgezet: 'login.windows.net'"],
    ['ru (unknown language, WebException form)', "System.Net.WebException: Не удается разрешить удаленное имя: 'login.windows.net'"],
  ];
  for (const [lang, text] of cases) {
    it(lang, () => {
      const f = facts(text);
      expect(f.unresolvedHosts).toEqual(['login.windows.net']);
      if (!lang.startsWith('ru')) expect(f.phrases).toContain('remote-name-unresolved');
    });
  }

  it('tells the proxy name apart from the remote name', () => {
    const f = facts("System.Net.WebException: The proxy name could not be resolved: 'proxy.contoso.com'");
    expect(f.phrases).toContain('proxy-name-unresolved');
    expect(f.phrases).not.toContain('remote-name-unresolved');
    expect(f.unresolvedHosts).toEqual(['proxy.contoso.com']);
  });
});

describe('other key messages in English, German, French, Spanish and Japanese', () => {
  const table: [string, string[]][] = [
    ['unable-to-connect', ['Unable to connect to the remote server', 'Die Verbindung mit dem Remoteserver kann nicht hergestellt werden.', 'Impossible de se connecter au serveur distant', 'No es posible conectar con el servidor remoto', 'リモート サーバーに接続できません。']],
    ['connect-timeout', [
      'A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond 40.126.1.1:443',
      'Ein Verbindungsversuch ist fehlgeschlagen, da die Gegenstelle nach einer bestimmten Zeitspanne nicht richtig reagiert hat, oder die hergestellte Verbindung war fehlerhaft, da der verbundene Host nicht reagiert hat 40.126.1.1:443',
      "Une tentative de connexion a échoué car le parti connecté n'a pas répondu convenablement au-delà d'une certaine durée ou une connexion établie a échoué car l'hôte de connexion n'a pas répondu 40.126.1.1:443",
      'Se produjo un error durante el intento de conexión ya que la parte conectada no respondió adecuadamente tras un periodo de tiempo, o bien se produjo un error en la conexión establecida ya que el host conectado no ha podido responder 40.126.1.1:443',
      '接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした。または接続済みのホストが応答しなかったため、確立された接続は失敗しました。 40.126.1.1:443',
    ]],
    ['connect-refused', [
      'No connection could be made because the target machine actively refused it 10.0.0.5:8080',
      'Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte 10.0.0.5:8080',
      "Aucune connexion n'a pu être établie car l'ordinateur cible l'a expressément refusée 10.0.0.5:8080",
      'No se puede establecer una conexión ya que el equipo de destino denegó expresamente dicha conexión 10.0.0.5:8080',
      '対象のコンピューターによって拒否されたため、接続できませんでした。 10.0.0.5:8080',
    ]],
    ['proxy-auth-407', [
      'The remote server returned an error: (407) Proxy Authentication Required.',
      'Der Remoteserver hat einen Fehler zurückgegeben: (407) Proxyauthentifizierung erforderlich.',
      'Le serveur distant a retourné une erreur : (407) Authentification proxy nécessaire.',
      'Error en el servidor remoto: (407) Se requiere autenticación del proxy.',
      'リモート サーバーがエラーを返しました: (407) プロキシ認証が必要です',
    ]],
    ['trust-failure', [
      'The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.',
      'Die zugrunde liegende Verbindung wurde geschlossen: Für den geschützten SSL/TLS-Kanal konnte keine Vertrauensstellung hergestellt werden.',
      "La connexion sous-jacente a été fermée : Impossible d'établir une relation de confiance pour le canal sécurisé SSL/TLS.",
      'Se ha terminado la conexión subyacente: No se puede establecer una relación de confianza para el canal seguro SSL/TLS.',
      '基になる接続が閉じられました: SSL/TLS のセキュリティで保護されているチャネルに対する信頼関係を確立できませんでした。',
    ]],
    ['send-request-error', ['An error occurred while sending the request.', 'Fehler beim Senden der Anforderung.', "Une erreur s'est produite lors de l'envoi de la demande.", 'Error al enviar la solicitud.', '要求の送信中にエラーが発生しました。']],
  ];
  for (const [id, texts] of table) {
    it(id, () => {
      for (const t of texts) expect(facts(t).phrases, t).toContain(id);
    });
  }

  it('the endpoint at the end of a socket message survives every language', () => {
    expect(facts(table[1]![1][4]!).endpoints).toEqual([{ host: '40.126.1.1', port: 443 }]);
    expect(facts(table[2]![1][1]!).endpoints).toEqual([{ host: '10.0.0.5', port: 8080 }]);
    expect(facts(table[1]![1][2]!).socketCodes).toContain(10060);
  });
});

describe('language-neutral codes', () => {
  it('HTTP statuses in parentheses and in .NET Core wording, 4xx/5xx only', () => {
    expect(facts('The remote server returned an error: (403) Forbidden.').httpStatuses).toEqual([403]);
    expect(facts('Response status code does not indicate success: 407 (Proxy Authentication Required).').httpStatuses).toContain(407);
    expect(facts('unable to retrieve a security token for the provisioning web service (AWS) (200)').httpStatuses).toEqual([]);
  });

  it('AADSTS numbers', () => {
    expect(facts('AADSTS53003: Access has been blocked by Conditional Access policies.').aadsts).toEqual([53003]);
  });

  it('WinHTTP codes from HRESULTs (hex and signed decimal), names and "error 12029"', () => {
    expect(facts('WinHttpSendRequest failed: 0x80072EE7').winhttpCodes).toEqual([12007]);
    expect(facts('HRESULT: -2147012889').winhttpCodes).toEqual([12007]);
    expect(facts('ERROR_WINHTTP_CANNOT_CONNECT').winhttpCodes).toEqual([12029]);
    expect(facts('WinHttp error 12175 (secure failure)').winhttpCodes).toEqual([12175]);
    expect(facts('Processed 12007 objects').winhttpCodes).toEqual([]);
  });

  it('WebExceptionStatus names, with "Timeout" only as a status', () => {
    expect(facts('Status: ProxyNameResolutionFailure').webStatuses).toEqual(['ProxyNameResolutionFailure']);
    expect(facts('Status = Timeout').webStatuses).toEqual(['Timeout']);
    expect(facts('Scheduler wizard mutex wait Timeout: 00:00:05').webStatuses).toEqual([]);
  });

  it('socket codes printed as numbers or SocketErrorCode names', () => {
    expect(facts('SocketException (0x80004005): 11001').socketCodes).toEqual([11001]);
    expect(facts('SocketErrorCode: ConnectionRefused').socketCodes).toEqual([10061]);
  });

  it('recognises the not-network signatures', () => {
    expect(facts('Showing a modal dialog box or form when the application is not running in UserInteractive mode is not a valid operation.').phrases).toContain('modal-dialog');
    expect(facts('An error occurred. Error Code: 106. Error Description: Sync from on-premise is not supported for this tenant.').phrases).toContain('tenant-106');
    expect(facts('Update your password and try again. GetAuthState() failed with -2147186688 state. (0x80048831)').phrases).toContain('update-password');
    expect(facts("Unexpected character encountered while parsing value: <. Path '', line 0, position 0.").phrases).toContain('html-response');
  });
});
