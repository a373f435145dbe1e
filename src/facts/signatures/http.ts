// HTTP statuses in the forms clients print them (.NET "(407) Proxy Authentication Required",
// "Response status code does not indicate success: 407", "StatusCode: 403", Node "statusCode=407",
// curl "Received HTTP code 407 from proxy after CONNECT", Java "HTTP/1.1 407", Go "407 Proxy
// Authentication Required"). Who answered follows RFC 9110: 407 is always the proxy's; a CONNECT that
// failed with any status is the proxy's answer (RFC 9110 §9.3.6); 502/504 are a gateway's own errors.
import type { Signature } from '../signature.js';

const status = (m: RegExpExecArray) => Number(m[1]);

export const HTTP_SIGNATURES: Signature[] = [
  // Any status on a CONNECT: the proxy answered the tunnel request.
  { id: 'connect-status-curl', re: /Received HTTP code (\d{3}) from proxy after CONNECT/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-curl-response', re: /CONNECT tunnel failed, response (\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-node', re: /tunneling socket could not be established,\s*statusCode=(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-python', re: /Tunnel connection failed:\s*(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-java', re: /Unable to tunnel through proxy\.\s*Proxy returns\s*"?HTTP\/1\.[01]\s+(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  { id: 'connect-status-dotnet', re: /proxy tunnel request to proxy[^\n]{0,120}?failed with status code\s*['"]?(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status, code: (m) => `http:${m[1]}`, role: 'proxy' },
  // A browser's console: "Failed to load resource: the server responded with a status of 500 ()".
  { id: 'browser-console-status', re: /the server responded with a status of (\d{3})\b/i, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status: (m) => Number(m[1]), code: (m) => `http:${m[1]}` },
  // A CONNECT a library reports with the proxy's status ("Could not open CONNECT tunnel with proxy h:p [{'status': 403, …}]").
  { id: 'connect-tunnel-status-dict', re: /CONNECT tunnel with proxy [^\n]{0,120}?['"]status['"]:\s*(\d{3})/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: (m) => Number(m[1]), code: (m) => `http:${m[1]}`, role: 'proxy' },
  // Any client's words for the status of its CONNECT ("Bad status code on CONNECT response: 502").
  { id: 'connect-status-words', re: /\bstatus(?: code)? (?:on|of|in|from) (?:the )?CONNECT (?:response|request|reply)\s*[:=]?\s*(\d{3})\b|\bCONNECT (?:response|request|reply) (?:status|code|returned|failed with)[^\n\d]{0,20}(\d{3})\b/i, op: 'tunnel', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: (m) => Number(m[1] ?? m[2]), code: (m) => `http:${m[1] ?? m[2]}`, role: 'proxy' },
  // 407 wherever it appears as a status.
  { id: 'status-407', re: /[(（]407[)）]|\bauthenticationrequired\b|You must be authenticated by a proxy before|\b407\b[^\n]{0,40}Proxy[\s-]?Auth|Proxy Authentication Required|Proxy Authori[sz]ation Required|Not authorized by proxy|ProxyAuthenticationRequired|\bstatus(?:\s*code)?\s*[:=]?\s*['"]?407\b|HTTP\/1\.[01]\s+407\b|TCP_DENIED\/407/i, op: 'http', kind: 'status', answeredBy: 'proxy', via: 'number', sure: 'high', status: () => 407, code: 'http:407' },
  // Other statuses: who answered is read later (a proxy's page, an Entra page, a CONNECT).
  { id: 'status-paren', re: /[(（](4\d\d|5\d\d)[)）](?=\s*[A-Za-zÀ-ÿ\u0400-\u04ff\u3000-\u9fff])/g, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status, code: (m) => `http:${m[1]}` },
  { id: 'status-netcore', re: /(?:does not indicate success:|StatusCode\s*[:=]|[Ss]tatus [Cc]ode\s*[:=]?\s*['"]?|HTTP\/1\.[01]|HTTP Error)\s*['"]?(4\d\d|5\d\d)\b/g, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status, code: (m) => `http:${m[1]}` },
  { id: 'status-named', re: /\b(?:403 Forbidden|502 Bad Gateway|504 Gateway Time-?out|503 Service Unavailable)\b/gi, op: 'http', kind: 'status', answeredBy: 'unknown', via: 'number', sure: 'medium', status: (m) => Number(m[0].slice(0, 3)), code: (m) => `http:${m[0].slice(0, 3)}` },
  // A service's own JSON error body: the service answered, whatever it says inside. Microsoft Graph and ARM
  // ({"error":{"code":"…","message":…,"innerError":{"request-id":…}}}, https://learn.microsoft.com/graph/errors,
  // https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors), as JSON or as
  // Python prints the parsed dict ({'error': {'code': …}}); OData v3 / Azure AD Graph and SharePoint REST
  // ({"odata.error":{"code":…,"message":{"lang":…,"value":…}}}, https://www.odata.org/documentation/odata-version-3-0/json-verbose-format/).
  { id: 'service-json-error', re: /\{\s*(?:"(?:odata\.)?error"\s*:\s*\{\s*"code"\s*:\s*"[^"]+"|'(?:odata\.)?error'\s*:\s*\{\s*'code'\s*:\s*'[^']+')/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high' },
  // Azure.Core's RequestFailedException (Azure SDK for .NET, Az PowerShell 9+) and the Microsoft Graph PowerShell
  // SDK print the status with the error code the SERVICE put in its body or x-ms-error-code header:
  // "Status: 403 (Forbidden)\nErrorCode: AuthorizationFailed" (https://learn.microsoft.com/dotnet/api/azure.requestfailedexception;
  // https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/core/Azure.Core/src/RequestFailedException.cs). A proxy's
  // page has no such code, so without the ErrorCode line the status is read by the other signatures.
  { id: 'azure-status-errorcode', re: /\bStatus:\s*(\d{3})\s*\([A-Za-z][A-Za-z -]*\)\s*\r?\n\s*ErrorCode:\s*['"]?([A-Za-z][\w.]*)/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', status: (m) => Number(m[1]), code: (m) => `service:${m[2]}` },
  // AzureRM / Az PowerShell before Azure.Core and the ARM REST clients (Microsoft.Rest.Azure.CloudException's
  // rendering): "StatusCode: 403\nReasonPhrase: Forbidden\nErrorCode: AuthorizationFailed\nErrorMessage: …", and
  // msrestazure's CloudError "Azure Error: AuthorizationFailed\nMessage: …" (https://github.com/Azure/msrestazure-for-python
  // msrestazure/azure_exceptions.py): the code and message are the service's body.
  { id: 'arm-errorcode-errormessage', re: /\bErrorCode\s*:\s*([A-Za-z][\w.]*)\s*\r?\n\s*ErrorMessage\s*:|\bAzure Error:\s*([A-Za-z][\w.]*)\s*\r?\n\s*Message:/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', code: (m) => `service:${m[1] ?? m[2]}` },
  // azure-core (Python; the Azure CLI) prints an ODataV4 error body as "(Code) Message\nCode: Code\nMessage: Message"
  // (https://github.com/Azure/azure-sdk-for-python/blob/main/sdk/core/azure-core/azure/core/exceptions.py ODataV4Format.__str__):
  // the same code twice, from the service's body.
  { id: 'azure-core-odata-error', re: /\(([A-Za-z][\w.]*)\) [^\n]{1,1000}\r?\n\s*Code: \1\s*\r?\n\s*Message: /, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', code: (m) => `service:${m[1]}` },
  // Azure Resource Manager's own error codes (https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors,
  // https://learn.microsoft.com/azure/role-based-access-control/troubleshooting) as the az CLI ("(AuthorizationFailed) The client …"),
  // Az PowerShell ("Code: ResourceGroupNotFound", "ErrorCode: AuthorizationFailed") and the SDKs print them: ARM answered.
  { id: 'arm-error-code', re: /(?:\(|\b(?:Error)?Code\s*[:=]\s*['"]?)(AuthorizationFailed|LinkedAuthorizationFailed|ResourceGroupNotFound|ResourceNotFound|ParentResourceNotFound|SubscriptionNotFound|InvalidSubscriptionId|MissingSubscription|MissingSubscriptionRegistration|NoRegisteredProviderFound|InvalidResourceNamespace|InvalidResourceType|InvalidAuthenticationToken|InvalidAuthenticationTokenTenant|InvalidAuthenticationTokenAudience|ExpiredAuthenticationToken|RequestDisallowedByPolicy|InvalidTemplate|InvalidTemplateDeployment|DeploymentFailed|SkuNotAvailable|QuotaExceeded|RoleAssignmentExists|PrincipalNotFound|ResourceGroupBeingDeleted|ScopeLocked|ReadOnlyDisabledSubscription|SubscriptionNotRegistered)(?:\)\s|['"]?\b)/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', code: (m) => `arm:${m[1]}` },
  // Microsoft Graph's and Azure AD Graph's own error codes (https://learn.microsoft.com/graph/errors; Azure AD Graph:
  // https://learn.microsoft.com/previous-versions/azure/ad/graph/howto/azure-ad-graph-api-error-codes-and-error-handling):
  // "Authorization_RequestDenied", "Request_ResourceNotFound", "Request_BadRequest", "Directory_QuotaExceeded" —
  // as the Graph PowerShell SDK ("ErrorCode: Authorization_RequestDenied", FullyQualifiedErrorId
  // "Authorization_RequestDenied,Microsoft.Graph.PowerShell.Cmdlets.GetMgUser_List") and the AzureAD module
  // ("Code: Request_ResourceNotFound … HttpStatusCode: NotFound") print them. Only the service gives these names.
  { id: 'graph-error-code', re: /\b(Authentication_(?:ExpiredToken|MissingOrMalformed|Unauthorized|UnsupportedTokenType)|Authorization_(?:IdentityNotFound|IdentityDisabled|RequestDenied)|Directory_(?:CompanyNotFound|ExpiredPageToken|ObjectNotFound|QuotaExceeded|ReplicaUnavailable|ResultSizeLimitExceeded|BindingRequestFailed)|Headers_(?:DataServiceVersionInvalid|HeaderNotSupported)|Request_(?:BadRequest|DataContractVersionMissing|InvalidDataContractVersion|InvalidRequestUrl|MultipleObjectsWithSameKeyValue|ResourceNotFound|ThrottledPermanently|ThrottledTemporarily|UnsupportedQuery)|Service_InternalServerError)\b/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', code: (m) => `graph:${m[1]}` },
  // Microsoft Graph's documented lowerCamel codes (https://learn.microsoft.com/graph/errors#code-property) where a client names them
  // as the service's code ("Code: itemNotFound", "ErrorCode: accessDenied", FullyQualifiedErrorId "accessDenied,Microsoft.Graph…").
  // generalException is left out: the .NET Graph SDK gives it to its own failures to send. Outlook's codes through
  // Graph and EWS (ErrorItemNotFound, ErrorAccessDenied…; https://learn.microsoft.com/dotnet/api/microsoft.exchange.webservices.data.serviceerror) likewise.
  { id: 'graph-error-code-camel', re: /(?:\b(?:Error)?Code\s*[:=]\s*['"]?|FullyQualifiedErrorId\s*:\s*)(accessDenied|activityLimitReached|invalidRange|invalidRequest|itemNotFound|malwareDetected|nameAlreadyExists|notAllowed|notSupported|resourceModified|resyncRequired|quotaLimitReached|unauthenticated|Error(?:AccessDenied|ItemNotFound|InvalidUser|NonExistentMailbox|MailboxNotEnabledForRESTAPI|InvalidIdMalformed))\b/, op: 'http', kind: 'service-error', answeredBy: 'server', via: 'page', sure: 'high', code: (m) => `graph:${m[1]}` },
  // Response headers only the service sets, after the status of the same response: Microsoft Graph's
  // x-ms-ags-diagnostic and request-id (https://learn.microsoft.com/graph/errors, "innerError"/request-id),
  // ARM's x-ms-routing-request-id and x-ms-correlation-request-id (https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling),
  // Azure services' x-ms-request-id and x-ms-error-code (https://learn.microsoft.com/rest/api/storageservices/common-rest-api-error-codes).
  // Not client-request-id / x-ms-client-request-id (the client's own) nor X-Request-ID (load balancers and proxies set it).
  { id: 'service-status-headers', re: /(?:\bStatus(?:\s*Code)?\s*[:=]\s*|HTTP\/\d(?:\.\d)?\s+)(4(?!07)\d\d|5\d\d)\b[\s\S]{0,3000}?(?:\bx-ms-ags-diagnostic|\bx-ms-routing-request-id|\bx-ms-correlation-request-id|(?<![\w-])x-ms-request-id|\bx-ms-error-code|(?<![\w-])request-id)\s*[:=]/i, op: 'http', kind: 'status', answeredBy: 'server', via: 'header', sure: 'high', status: (m) => Number(m[1]), code: (m) => `http:${m[1]}` },
  // An OAuth 2.0 error response (RFC 6749 §5.2, https://www.rfc-editor.org/rfc/rfc6749#section-5.2; Entra's token
  // endpoint, https://learn.microsoft.com/entra/identity-platform/reference-error-codes): {"error":"invalid_scope",
  // "error_description":…}, as MSAL's ResponseBody or MSAL Python's result dict prints it. invalid_grant,
  // invalid_client and interaction_required are read in dotnet.ts.
  { id: 'oauth-error-body', re: /["'](?:error)["']\s*:\s*["'](invalid_request|unauthorized_client|access_denied|unsupported_response_type|unsupported_grant_type|invalid_scope|invalid_resource|consent_required|server_error|temporarily_unavailable)["']\s*,\s*["']error_description["']/, op: 'auth', kind: 'error-code', answeredBy: 'entra', via: 'page', sure: 'high', code: (m) => `oauth:${m[1]}` },
  // A web server's own error page quoted in a client error ("Error 404: SRVE0190E", IIS "HTTP Error 404").
  { id: 'server-error-page', re: /\bError (40[0-9]|50[01]):\s*[A-Z]{3,}\d{3,}|HTTP Error (40[0-9]|50[01])\.\d+/, op: 'http', kind: 'status', answeredBy: 'server', via: 'page', sure: 'medium', status: (m) => Number(m[1] ?? m[2]), code: (m) => `http:${m[1] ?? m[2]}` },
  // An HTML page where SOAP/JSON was expected: somebody's page answered instead of the service.
  { id: 'html-instead', re: /unexpected character encountered while parsing value: <|unexpected character '(?:<|&lt;)'|Unexpected token < in JSON|content type text\/html[^\n]{0,80}does not match the content type of the binding|Unexpected character '<'|'<' is an invalid start of a value|Expecting value: line 1 column 1|<html|<!DOCTYPE html|<h1[\s>]|<title>|<body[\s>]/i, op: 'http', kind: 'html', answeredBy: 'unknown', via: 'page', sure: 'medium' },
];
