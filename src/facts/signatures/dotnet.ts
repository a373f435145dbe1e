// .NET Framework 4.x, .NET 6+, PowerShell and MSAL/ADAL: exception type names, enum values and stack
// frames, which are never translated. Sources: System.Net.WebExceptionStatus
// (https://learn.microsoft.com/dotnet/api/system.net.webexceptionstatus), System.Net.Http.HttpRequestError
// (https://learn.microsoft.com/dotnet/api/system.net.http.httprequesterror), the frames as printed in
// the public reference source (https://github.com/microsoft/referencesource System/net/System/Net/...)
// and dotnet/runtime (System.Net.Http ConnectHelper, HttpConnectionPool.EstablishProxyTunnelAsync),
// MSAL.NET error codes (https://learn.microsoft.com/dotnet/api/microsoft.identity.client.msalerror).
import type { Signature } from '../signature.js';

export const DOTNET_SIGNATURES: Signature[] = [
  // ---- WebExceptionStatus: enum names, untranslated in every language.
  { id: 'webstatus-name', re: /\bNameResolutionFailure\b/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'webstatus:NameResolutionFailure', role: 'destination' },
  { id: 'webstatus-proxyname', re: /\bProxyNameResolutionFailure\b/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'webstatus:ProxyNameResolutionFailure', role: 'proxy' },
  { id: 'webstatus-connect', re: /\bConnectFailure\b/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'webstatus:ConnectFailure' },
  { id: 'webstatus-trust', re: /\bTrustFailure\b/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'enum', sure: 'high', code: 'webstatus:TrustFailure' },
  { id: 'webstatus-securechannel', re: /\bSecureChannelFailure\b/, op: 'tls', kind: 'protocol', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'webstatus:SecureChannelFailure' },
  { id: 'webstatus-send', re: /\bSendFailure\b/, op: 'transfer', kind: 'reset', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'webstatus:SendFailure' },
  { id: 'webstatus-receive', re: /\bReceiveFailure\b/, op: 'transfer', kind: 'reset', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'webstatus:ReceiveFailure' },
  { id: 'webstatus-closed', re: /\b(?:ConnectionClosed|KeepAliveFailure|PipelineFailure)\b/, op: 'transfer', kind: 'closed', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'webstatus:ConnectionClosed' },
  { id: 'webstatus-timeout', re: /(?:Status\s*[:=]?\s*|WebExceptionStatus\.)Timeout\b/, op: 'transfer', kind: 'timed-out', answeredBy: 'nobody', via: 'enum', sure: 'medium', code: 'webstatus:Timeout' },
  { id: 'webstatus-canceled', re: /\bRequestCanceled\b/, op: 'transfer', kind: 'canceled', answeredBy: 'unknown', via: 'enum', sure: 'low', code: 'webstatus:RequestCanceled' },
  { id: 'webstatus-prohibited', re: /\bRequestProhibitedByProxy\b/, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'enum', sure: 'high', code: 'webstatus:RequestProhibitedByProxy' },
  { id: 'webstatus-protocolviolation', re: /\bServerProtocolViolation\b/, op: 'http', kind: 'invalid-response', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'webstatus:ServerProtocolViolation' },
  // The rest of WebExceptionStatus (https://learn.microsoft.com/dotnet/api/system.net.webexceptionstatus;
  // referencesource System/net/System/Net/WebExceptionStatus.cs); names common as words are read only as
  // the enum (WebExceptionStatus.X, "Status: X").
  { id: 'webstatus-protocolerror', re: /(?:WebExceptionStatus\.|\bStatus\s*[:=]\s*)ProtocolError\b/, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'enum', sure: 'low', code: 'webstatus:ProtocolError' },
  { id: 'webstatus-messagelength', re: /\bMessageLengthLimitExceeded\b/, op: 'http', kind: 'invalid-response', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'webstatus:MessageLengthLimitExceeded' },
  { id: 'webstatus-cache', re: /\b(?:CacheEntryNotFound|RequestProhibitedByCachePolicy)\b/, op: 'local', kind: 'configuration', answeredBy: 'local', via: 'enum', sure: 'medium', code: 'webstatus:CachePolicy' },
  { id: 'webstatus-unknown', re: /(?:WebExceptionStatus\.|\bStatus\s*[:=]\s*)UnknownError\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'enum', sure: 'low', code: 'webstatus:UnknownError' },

  // ---- HttpRequestError (.NET 8+).
  { id: 'httprequesterror-name', re: /\bHttpRequestError\.?\s*[:=]?\s*NameResolutionError\b|\bNameResolutionError\b/, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'httprequesterror:NameResolutionError' },
  { id: 'httprequesterror-tunnel', re: /\bProxyTunnelError\b/, op: 'tunnel', kind: 'failed', answeredBy: 'unknown', via: 'enum', sure: 'high', code: 'httprequesterror:ProxyTunnelError', role: 'proxy' },
  { id: 'httprequesterror-secure', re: /\bSecureConnectionError\b/, op: 'tls', kind: 'failed', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'httprequesterror:SecureConnectionError' },
  { id: 'httprequesterror-connection', re: /HttpRequestError\.?\s*[:=]?\s*ConnectionError\b/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'httprequesterror:ConnectionError' },
  // The rest of HttpRequestError (https://learn.microsoft.com/dotnet/api/system.net.http.httprequesterror;
  // dotnet/runtime src/libraries/System.Net.Http/src/System/Net/Http/HttpRequestError.cs), read as the enum.
  { id: 'httprequesterror-protocol', re: /HttpRequestError\.?\s*[:=]?\s*(?:HttpProtocolError|InvalidResponse|VersionNegotiationError|ExtendedConnectNotSupported)\b/, op: 'http', kind: 'invalid-response', answeredBy: 'unknown', via: 'enum', sure: 'high', code: 'httprequesterror:InvalidResponse' },
  { id: 'httprequesterror-ended', re: /HttpRequestError\.?\s*[:=]?\s*ResponseEnded\b/, op: 'transfer', kind: 'closed', answeredBy: 'unknown', via: 'enum', sure: 'high', code: 'httprequesterror:ResponseEnded' },
  { id: 'httprequesterror-userauth', re: /HttpRequestError\.?\s*[:=]?\s*UserAuthenticationError\b/, op: 'http', kind: 'credentials', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'httprequesterror:UserAuthenticationError' },
  { id: 'httprequesterror-limit', re: /HttpRequestError\.?\s*[:=]?\s*ConfigurationLimitExceeded\b/, op: 'http', kind: 'invalid-response', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'httprequesterror:ConfigurationLimitExceeded' },

  // ---- SslPolicyErrors (https://learn.microsoft.com/dotnet/api/system.net.security.sslpolicyerrors) and
  // X509ChainStatusFlags (https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509chainstatusflags),
  // as .NET prints them after "The remote certificate is invalid according to the validation procedure:" /
  // "…because of errors in the certificate chain:" and in chain dumps ("Status: PartialChain").
  // A chain that ends at an untrusted or missing root: what an inspecting proxy's own CA shows.
  { id: 'sslpolicy-chain', re: /\bRemoteCertificateChainErrors\b/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'enum', sure: 'high', code: 'sslpolicy:RemoteCertificateChainErrors' },
  { id: 'sslpolicy-name', re: /\bRemoteCertificateNameMismatch\b/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'sslpolicy:RemoteCertificateNameMismatch' },
  { id: 'sslpolicy-notavailable', re: /\bRemoteCertificateNotAvailable\b/, op: 'tls', kind: 'certificate', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'sslpolicy:RemoteCertificateNotAvailable' },
  { id: 'x509-chain', re: /\b(?:UntrustedRoot|PartialChain|ExplicitDistrust)\b/, op: 'tls', kind: 'untrusted', answeredBy: 'unknown', via: 'enum', sure: 'high', code: (m) => `x509:${m[0]}` },
  { id: 'x509-revocation', re: /\b(?:RevocationStatusUnknown|OfflineRevocation)\b/, op: 'tls', kind: 'revocation', answeredBy: 'nobody', via: 'enum', sure: 'high', code: (m) => `x509:${m[0]}` },
  { id: 'x509-certificate', re: /\b(?:NotTimeValid|NotTimeNested|NotSignatureValid|NotValidForUsage|InvalidBasicConstraints|InvalidNameConstraints|InvalidPolicyConstraints|HasNotSupportedCriticalExtension|HasWeakSignature)\b|(?:X509ChainStatusFlags\.|\bStatus\s*[:=]\s*)(?:Revoked|Cyclic|InvalidExtension)\b/, op: 'tls', kind: 'certificate', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: (m) => `x509:${m[0].replace(/^.*?(\w+)$/, '$1')}` },

  // ---- Stack frames: which step was running (the method names are never translated).
  { id: 'frame-dns', re: /\bSystem\.Net\.Dns\.(?:GetAddrInfo|InternalGetHostByName|GetHostAddresses|GetHostEntry|ResolveCallback)\w*|\bNameResolutionPal\.\w+/, op: 'dns', kind: 'failed', answeredBy: 'nobody', via: 'frame', sure: 'medium' },
  // .NET 6+ SocketsHttpHandler opens its TCP connection in HttpConnectionPool.ConnectToTcpHostAsync (dotnet/runtime
  // System.Net.Http/src/System/Net/Http/SocketsHttpHandler/HttpConnectionPool.cs); .NET Framework's HttpWebRequest in
  // ServicePoint.ConnectSocketInternal (referencesource System/net/System/Net/ServicePoint.cs).
  { id: 'frame-connect', re: /\bSystem\.Net\.Sockets\.Socket\.(?:DoConnect|Connect|InternalEndConnect|EndConnect)\b|\bConnectHelper\.ConnectAsync\b|\bSocket\.ConnectAsync\b|\bHttpConnectionPool\.ConnectToTcpHostAsync\b|\bServicePoint\.ConnectSocketInternal\b/, op: 'connect', kind: 'failed', answeredBy: 'nobody', via: 'frame', sure: 'low' },
  // A stack trace lists the frames active when the exception was thrown, so an SSPI credentials call
  // in it (a leaf: it calls nothing of .NET's) is where it failed: Schannel refused the protocols or
  // algorithms this process asked for before a byte reached the server — the local TLS configuration
  // (SEC_E_ALGORITHM_MISMATCH / SEC_E_UNSUPPORTED_FUNCTION in AcquireCredentialsHandle; referencesource
  // System/net/System/Net/_SSPIWrapper.cs, SecureChannel.cs AcquireClientCredentials).
  { id: 'frame-acquire-credentials', re: /\bSSPIWrapper\.AcquireCredentialsHandle\b/, op: 'tls', kind: 'protocol', answeredBy: 'local', via: 'frame', sure: 'medium' },
  { id: 'frame-tunnel', re: /\bHttpConnectionPool\.EstablishProxyTunnel(?:Async)?\b/, op: 'tunnel', kind: 'failed', answeredBy: 'unknown', via: 'frame', sure: 'medium', role: 'proxy' },
  { id: 'frame-tls', re: /\bSecureChannel\.(?:AcquireCredentialsHandle|AcquireClientCredentials|GenerateToken|VerifyRemoteCertificate)\b|\bSslState\.(?:StartReadFrame|ProcessReceivedBlob|StartSendAuthResetSignal|InternalEndProcessAuthentication|CheckCompletionBeforeNextReceive)\b|\bSslStream\.(?:AuthenticateAsClient|ForceAuthenticationAsync|ProcessAuthenticationAsync|SendAuthResetSignal)\b|\bTlsStream\.\w*(?:Authenticat|Handshake)\w*/, op: 'tls', kind: 'failed', answeredBy: 'unknown', via: 'frame', sure: 'low' },

  // ---- Exception types.
  // NameResolutionFailure's message ends with the quoted name in every language: "WebException: <any words>: 'login.windows.net'".
  { id: 'webexception-quoted-name', re: /WebException:[^\n']{3,160}?[:：]\s*['‘’´`「][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+['’´`」]\s*[.。]?\s*$/m, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'type', sure: 'medium' },
  // "The remote name could not be resolved: ''" / "…resolved: ]": the name itself is blank (redacted or empty), so it names no host.
  { id: 'dns-empty-name', re: /could not be resolved:\s*(?:''|""|\]|$)/im, op: 'dns', kind: 'not-found', answeredBy: 'nobody', via: 'phrase', sure: 'low', code: 'dns:empty-name' },
  // A System.Net.WebException of any status: a request failed on the network side (the status or the
  // inner exception says more). PowerShell names it in FullyQualifiedErrorId even when the message is translated.
  { id: 'type-webexception', re: /\bSystem\.Net\.WebException\b|FullyQualifiedErrorId\s*:\s*WebException\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low' },
  // The program's own fault: exception types that no network step throws (a missing key, an index, a
  // null, an argument, an assembly that cannot load). The Entra Connect wizard logs a crash as "A
  // terminating unhandled exception occurred". A network failure in the same record outranks it.
  { id: 'type-program-fault', re: /\bSystem\.(?:Collections\.Generic\.KeyNotFoundException|IndexOutOfRangeException|ArgumentException|ArgumentNullException|ArgumentOutOfRangeException|NullReferenceException|InvalidOperationException|InvalidCastException|FormatException|OverflowException|DivideByZeroException|BadImageFormatException|TypeLoadException|MissingMethodException|MissingFieldException|EntryPointNotFoundException|DllNotFoundException|OutOfMemoryException|IO\.FileLoadException)\b|A terminating unhandled exception occurred|[Cc]ould not load file or assembly/, op: 'local', kind: 'program', answeredBy: 'local', via: 'type', sure: 'medium', code: 'dotnet:program-fault' },
  // A request was being made (the stack shows it) and failed, however its message is translated.
  { id: 'frame-webrequest', re: /\bSystem\.Net\.HttpWebRequest\.(?:GetResponse|EndGetResponse|GetRequestStream|EndGetRequestStream)\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'frame', sure: 'low' },
  // Remote PowerShell (Exchange Online, Security & Compliance) could not reach its endpoint.
  { id: 'ps-remoting', re: /Connecting to remote server \S+ failed|\bPSRemotingTransportException\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low' },
  // ADAL's AdalServiceException when the federation service (AD FS) answered with its own error.
  { id: 'adal-federated-error', re: /Federated service at \S+ returned error/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'type', sure: 'high', code: 'adal:federated-service-error' },
  // The AzureAD module's ApiException (Microsoft.Open.<version>.Client.ApiException) is thrown when Azure
  // AD Graph answered with an error document: the service was reached ("Code: Request_BadRequest",
  // "HttpStatusCode: BadRequest").
  { id: 'azuread-apiexception', re: /\bMicrosoft\.Open\.\w+\.Client\.ApiException\b/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'type', sure: 'high', code: 'azuread:ApiException' },
  // SharePoint's client object model throws ServerException (and ServerUnauthorizedAccessException) with the
  // error the SharePoint server returned (https://learn.microsoft.com/dotnet/api/microsoft.sharepoint.client.serverexception):
  // PnP PowerShell and CSOM scripts print the type.
  { id: 'sharepoint-serverexception', re: /\bMicrosoft\.SharePoint\.Client\.Server(?:Unauthorized\w*)?Exception\b/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'type', sure: 'high', code: 'sharepoint:ServerException' },
  // Microsoft Graph .NET SDK v5 (Kiota) creates ODataError only by parsing the service's JSON error body
  // (https://learn.microsoft.com/graph/sdks/choose-authentication-providers; the error mapping of
  // https://github.com/microsoftgraph/msgraph-sdk-dotnet, Models/ODataErrors/ODataError.cs): a proxy's HTML page cannot become one.
  { id: 'graph-odataerror', re: /\bMicrosoft\.Graph\.Models\.ODataErrors\.ODataError\b/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'type', sure: 'high', code: 'graph:ODataError' },
  // Exchange Online: a cmdlet that ran on Exchange's server fails with the server's own error record —
  // remote PowerShell's "[Server=AM6PR04MB1234,RequestId=<guid>,TimeStamp=…] [FailureCategory=Cmdlet-…]" and the
  // REST module's (EXO V3) "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|…"
  // (https://learn.microsoft.com/powershell/exchange/exchange-online-powershell-v2): Exchange answered.
  { id: 'exchange-server-error', re: /\[Server=[A-Z0-9]+,\s*RequestId=[0-9a-fA-F-]{36},\s*TimeStamp=[^\]\n]{4,40}\]|\bEx[0-9A-F]{6}\|Microsoft\.Exchange\.[\w.]+\|/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'type', sure: 'high', code: 'exchange:server-error' },
  // Azure.Identity's CredentialUnavailableException (.NET; CredentialUnavailableError in Python and JS, Java's
  // CredentialUnavailableException): the credential found nothing to authenticate with and did not try
  // (https://learn.microsoft.com/dotnet/api/azure.identity.credentialunavailableexception) — a local prerequisite
  // (environment variables, a signed-in Azure CLI, a managed identity endpoint) is missing.
  { id: 'azure-identity-credential-unavailable', re: /\bCredentialUnavailable(?:Exception|Error)\b/, op: 'local', kind: 'failed', answeredBy: 'local', via: 'type', sure: 'medium', code: 'azure-identity:CredentialUnavailable' },
  { id: 'type-socketexception', re: /\bSystem\.Net\.Sockets\.SocketException\b/, op: 'connect', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low' },
  { id: 'type-httprequestexception', re: /\bSystem\.Net\.Http\.HttpRequestException\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low' },
  { id: 'tls-alert', re: /remote party sent a TLS alert:?\s*'?(?:HandshakeFailure|ProtocolVersion|InsufficientSecurity)|\bhandshake_failure\b|sslv3 alert handshake failure|wrong version number|unsupported protocol|no protocols available/i, op: 'tls', kind: 'protocol', answeredBy: 'unknown', via: 'enum', sure: 'medium' },
  // .NET wraps an SSPI (Schannel) status in a Win32Exception under the AuthenticationException of a
  // handshake ("AuthenticationException: Authentication failed, see inner exception. [Inner] Win32Exception:
  // <SEC_E_* text>"); a certificate that fails validation is reported without one ("The remote
  // certificate is invalid…"). So the pair, in any language, is the handshake's protocol, algorithm or
  // package failing (SslStreamPal.Windows.cs in dotnet/runtime: MapSecurityStatus -> Win32Exception).
  { id: 'sspi-handshake-win32', re: /\bAuthenticationException\b[\s\S]{0,400}?\bWin32Exception\b/, op: 'tls', kind: 'protocol', answeredBy: 'local', via: 'type', sure: 'medium' },
  // node-fetch's FetchError ("request to <url> failed, reason: …"): the request did not get an answer.
  { id: 'type-fetcherror', re: /\bFetchError\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low' },
  // WCF's CommunicationException: a service call failed on the wire (the provisioning agent's connector host, AD FS, MIM).
  { id: 'type-wcf-communication', re: /\bSystem\.ServiceModel\.CommunicationException\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low' },
  // A SOAP fault: the service parsed the request and answered with its own error (WCF FaultException;
  // its default reason "The creator of this fault did not specify a Reason"; the envelope's <s:Fault>).
  { id: 'soap-fault', re: /\bSystem\.ServiceModel\.FaultException\b|The creator of this fault did not specify a Reason|<(?:s|soap|soapenv|SOAP-ENV):Fault>|\[['"]s:Fault['"]\]/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'type', sure: 'high', code: 'soap:fault' },
  // .NET's fixed messages for a program's own fault and a malformed URI (NullReferenceException,
  // UriFormatException): the program or its configuration, nothing sent.
  { id: 'dotnet-local-messages', re: /Object reference (?:was )?not set to an instance of an object|\bUriFormatException\b|Invalid URI: The (?:URI scheme is not valid|format of the URI could not be determined|hostname could not be parsed|URI is empty)|\bService cannot be started\. /, op: 'local', kind: 'program', answeredBy: 'local', via: 'phrase', sure: 'medium', code: 'local:program' },
  { id: 'type-authentication', re: /\bSystem\.Security\.Authentication\.AuthenticationException\b/, op: 'tls', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'medium' },
  { id: 'type-ssl-net5', re: /\bThe SSL connection could not be established\b/i, op: 'tls', kind: 'failed', answeredBy: 'unknown', via: 'phrase', sure: 'medium' },
  { id: 'type-timeout-httpclient', re: /\bHttpClient\.Timeout\b|\bTaskCanceledException\b[^\n]{0,200}\bTimeout\b/, op: 'transfer', kind: 'timed-out', answeredBy: 'nobody', via: 'type', sure: 'medium' },
  { id: 'type-io-reset', re: /\bIOException\b[^\n]{0,80}(?:Unable to read data from the transport connection|Unable to write data to the transport connection|Received an unexpected EOF)/i, op: 'transfer', kind: 'reset', answeredBy: 'unknown', via: 'type', sure: 'medium' },
  { id: 'type-msal-ui', re: /\bMsalUiRequiredException\b|\binteraction_required\b/, op: 'auth', kind: 'policy', answeredBy: 'entra', via: 'type', sure: 'high', code: 'msal:interaction_required' },
  { id: 'type-modal-dialog', re: /\bUserInteractive\b/, op: 'auth', kind: 'policy', answeredBy: 'entra', via: 'type', sure: 'high', code: 'dotnet:UserInteractive' },
  { id: 'msal-realm', re: /\buser_realm_discovery_failed\b|User realm discovery failed/i, op: 'auth', kind: 'discovery', answeredBy: 'nobody', via: 'type', sure: 'low', code: 'msal:user_realm_discovery_failed' },
  { id: 'oauth-error-code', re: /\bErrorCode:\s*(unauthorized_client|invalid_request|invalid_resource|invalid_scope|unsupported_grant_type|access_denied|temporarily_unavailable|consent_required)\b/, op: 'auth', kind: 'error-code', answeredBy: 'entra', via: 'enum', sure: 'high', code: (m) => `oauth:${m[1]}` },
  { id: 'msal-invalid-grant', re: /\binvalid_grant\b/, op: 'auth', kind: 'credentials', answeredBy: 'entra', via: 'type', sure: 'medium', code: 'oauth:invalid_grant' },
  { id: 'msal-network-error', re: /"errorCode":\s*"network_error"|\bNetwork request failed\b|Unable to download from URI|Unable to resolve package source|Unable to download the list of available providers|Impossible de t[ée]l[ée]charger (?:[àa] partir de l.URI|la liste des fournisseurs disponibles)|Check your internet connection/i, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low' },
  { id: 'msal-invalid-client', re: /\binvalid_client\b/, op: 'auth', kind: 'credentials', answeredBy: 'entra', via: 'type', sure: 'medium', code: 'oauth:invalid_client' },

  // ---- MSAL.NET error codes (MsalError, https://learn.microsoft.com/dotnet/api/microsoft.identity.client.msalerror;
  // AzureAD/microsoft-authentication-library-for-dotnet src/client/Microsoft.Identity.Client/MsalError.cs,
  // Http/HttpManager.cs): request_timeout is MSAL's HttpClient giving up (no answer); service_not_available
  // is a 5xx after MSAL's retry, which a proxy's 502/503/504 produces as well as Entra's own (who answered is
  // not known); tenant/authority discovery failed when the metadata document could not be fetched.
  { id: 'msal-request-timeout', re: /\brequest_timeout\b/, op: 'transfer', kind: 'timed-out', answeredBy: 'nobody', via: 'enum', sure: 'medium', code: 'msal:request_timeout' },
  { id: 'msal-service-not-available', re: /\bservice_not_available\b/, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'msal:service_not_available' },
  { id: 'msal-discovery', re: /\b(?:tenant_discovery_failed|authority_validation_failed|network_not_available)\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'enum', sure: 'low', code: (m) => `msal:${m[0]}` },
  { id: 'msal-federated', re: /\bfederated_service_returned_error\b/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'enum', sure: 'high', code: 'msal:federated_service_returned_error' },
  { id: 'msal-invalid-authority', re: /\b(?:invalid_authority|invalid_authority_type|authority_host_mismatch)\b/, op: 'local', kind: 'configuration', answeredBy: 'local', via: 'enum', sure: 'medium', code: (m) => `msal:${m[0]}` },
  // ADAL's AdalError (AzureAD/azure-activedirectory-library-for-dotnet src/.../Exceptions/AdalError.cs,
  // Internal/OAuth2/TokenResponse.cs): http_request_timeout after ADAL's one retry (no answer);
  // service_unavailable for a 5xx (who answered is not known, as MSAL's service_not_available).
  { id: 'adal-request-timeout', re: /\bhttp_request_timeout\b/, op: 'transfer', kind: 'timed-out', answeredBy: 'nobody', via: 'enum', sure: 'medium', code: 'adal:http_request_timeout' },
  { id: 'adal-service-unavailable', re: /(?:AdalServiceException|AdalException|ErrorCode)[^\n]{0,80}?\bservice_unavailable\b/, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'enum', sure: 'medium', code: 'adal:service_unavailable' },
  { id: 'adal-authority', re: /\b(?:authority_not_in_valid_list|invalid_service_url)\b/, op: 'local', kind: 'configuration', answeredBy: 'local', via: 'enum', sure: 'medium', code: (m) => `adal:${m[0]}` },

  // ---- PowerShell FullyQualifiedErrorId values that name the failing step (PowerShell/PowerShell
  // src/Microsoft.PowerShell.Commands.Utility/commands/utility/WebCmdlet/Common/WebRequestPSCmdlet.Common.cs:
  // "WebCmdletWebResponseException" for an HTTP error answer or a failed request, "WebCmdletCertificateException";
  // PowerShellGet PSModule.psm1: "InvalidWebUri" when Register-PSRepository could not reach the location).
  { id: 'ps-webcmdlet-response', re: /\bWebCmdletWebResponseException,Microsoft\.PowerShell\.Commands\.Invoke(?:WebRequest|RestMethod)Command\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low', code: 'ps:WebCmdletWebResponseException' },
  { id: 'ps-webcmdlet-certificate', re: /\bWebCmdletCertificateException\b/, op: 'tls', kind: 'local-credentials', answeredBy: 'local', via: 'type', sure: 'medium', code: 'ps:WebCmdletCertificateException' },
  { id: 'psget-invalid-weburi', re: /\bInvalidWebUri,Register-PSRepository\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low', code: 'psget:InvalidWebUri' },

];
