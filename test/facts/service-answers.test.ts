// A service's own error answer, in the documented shapes its clients print it (Microsoft Graph and its
// PowerShell SDK, Azure AD Graph, Azure Resource Manager through az / Az PowerShell / the SDKs, MSAL and
// Azure.Identity, Exchange Online, SharePoint, OData): the request crossed the network and the proxy, so
// the finding is the service's (remote-service-error) or Entra ID's, never the proxy's. The near-misses
// (a proxy's 403 page, a bare status) must not be read as the service. Sources are named in src/facts/signatures/.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import { diagnoseText } from '../rules/helpers.js';

const diagnosis = diagnoseText;
const facts = (t: string) => extractFacts(t).facts;
const served = (t: string) => facts(t).filter((f) => f.op === 'http' && (f.kind === 'service-error' || f.kind === 'status') && f.answeredBy === 'server');

const GRAPH_PS = `Get-MgUser_List: Insufficient privileges to complete the operation.

Status: 403 (Forbidden)
ErrorCode: Authorization_RequestDenied
Date: 2023-06-19T09:23:19

Headers:
Cache-Control                 : no-cache
Vary                          : Accept-Encoding
Strict-Transport-Security     : max-age=31536000
request-id                    : 2c0b1b7d-4b1e-4d9a-9f3e-0c9d1b6f2a11
client-request-id             : 7a5c3e10-2f4b-4a4e-8f4d-6f1b2c3d4e5f
x-ms-ags-diagnostic           : {"ServerInfo":{"DataCenter":"North Europe","Slice":"E","Ring":"4","ScaleUnit":"003","RoleInstance":"DB1PEPF00004F5A"}}
Date                          : Mon, 19 Jun 2023 09:23:18 GMT`;

const GRAPH_JSON = `{
  "error": {
    "code": "Authorization_RequestDenied",
    "message": "Insufficient privileges to complete the operation.",
    "innerError": {
      "date": "2023-06-19T09:23:19",
      "request-id": "2c0b1b7d-4b1e-4d9a-9f3e-0c9d1b6f2a11",
      "client-request-id": "7a5c3e10-2f4b-4a4e-8f4d-6f1b2c3d4e5f"
    }
  }
}`;

const GRAPH_PS_V1 = `Get-MgUser_List1: Insufficient privileges to complete the operation.
At line:1 char:1
+ Get-MgUser -All
+ ~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidOperation: ({ ConsistencyLevel = , Top = , Skip = , Search = , Filter = , Count = , Sort = , Expand = , Select =  }:<>f__AnonymousType62\`9) [Get-MgUser_List1], RestException\`1
    + FullyQualifiedErrorId : Authorization_RequestDenied,Microsoft.Graph.PowerShell.Cmdlets.GetMgUser_List1`;

const AZUREAD = `Get-AzureADUser : Error occurred while executing GetUser
Code: Request_ResourceNotFound
Message: Resource 'jdoe@contoso.com' does not exist or one of its queried reference-property objects are not present.
RequestId: 9e8a0b2e-6e2c-4b5e-a2f5-0c1f3c4a7d21
DateTimeStamp: Mon, 12 Jun 2023 08:14:09 GMT
HttpStatusCode: NotFound
HttpStatusDescription: Not Found
HttpResponseStatus: Completed`;

const AAD_GRAPH_ODATA = `{"odata.error":{"code":"Request_BadRequest","message":{"lang":"en","value":"Invalid value specified for property 'mailNickname' of resource 'Group'."},"requestId":"5b0d1a2c-9b8e-4f7a-8c6d-1e2f3a4b5c6d","date":"2023-06-12T08:14:09"}}`;

const AZ_CLI = `ERROR: (AuthorizationFailed) The client 'jdoe@contoso.com' with object id '3f2a1b0c-1111-2222-3333-444455556666' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-sync' or the scope is invalid. If access was recently granted, please refresh your credentials.
Code: AuthorizationFailed
Message: The client 'jdoe@contoso.com' with object id '3f2a1b0c-1111-2222-3333-444455556666' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-sync' or the scope is invalid. If access was recently granted, please refresh your credentials.`;

const AZ_PS_CODE = `Get-AzResourceGroup : Resource group 'rg-sync' could not be found.
StatusCode: 404
ReasonPhrase: Not Found
OperationID : 6c2c1d5e-7f8a-4b9c-8d0e-1f2a3b4c5d6e`;

const AZ_PS_OLD = `New-AzRoleAssignment : Operation returned an invalid status code 'Forbidden'
StatusCode: 403
ReasonPhrase: Forbidden
ErrorCode: AuthorizationFailed
ErrorMessage: The client 'jdoe@contoso.com' with object id '3f2a1b0c' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write'.`;

const AZURE_CORE = `Azure.RequestFailedException: Service request failed.
Status: 404 (Not Found)
ErrorCode: ResourceGroupNotFound

Content:
{"error":{"code":"ResourceGroupNotFound","message":"Resource group 'rg-sync' could not be found."}}

Headers:
x-ms-failure-cause: gateway
x-ms-request-id: 0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f
x-ms-correlation-request-id: 0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f
x-ms-routing-request-id: WESTEUROPE:20230612T081409Z:0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f`;

const MSRESTAZURE = `msrestazure.azure_exceptions.CloudError: Azure Error: AuthorizationFailed
Message: The client 'jdoe@contoso.com' with object id '3f2a1b0c' does not have authorization to perform action 'Microsoft.Compute/virtualMachines/read'.`;

const EXO_RPS = `The operation couldn't be performed because object 'jdoe@contoso.com' couldn't be found on 'AM6PR04A002DC01.EURPR04A002.prod.outlook.com'.
    + CategoryInfo          : NotSpecified: (:) [Get-Mailbox], ManagementObjectNotFoundException
    + FullyQualifiedErrorId : [Server=AM6PR04MB5862,RequestId=1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901,TimeStamp=6/12/2023 8:14:09 AM] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] 9F1A4E2C,Microsoft.Exchange.Management.RecipientTasks.GetMailbox`;

const EXO_V3 = `Write-ErrorMessage : Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'jdoe@contoso.com' couldn't be found on 'AM6PR04A002DC01.EURPR04A002.prod.outlook.com'.
At C:\\Users\\admin\\AppData\\Local\\Temp\\tmpEXO_1a2b3c4d.e5f\\tmpEXO_1a2b3c4d.e5f.psm1:1189 char:13`;

const SHAREPOINT = `Microsoft.SharePoint.Client.ServerUnauthorizedAccessException: Access denied. You do not have permission to perform this action or access this resource.
   at Microsoft.SharePoint.Client.ClientRequest.ProcessResponseStream(Stream responseStream)
   at Microsoft.SharePoint.Client.ClientRequest.ProcessResponse()`;

const MSAL_AADSTS = `Microsoft.Identity.Client.MsalServiceException: AADSTS700016: Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the directory 'contoso.com'. Trace ID: 0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9 Correlation ID: 1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901 Timestamp: 2023-06-12 08:14:09Z
	StatusCode: 400
	ResponseBody: {"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the directory 'contoso.com'.","error_codes":[700016]}`;

const OAUTH_BODY = `MSAL result: {'error': 'invalid_scope', 'error_description': 'The provided value for scope openid offline_access User.Read is not valid.', 'correlation_id': '1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901'}`;

const CRED_UNAVAILABLE = `Azure.Identity.CredentialUnavailableException: DefaultAzureCredential failed to retrieve a token from the included credentials. See the troubleshooting guide for more information. https://aka.ms/azsdk/net/identity/defaultazurecredential/troubleshoot
- EnvironmentCredential authentication unavailable. Environment variables are not fully configured.
- AzureCliCredential authentication unavailable. Azure CLI not installed
- AzurePowerShellCredential authentication unavailable. Az.Accounts module >= 2.2.0 is not installed.`;

describe('the service answered with its own error', () => {
  const cases: [string, string, string | undefined][] = [
    ['Graph PowerShell SDK: Status + ErrorCode + Graph headers', GRAPH_PS, 'service:Authorization_RequestDenied'],
    ['Graph JSON error body with innerError request-id', GRAPH_JSON, undefined],
    ['Graph PowerShell SDK v1: FullyQualifiedErrorId with the Graph code', GRAPH_PS_V1, 'graph:Authorization_RequestDenied'],
    ['AzureAD module: Code: Request_ResourceNotFound (no ApiException type in the text)', AZUREAD, 'graph:Request_ResourceNotFound'],
    ['Azure AD Graph OData error body', AAD_GRAPH_ODATA, 'graph:Request_BadRequest'],
    ['az CLI (Code) Message / Code: / Message:', AZ_CLI, 'service:AuthorizationFailed'],
    ['AzureRM ErrorCode / ErrorMessage', AZ_PS_OLD, 'service:AuthorizationFailed'],
    ['Azure.Core RequestFailedException', AZURE_CORE, 'service:ResourceGroupNotFound'],
    ['msrestazure CloudError', MSRESTAZURE, 'service:AuthorizationFailed'],
    ['Exchange Online remote PowerShell error record', EXO_RPS, 'exchange:server-error'],
    ['Exchange Online V3 REST error', EXO_V3, 'exchange:server-error'],
    ['SharePoint CSOM ServerException', SHAREPOINT, 'sharepoint:ServerException'],
    ['Graph .NET SDK v5 ODataError', 'Microsoft.Graph.Models.ODataErrors.ODataError: Insufficient privileges to complete the operation.\n   at Microsoft.Kiota.Http.HttpClientLibrary.HttpClientRequestAdapter.ThrowIfFailedResponse(HttpResponseMessage response, Dictionary`2 errorMapping)', 'graph:ODataError'],
    ['Graph .NET SDK v4 ServiceException with an Outlook code', 'Microsoft.Graph.ServiceException: Code: ErrorItemNotFound\nMessage: The specified object was not found in the store.\nInner error:\n\tAdditionalData:\n\trequest-id: 0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f', 'graph:ErrorItemNotFound'],
  ];
  for (const [name, text, code] of cases) {
    it(name, () => {
      const f = served(text);
      expect(f.length).toBeGreaterThan(0);
      if (code) expect(f.flatMap((x) => x.codes)).toContain(code);
      const d = diagnosis(text);
      expect(d.codes).toContain('remote-service-error');
      expect(d.verdict).toBe('not-network');
      expect(d.codes).not.toContain('proxy-denied');
    });
  }

  it('the status the service gave is kept (Graph 403, Azure.Core 404)', () => {
    expect(served(GRAPH_PS).map((f) => f.status)).toContain(403);
    expect(served(AZURE_CORE).map((f) => f.status)).toContain(404);
  });

  it('an ARM error code named as a code ("Code: ResourceGroupNotFound")', () => {
    expect(served('Get-AzResource : Code: ResourceGroupNotFound\nResource group \'rg-sync\' could not be found.').flatMap((f) => f.codes)).toContain('arm:ResourceGroupNotFound');
  });

  it('Az PowerShell "StatusCode: 404 ReasonPhrase: Not Found" is the service (a 404 is not a proxy\'s refusal)', () => {
    expect(diagnosis(AZ_PS_CODE).codes).toContain('remote-service-error');
  });
});

describe('Entra ID answered (MSAL)', () => {
  it('MsalServiceException with AADSTS and StatusCode 400 is Entra\'s answer', () => {
    const d = diagnosis(MSAL_AADSTS);
    expect(d.verdict).toBe('not-network');
    expect(d.codes).toContain('not-network-entra-error');
  });

  it('an OAuth 2.0 error body (RFC 6749 §5.2) is the token endpoint\'s answer', () => {
    const f = facts(OAUTH_BODY).find((x) => x.codes.includes('oauth:invalid_scope'));
    expect(f?.answeredBy).toBe('entra');
    const d = diagnosis(OAUTH_BODY);
    expect(d.verdict).toBe('not-network');
    expect(d.codes).toContain('not-network-entra-error');
  });

  it('Azure.Identity\'s CredentialUnavailableException is local: no credential was found', () => {
    const d = diagnosis(CRED_UNAVAILABLE);
    expect(d.codes).toContain('not-network-local');
    expect(d.verdict).toBe('not-network');
  });
});

describe('near-misses: not the service', () => {
  it('a proxy\'s 403 page is the proxy, not the service', () => {
    const t = `Invoke-RestMethod : The remote server returned an error: (403) Forbidden.
<html><head><title>Access Denied</title></head><body><h1>Access Denied (policy_denied)</h1><p>Your system policy has denied access to the requested URL.</p><p>For assistance, contact your network support team.</p><br>Squid/4.10</body></html>`;
    expect(served(t)).toEqual([]);
    expect(diagnosis(t).codes).not.toContain('remote-service-error');
  });

  it('Azure.Core\'s status without the service\'s ErrorCode (a proxy\'s HTML body) is not the service', () => {
    const t = `Azure.RequestFailedException: Service request failed.
Status: 403 (Forbidden)

Content:
<html><body>Access denied by policy</body></html>

Headers:
Connection: close`;
    expect(served(t)).toEqual([]);
    expect(diagnosis(t).codes).not.toContain('remote-service-error');
  });

  it('a bare "403 Forbidden" or "Status: 403 (Forbidden)" decides nothing about the service', () => {
    for (const t of ['403 Forbidden', 'Status: 403 (Forbidden)', 'Forbidden']) {
      expect(served(t)).toEqual([]);
      expect(diagnosis(t).codes).not.toContain('remote-service-error');
    }
  });

  it('client-request-id and X-Request-ID are not the service\'s headers', () => {
    for (const t of ['Status: 403\nclient-request-id: 7a5c3e10-2f4b-4a4e-8f4d-6f1b2c3d4e5f', 'HTTP/1.1 403 Forbidden\nX-Request-ID: 7a5c3e10']) {
      expect(served(t).filter((f) => f.via.includes('header'))).toEqual([]);
    }
  });

  it('a 407 followed by a request id is still the proxy\'s', () => {
    const t = 'HTTP/1.1 407 Proxy Authentication Required\nrequest-id: 2c0b1b7d-4b1e-4d9a-9f3e-0c9d1b6f2a11';
    expect(served(t)).toEqual([]);
    expect(diagnosis(t).codes).toContain('proxy-auth-required');
  });

  it('the .NET Graph SDK\'s own generalException (it could not send) is not the service', () => {
    const t = 'Microsoft.Graph.ServiceException: Code: generalException\nMessage: An error occurred sending the request.\n ---> System.Net.Http.HttpRequestException: No such host is known.';
    expect(served(t)).toEqual([]);
    expect(diagnosis(t).codes).not.toContain('remote-service-error');
  });

  it('a word that merely looks like a code ("(Forbidden)", "Request_Timeout") is not read as the service', () => {
    for (const t of ['The request failed (Forbidden) at the gateway', 'ERROR Request_Timeout while waiting for the proxy']) expect(served(t)).toEqual([]);
  });
});
