// Entra ID's answers and Azure AD Connect's own words: AADSTS codes (Entra answered; the rules read what
// each code means), the sync engine's run results, its database, on-premises AD answers and refusals,
// password writeback, and what shows a working sync. Sources: AADSTS codes
// (https://learn.microsoft.com/entra/identity-platform/reference-error-codes), run profile results
// (https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-operations), LDAP result
// codes (RFC 4511 §4.1.9: 0x31 invalidCredentials, 0x32 insufficientAccessRights, 0x51 serverDown),
// Active Directory errors 8344/8453/8333 (https://learn.microsoft.com/windows/win32/debug/system-error-codes--8200-8999-),
// the troubleshooting pages of Entra Connect (password hash sync, writeback, LocalDB 10 GB limit,
// deletion threshold) that quote these texts (corpus/tuning/aadc.jsonl names each).
import type { Signature } from '../signature.js';

const run = (m: RegExpExecArray) => `run:${m[1]!.toLowerCase()}`;

// ---- Documented numbers and names, one table per Microsoft page (issue 12: decide from the parts of an
// error that never change). Each entry maps a documented code to the fact its page says it stands for.

/** The first group that matched, for tables whose regex has one capture per way of writing the code. */
const first = (m: RegExpExecArray): string | undefined => m.slice(1).find((x) => x !== undefined);

/**
 * A password writeback event of the PasswordResetService source, recognised by its number only where the
 * text names the source (Event Viewer's "Source: PasswordResetService … Event ID: 33004", a list line
 * "PasswordResetService 32001"), or by the event's name as the service writes it into the message
 * ("TrackingId: <guid>, ADPermissionsError, Details: …"). The names are never translated.
 */
function writeback(ids: string[], names: string[], bareNames: string[] = []): RegExp {
  const id = `(${ids.join('|')})`;
  const bySource = String.raw`PasswordResetService(?:[ \t]+|[^\n]*\n(?:(?![^\n]*Event\s*ID)[^\n]*\n){0,3}[^\n]*?Event\s*ID\s*:?\s*)${id}\b`;
  const named = `(?:TrackingId:\\s*[^,\\n]{1,80},\\s*(${names.join('|')})\\b|\\b(${names.join('|')}),\\s*Details\\b)`;
  const bare = bareNames.length ? `|\\b(${bareNames.join('|')})\\b` : '';
  return new RegExp(`${bySource}|${named}${bare}`);
}
const wb = (m: RegExpExecArray) => `writeback:${first(m)}`;

// Password writeback event IDs of the PasswordResetService source, from "Password writeback event log error
// codes" in https://learn.microsoft.com/entra/identity/authentication/troubleshoot-sspr-writeback (its
// markdown is in the MicrosoftDocs/entra-docs repository).
export const WRITEBACK_EVENT_SIGNATURES: Signature[] = [
  // 31003/31008/31011 (*Fail): the password reached on-premises and AD would not take it (policy, the ADMA
  // account's rights, a protected account). 33001 AD's own unknown error, 33002 user not found, 33004 no
  // reset right, 33005 disabled, 33006 locked out, 33007 wrong current password, 33008 password policy,
  // 33009 AD configuration: in each, a domain controller answered.
  {
    id: 'writeback-ad-refused',
    re: writeback(
      ['3100[38]', '31011', '3300[1245-9]'],
      ['PasswordResetFail', 'ChangePasswordFail', 'ResetUserPasswordByAdminFail', 'ADUnKnownError', 'ADUserNotFoundError', 'ADPermissionsError', 'ADUserAccountDisabled', 'ADUserAccountLockedOut', 'ADUserIncorrectPassword', 'ADPasswordPolicyError', 'ADConfigurationError'],
      ['ADUnKnownError', 'ADUserNotFoundError', 'ADPermissionsError', 'ADUserAccountDisabled', 'ADUserAccountLockedOut', 'ADUserIncorrectPassword', 'ADPasswordPolicyError', 'ADConfigurationError', 'ResetUserPasswordByAdminFail'],
    ),
    op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'number', sure: 'high', code: wb,
  },
  // 33003 ADMutliMatchError (the service's spelling): two on-premises users carry the same cloud anchor; an
  // object-level data problem of the sync, not a refusal.
  { id: 'writeback-multimatch', re: writeback(['33003'], ['ADMutliMatchError', 'ADMultiMatchError'], ['ADMutliMatchError', 'ADMultiMatchError']), op: 'sync', kind: 'object-errors', answeredBy: 'local', via: 'number', sure: 'high', code: 'sync:object-errors' },
  // 31034 ServiceBusListenerError, 31044 (no service host running), 32001 ServiceError (the password reset
  // web service could not be reached), 32002 ServiceBusError, 32011 OnBoardingServiceError and 32013
  // OffBoardingError (firewall rules or the token, by the page): the relay or the web service was not
  // reached.
  {
    id: 'writeback-relay',
    re: writeback(['31034', '31044', '3200[12]', '3201[13]'], ['ServiceBusListenerError', 'ServiceError', 'ServiceBusError', 'OnBoardingServiceError', 'OffBoardingError'], ['OnBoardingServiceError', 'OffBoardingError']),
    op: 'connect', kind: 'servicebus', answeredBy: 'unknown', via: 'number', sure: 'high', code: 'writeback:servicebus',
  },
  // 32015 ReportServiceHealthError: the five-minute heartbeat to the web service could not be sent; the
  // page names no cause beyond the send failing.
  { id: 'writeback-health-report', re: writeback(['32015'], ['ReportServiceHealthError'], ['ReportServiceHealthError']), op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'number', sure: 'low', code: 'writeback:32015' },
  // 32009 AuthTokenError: no token for the admin account given to the wizard (wrong password, or federated).
  { id: 'writeback-auth-token-event', re: writeback(['32009'], ['AuthTokenError']), op: 'auth', kind: 'credentials', answeredBy: 'entra', via: 'number', sure: 'high', code: 'entra:writeback-auth-token' },
  // 32003 InPutValidationError and 32008 ValidationError: the web service sent input or an answer the
  // on-premises service would not accept. The service answered.
  { id: 'writeback-service-answer', re: writeback(['3200[38]'], ['InPutValidationError', 'ValidationError'], ['InPutValidationError']), op: 'auth', kind: 'error-code', answeredBy: 'entra', via: 'number', sure: 'medium', code: wb },
  // 32004 DecryptionError, 32005 ConfigurationError, 32007 OnBoardingConfigUpdateError, 32010 CryptoError:
  // the keys or the configuration file on this server; the page's fix is to turn writeback off and on.
  { id: 'writeback-local', re: writeback(['3200[457]', '32010'], ['DecryptionError', 'ConfigurationError', 'OnBoardingConfigUpdateError', 'CryptoError'], ['OnBoardingConfigUpdateError']), op: 'local', kind: 'configuration', answeredBy: 'local', via: 'number', sure: 'high', code: wb },
  // The success events whose names the page lists: a writeback that reached the relay and on-premises AD.
  { id: 'writeback-success-events', re: /\b(ChangePasswordSuccess|ResetUserPasswordByAdminSuccess|OnboardingEventSuccess|ServiceBusHeartBeat)\b/, op: 'sync', kind: 'success', answeredBy: 'entra', via: 'enum', sure: 'high', code: 'writeback:success' },
];

// The sync engine's HRESULTs (0x8023xxxx) and the errors of its password writeback, where a Microsoft page
// gives the meaning: https://learn.microsoft.com/entra/identity/authentication/troubleshoot-sspr-writeback
// ("If the source of the event is ADSync") and
// https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sync-errors (Error Type 114).
export const SYNC_ENGINE_HRESULT_SIGNATURES: Signature[] = [
  // 0x80230619: the password does not meet the domain's age, history, complexity or filter rules.
  { id: 'hr-password-restriction', re: /\b(?:0x|hr=)80230619\b/i, op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'number', sure: 'high', code: 'hresult:0x80230619' },
  // 0x8023061f: password synchronization is not enabled on this management agent (a forest added after
  // writeback was turned on): the sync configuration of this server.
  { id: 'hr-password-sync-not-enabled', re: /\b(?:0x|hr=)8023061f\b/i, op: 'local', kind: 'configuration', answeredBy: 'local', via: 'number', sure: 'high', code: 'hresult:0x8023061f' },
  // hr=800700CE from the engine ("The filename or extension is too long"): the AD connector account's
  // password is longer than 256 characters.
  { id: 'hr-connector-password-too-long', re: /Synchronization Engine returned an error hr=800700CE/i, op: 'local', kind: 'configuration', answeredBy: 'local', via: 'number', sure: 'high', code: 'hresult:0x800700ce' },
  // ErrorType 114 / 0x8023134a: Entra ID refused an export (a delete of an object it will not take that way).
  { id: 'hr-export-not-valid', re: /\b(?:0x|hr=)8023134a\b|\bError\s*Type\s*:?\s*114\b/i, op: 'sync', kind: 'object-errors', answeredBy: 'entra', via: 'number', sure: 'high', code: 'sync:object-errors' },
];

// Export errors to Entra ID by type, from https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sync-errors
// (Error types): object-level data Entra ID would not take.
// The password hash sync log's per-object statuses, from the "Password Hash Sync log" table of
// https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-password-hash-synchronization:
// the object is not where the password can go (no target, not exported yet, must change at next logon).
export const SYNC_ERROR_TYPE_SIGNATURES: Signature[] = [
  { id: 'sync-error-types', re: /\b(InvalidHardMatch|InvalidSoftMatch|ObjectTypeMismatch|AttributeValueMustBeUnique|(?:Identity)?DataValidationFailed|FederatedDomainChangeError|LargeObject|ExceededAllowedLength)\b|\bExisting Admin Role Conflict\b/, op: 'sync', kind: 'object-errors', answeredBy: 'entra', via: 'enum', sure: 'high', code: 'sync:object-errors' },
  { id: 'phs-object-status', re: /\b(FilteredByTarget|NoTargetConnection|SourceConnectorNotPresent|TargetNotExportedToDirectory)\b/, op: 'sync', kind: 'object-errors', answeredBy: 'local', via: 'enum', sure: 'medium', code: 'sync:object-errors' },
];

// Pass-through authentication and Seamless SSO sign-in error codes, as the sign-in logs write them (the
// number without "AADSTS", which the aadsts signature above already reads): Entra ID recorded the
// failure, so the sign-in reached it; the code says what went wrong behind it.
// PTA: https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-pass-through-authentication
// ("Sign-in failure reasons"): 80001-80014 with the page's reason words (an agent missing or timed out,
// an invalid response, a wrong UPN, a decryption failure).
// Seamless SSO: https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sso (81001-81013):
// the user's Kerberos ticket could not be used.
export const PTA_SSO_SIGNATURES: Signature[] = [
  { id: 'pta-signin-code', re: /(?<!AADSTS)\b(800(?:0[1-57]|1[014]))\b(?=[^\n]{0,8}\n?[^\n]{0,60}\b(?:Authentication Agent|User Principal Name|maximum elapsed time))/, op: 'auth', kind: 'error-code', answeredBy: 'entra', via: 'number', sure: 'high', code: (m) => `pta:${m[1]}` },
  { id: 'sso-kerberos', re: /(?<!AADSTS)\b(810(?:0[1-4]|0[89]|1[0-3]))\b(?=[^\n]{0,8}\n?[^\n]{0,120}\b(?:Kerberos|Seamless SSO|user object|signed in to the device))/i, op: 'auth', kind: 'error-code', answeredBy: 'entra', via: 'number', sure: 'high', code: (m) => `sso:${m[1]}` },
];

// The cloud sync (provisioning) agent's error codes, from
// https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/reference-error-codes
// (the "Error codes" table). The codes are the service's own names. Only those whose meaning the page
// pins down are mapped: an internal server error, "no agents assigned" or an invalid resource say nothing
// about the network or about who refused.
export const CLOUD_SYNC_SIGNATURES: Signature[] = [
  // The cloud sync service account is missing or its credentials expired (Repair-AADCloudSyncToolsAccount).
  { id: 'cloud-sync-credentials', re: /\b(AzureActiveDirectoryInvalidCredential|AzureActiveDirectoryExpiredCredentials)\b/, op: 'auth', kind: 'credentials', answeredBy: 'entra', via: 'enum', sure: 'high', code: (m) => `cloudsync:${m[1]}` },
  // No active agent (by the page: the agents do not listen on the Service Bus endpoint, a firewall in the
  // way) and the service's message not reaching the agent: the agent's connection out failed somewhere,
  // hop unknown.
  { id: 'cloud-sync-agent-unreachable', re: /\b(HybridIdentityServiceNoActiveAgents|HybridIdentityServiceAgentSignalingError)\b/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'enum', sure: 'low', code: (m) => `cloudsync:${m[1]}` },
];

// Password hash sync events of the "Directory Synchronization" source, from
// https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-password-hash-synchronization:
// 652 (error during a password sync batch) and 655 (error during the password sync ping) are among the
// events its manual steps say mean "a connectivity problem". The page does not say which hop, and 611/616
// (a domain controller) are read by ad-connectivity from the record's own source and ID. Read only
// where the text names the source next to the number.
export const PHS_EVENT_SIGNATURES: Signature[] = [
  {
    id: 'phs-sync-error-event',
    re: /Directory Synchronization(?:,?[ \t]*Event[ \t]*ID[ \t]*:?[ \t]*|[^\n]*\n(?:(?![^\n]*Event\s*ID)[^\n]*\n){0,3}[^\n]*?Event\s*ID\s*:?\s*)(65[25])\b|(?<![\w.])(65[25])[ \t]+Directory Synchronization\b/,
    op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'number', sure: 'low', code: (m) => `phs:${first(m)}`,
  },
];

// The wizard's own authentication errors after a successful sign-in, from "Authentication errors" in
// https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-connectivity: the account is
// not a Global Administrator, Privileged Identity Management holds the role back, or the directory of the
// user type is unknown. Entra ID answered each; the errors it names as network ones ("User realm
// discovery failed") and those that do not say who failed (company or domain information unavailable)
// are left to the other tables.
export const WIZARD_AUTH_SIGNATURES: Signature[] = [
  { id: 'wizard-entra-refused', re: /\bUnknown user type\b|\bGlobal Administrator role (?:is )?needed\b|\bPrivileged Identity Management (?:is )?enabled\b|\bGet-MsolUserRole failed\b/i, op: 'auth', kind: 'error-code', answeredBy: 'entra', via: 'phrase', sure: 'medium', code: 'wizard:entra-refused' },
];

// Connect Health alerts for sync, from https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-health-alert-catalog
// (alert names as the portal and its mails write them, older product names included): the sync service
// is not running (local), the connection to Entra ID failed on authentication (credentials), and the two
// the page puts down to connectivity without naming a hop: the health agent's data is stale ("ensure
// outbound connectivity") and password hash sync has not reached Entra ID for 120 minutes.
const ENTRA_NAME = String.raw`(?:Microsoft Entra ID|Azure (?:Active Directory|AD))`;
export const CONNECT_HEALTH_ALERT_SIGNATURES: Signature[] = [
  { id: 'health-sync-service-down', re: /\b(?:Microsoft Entra|Azure AD) Connect Sync Service (?:isn't|is not) running\b/i, op: 'local', kind: 'service', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'health:sync-service-not-running' },
  { id: 'health-auth-failure', re: new RegExp(`Connection to ${ENTRA_NAME} failed due to authentication failure`, 'i'), op: 'auth', kind: 'credentials', answeredBy: 'entra', via: 'phrase', sure: 'medium', code: 'health:authentication-failure' },
  { id: 'health-no-outbound', re: /\bHealth service data (?:isn't|is not) up to date\b|\bPassword Hash Synchronization heartbeat was skipped in last 120 minutes\b/i, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'phrase', sure: 'low', code: 'health:no-data' },
];

// The sync engine's management agent run error codes (connection, synchronization and export errors of a
// run step), from https://learn.microsoft.com/microsoft-identity-manager/reference/maerrorcodes (the
// engine Entra Connect Sync is built on; its markdown is in the MicrosoftDocs/MIMDocs repository). The
// codes are lower-case hyphenated enum values, never translated. Codes the page says only file-based,
// Lotus Notes, NT 4.0 or ADAM agents return are left out, and so are the rules-extension errors
// (extension-dll-*), which the Entra connector also reports for failed calls to Entra ID.
/** The text names the Entra connector ("<tenant>.onmicrosoft.com - AAD"): a connection error is then Entra's, not a directory's. */
const NOT_ENTRA_CONNECTOR = String.raw`^(?![\s\S]*(?:\s-\s?AAD\b|onmicrosoft\.com))[\s\S]*?`;
export const MA_RUN_ERROR_SIGNATURES: Signature[] = [
  // failed-connection (network unavailable, target offline) and dropped-connection: the connected
  // directory was not reached; on a directory's connector that is a domain controller.
  { id: 'ma-connection-failed', re: new RegExp(`${NOT_ENTRA_CONNECTOR}(?<![\\w-])(failed-connection|dropped-connection)(?![\\w-])`), op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'enum', sure: 'medium', code: (m) => `ma:${m[1]}` },
  // failed-permission: insufficient rights on a container of the directory (LDAP agents);
  // password-policy-violation: the AD agents' password set refused by the domain's policy;
  // kerberos-time-skew: the AD agents' password set refused because this server's clock is more than five
  // minutes off the domain controller's.
  { id: 'ma-directory-refused', re: /(?<![\w-])(failed-permission|password-policy-violation|kerberos-time-skew)(?![\w-])/, op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'enum', sure: 'high', code: (m) => `ma:${m[1]}` },
  // kerberos-no-logon-server: the AD agents could not find a server for the domain of the logon
  // credentials (NetBIOS or DNS).
  { id: 'ma-no-logon-server', re: /(?<![\w-])kerberos-no-logon-server(?![\w-])/, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'enum', sure: 'high', code: 'ma:kerberos-no-logon-server' },
  // Export and synchronization errors about one object's data: the directory answered about that object
  // (missing, already there, a duplicate anchor, a constraint, schema or syntax violation, a missing
  // parent or reference), or the engine could not apply it to the metaverse.
  {
    id: 'ma-object-errors',
    re: /(?<![\w-])(cd-missing-object|cd-existing-object|duplicate-anchor|ambiguous-update|constraint-violation|syntax-violation|schema-violation|modify-naming-attribute|dn-attributes-failure|non-existent-parent|mv-constraint-violation|connector-filter-rule-violation|cs-attribute-type-mismatch|exported-change-not-reimported|flow-multi-values-to-single-value)(?![\w-])/,
    op: 'sync', kind: 'object-errors', answeredBy: 'local', via: 'enum', sure: 'high', code: 'sync:object-errors',
  },
  // encryption-key-lost: the engine cannot decrypt what it stored (its key sets are missing from this server).
  { id: 'ma-encryption-key-lost', re: /(?<![\w-])encryption-key-lost(?![\w-])/, op: 'local', kind: 'configuration', answeredBy: 'local', via: 'enum', sure: 'high', code: 'ma:encryption-key-lost' },
];

// ---- The sync engine's SQL Server / LocalDB answering with its own error number. The numbers and their
// meanings are SQL Server's, from "Database engine events and errors"
// (https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors
// and its numbered range pages, e.g. .../database-engine-events-and-errors-18000-to-18999), and the
// client-side (SNI) errors from "Troubleshoot connecting to the SQL Server Database Engine"
// (https://learn.microsoft.com/troubleshoot/sql/database-engine/connect/network-related-or-instance-specific-error-occurred-while-establishing-connection).
// A number is read only in the places SQL Server and its clients print one: SSMS's and the .NET
// exception dialog's "(Microsoft SQL Server, Error: 18456)", SqlException.ToString()'s "Error Number:18456,
// State:1,Class:14", sqlcmd's "Msg 18456, Level 14, State 1", the server ERRORLOG's "Error: 18456,
// Severity: 14, State: 38." and SqlClient's "(provider: Named Pipes Provider, error: 40 - …)". Whatever the
// number, the database is the sync engine's own (LocalDB on this server, or a SQL Server on the LAN): never
// reached through the web proxy, so each is a database fact (sync-database-error).
const sqlNumber = (n: string): string => String.raw`\(Microsoft SQL Server, Error:\s*(${n})\)|\bError Number:\s*(${n}),\s*State:\s*\d+|\bMsg\s+(${n}),\s*Level\s+\d+,\s*State\s+\d+|\bError:\s*(${n}),\s*Severity:\s*\d+,\s*State:\s*\d+`;
const SNI_PROVIDER = String.raw`\(provider:\s*(?:SQL Network Interfaces|Named Pipes Provider|TCP Provider|Shared Memory Provider|SSL Provider),\s*error:\s*(-?\d{1,5})\s*-`;
const sql = (m: RegExpExecArray): string => `sql:${first(m)}`;
/** The numbers the specific signatures below read; the generic one leaves them to those. */
const SQL_LOGIN = ['18456', '18452', '18470', '18486', '18487', '18488', '4060', '4064', '916'];
const SQL_PERMISSION = ['229', '230', '262', '15151', '15247'];
const SQL_FULL = ['1101', '1105', '9002', '1827', '1828'];
const SQL_IO = ['823', '824', '825', '5120', '945', '926'];
// The client's network errors in the dialog form: -1 and -2 (SqlClient: no server / timeout), 2 and 53
// (Named Pipes: file / network path not found), 26 (instance not located), 40 (could not open a
// connection), 233 (no process on the other end of the pipe), and the Winsock numbers 10054/10060/10061
// the TCP provider passes up.
const SQL_UNREACHABLE = ['-1', '-2', '2', '26', '40', '53', '233', '10054', '10060', '10061', '11001'];
const alt = (xs: string[]) => `${xs.join('|')}`;
export const SQL_SERVER_SIGNATURES: Signature[] = [
  // 18456 login failed, 18452 untrusted domain, 18470 disabled, 18486 locked out, 18487/18488 password
  // expired / must change, 4060/4064 cannot open the (default) database the login asked for, 916 the
  // login cannot use the database: the SQL Server answered and refused the sync service's login.
  { id: 'sql-login', re: new RegExp(sqlNumber(`(?:${alt(SQL_LOGIN)})(?!\\d)`)), op: 'database', kind: 'credentials', answeredBy: 'local', via: 'number', sure: 'high', code: sql },
  // 229/230 permission denied on an object or column, 262 permission denied in the database (CREATE
  // DATABASE during setup), 15151 the principal does not exist or no permission, 15247 no permission for
  // the action: the account the wizard or the service uses lacks a right in SQL Server.
  { id: 'sql-permission', re: new RegExp(sqlNumber(`(?:${alt(SQL_PERMISSION)})(?!\\d)`)), op: 'database', kind: 'access-denied', answeredBy: 'local', via: 'number', sure: 'high', code: sql },
  // 1101/1105 no space in the filegroup, 9002 the transaction log is full, 1827/1828 the size would pass
  // the edition's limit (LocalDB and Express stop at 10 GB).
  { id: 'sql-full', re: new RegExp(sqlNumber(`(?:${alt(SQL_FULL)})(?!\\d)`)), op: 'database', kind: 'full', answeredBy: 'local', via: 'number', sure: 'high', code: sql },
  // 823/824/825 an I/O error or a page that fails its checks, 5120 the file cannot be opened, 945/926 the
  // database cannot be opened or is marked suspect: the database files on disk.
  { id: 'sql-io', re: new RegExp(sqlNumber(`(?:${alt(SQL_IO)})(?!\\d)`)), op: 'database', kind: 'failed', answeredBy: 'local', via: 'number', sure: 'high', code: sql },
  // The SQL client could not reach or keep the instance (by the SNI provider line, any number; by the
  // dialog's "Error: N", the network numbers above).
  { id: 'sql-unreachable', re: new RegExp(`${SNI_PROVIDER}|${sqlNumber(`(?:${alt(SQL_UNREACHABLE)})(?!\\d)`)}`), op: 'database', kind: 'unavailable', answeredBy: 'nobody', via: 'number', sure: 'high', code: sql },
  // Any other number SQL Server printed in those places: its own answer, meaning left to its page.
  { id: 'sql-error-number', re: new RegExp(sqlNumber(`(?!(?:${alt([...SQL_LOGIN, ...SQL_PERMISSION, ...SQL_FULL, ...SQL_IO, ...SQL_UNREACHABLE])})(?!\\d))-?\\d{1,6}(?!\\d)`)), op: 'database', kind: 'failed', answeredBy: 'local', via: 'number', sure: 'medium', code: sql },
];

// ---- On-premises AD answering an LDAP or ADSI call with one of its own errors.
// The extended error string a domain controller returns with an LDAP result ("0000208F: NameErr:
// DSID-0310022E, problem 2006 (BAD_NAME), data 8349"; ldp, ADSI and ADSyncConfig print it): its category
// is one of the DIRERR classes of MS-DRSR 4.1.1.1.25
// (https://learn.microsoft.com/openspecs/windows_protocols/ms-drsr/b5165b5e-399a-47d6-85d3-45db0296acbb)
// with the PROBLEM code of 4.1.1.1.26: an attribute, name, update or security error is the DC refusing
// this operation on this object (it was reached); a service error "problem 5003 (WILL_NOT_PERFORM)" too.
// An attribute error lists its problems on the lines after it ("AtrErr: DSID-…, #1:\n\t0: 0000202F: DSID-…,
// problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 90008 (userAccountControl)").
// The message texts of ERROR_DS_* under a DirectoryServicesCOMException are those of the system error codes
// (https://learn.microsoft.com/windows/win32/debug/system-error-codes--8200-8999-): 8239 "A constraint
// violation occurred.", 8242 "An invalid dn syntax has been specified.", 8245 "The server is unwilling to
// process the request.", 8202 "The specified directory service attribute or value does not exist.", 8206
// "… already exists.", 8240 "There is no such object on the server.". ADSI prints them as the exception's
// message (its numbers are in windows.ts WIN32).
const DS_REFUSAL_TEXT = String.raw`A constraint violation occurred|An invalid dn syntax has been specified|The server is unwilling to process the request|The specified directory service attribute or value (?:does not exist|already exists)|There is no such object on the server`;
export const AD_ANSWER_SIGNATURES: Signature[] = [
  { id: 'ldap-extended-error', re: /\b[0-9A-F]{8}: (NameErr|UpdErr|SecErr): DSID-[0-9A-F]{8}, problem (\d{4,5}) \([A-Z_]+\)|\b[0-9A-F]{8}: (SvcErr): DSID-[0-9A-F]{8}, problem (5003) \(WILL_NOT_PERFORM\)|\b[0-9A-F]{8}: (AtrErr): DSID-[0-9A-F]{8}, #\d+:\s*\d+: [0-9A-F]{8}: DSID-[0-9A-F]{8}, problem (\d{4,5}) \([A-Z_]+\)/, op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'number', sure: 'high', code: (m) => `ldap-ext:${m[1] ?? m[3] ?? m[5]}:${m[2] ?? m[4] ?? m[6]}` },
  { id: 'ds-com-refusal-text', re: new RegExp(`DirectoryServicesCOMException[\\s\\S]{0,400}?(?:${DS_REFUSAL_TEXT})|(?:${DS_REFUSAL_TEXT})[\\s\\S]{0,800}?DirectoryServicesCOMException`), op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'type', sure: 'high', code: 'ad:refused' },
];

// ---- The ADSync PowerShell module or one of its cmdlets is not on this machine: PowerShell's
// CommandNotFoundException for an ADSync cmdlet ("The term 'Start-ADSyncSyncCycle' is not recognized …",
// FullyQualifiedErrorId CommandNotFoundException, never translated) and Import-Module's
// Modules_ModuleNotFound for the ADSync / ADSyncTools module. Sources: the cmdlet names of
// https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-adsync and
// https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-adsynctools; the errors of
// https://learn.microsoft.com/dotnet/api/system.management.automation.commandnotfoundexception and
// https://learn.microsoft.com/powershell/module/microsoft.powershell.core/import-module. A local
// requirement (the sync engine not installed here, or a 32-bit PowerShell): not the network.
export const ADSYNC_MODULE_SIGNATURES: Signature[] = [
  {
    id: 'adsync-cmdlet-not-found',
    re: /\bThe term '[A-Za-z]+-ADSync\w*' is not recognized\b|\bObjectNotFound: \([A-Za-z]+-ADSync\w*:String\) \[\], CommandNotFoundException\b|\bADSync(?:Tools|Config)?\b[\s\S]{0,600}?\bModules_ModuleNotFound\b|\bThe specified module '[^'\n]*\bADSync(?:Tools|Config)?(?:\.psd1|\.psm1)?' was not loaded\b/i,
    op: 'local', kind: 'requirement', answeredBy: 'local', via: 'type', sure: 'high', code: 'adsync:module-missing',
  },
];

// ---- A PowerShell script the agent's or the wizard's registration runs, refused by the execution policy
// ("… cannot be loaded because running scripts is disabled on this system", PSSecurityException,
// FullyQualifiedErrorId UnauthorizedAccess): "Agent registration fails with security error" in
// https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/how-to-troubleshoot, the error of
// https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_execution_policies.
// The type and the id are never translated. A local setting; nothing was sent.
export const AGENT_LOCAL_SIGNATURES: Signature[] = [
  { id: 'ps-execution-policy', re: /\bSecurityError: \([^)\n]*\) \[[^\]\n]*\], PSSecurityException\b|\bPSSecurityException\b[\s\S]{0,300}?FullyQualifiedErrorId\s*:\s*UnauthorizedAccess\b|\bcannot be loaded because running scripts is disabled on this system\b/, op: 'local', kind: 'requirement', answeredBy: 'local', via: 'type', sure: 'high', code: 'local:execution-policy' },
  // The PTA agent's trace line "Passthrough Authentication request failed … Reason: '<Win32 code>'" (the
  // page's "Detailed trace logs": Net helpmsg gives the meaning) with a code that says no domain
  // controller answered: 1311 ERROR_NO_LOGON_SERVERS, 1355 ERROR_NO_SUCH_DOMAIN, 1908
  // ERROR_DOMAIN_CONTROLLER_NOT_FOUND (system error codes). From
  // https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-pass-through-authentication.
  { id: 'pta-logon-no-dc', re: /Passthrough Authentication request failed[^\n]*Reason:\s*'?(1311|1355|1908)\b/i, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'number', sure: 'high', code: (m) => `pta:${m[1]}` },
];

// ---- The sync service that cannot start after its account's password changed, as
// https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-change-serviceacct-pass
// quotes it: services.msc's "Windows could not start the Microsoft Entra ID Sync service on Local
// Computer" (with "Error 1069" or a service-specific error code, both read in windows.ts), and the
// Application event 6028 "The server encryption key cannot be accessed." (DPAPI no longer gives the
// service its encryption key). Both are this server's own; nothing was sent.
export const SYNC_SERVICE_START_SIGNATURES: Signature[] = [
  { id: 'services-msc-could-not-start', re: /\bWindows could not start the [^\n]{1,120}? on Local Computer\b/i, op: 'local', kind: 'service', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'local:service' },
  { id: 'adsync-encryption-key-inaccessible', re: /\bThe server encryption key cannot be accessed\b/i, op: 'local', kind: 'configuration', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'adsync:6028' },
];

// ---- What shows the sync engine's database answering: Connect-ADSyncToolsSqlDatabase's "Successfully
// connected." after "Attempting to connect to <server> using a TCP binding", as
// https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-tshoot-sql-connectivity shows it.
export const SYNC_SUCCESS_SIGNATURES: Signature[] = [
  { id: 'adsynctools-sql-connected', re: /Attempting to connect to [^\n]{1,200} using a TCP binding[^\n]*\n(?:[^\n]*\n){0,2}?\s*Successfully connected\./, op: 'sync', kind: 'success', answeredBy: 'local', via: 'log', sure: 'high', code: 'sync:database-connected' },
];

export const ENTRA_CONNECT_SIGNATURES: Signature[] = [
  ...MA_RUN_ERROR_SIGNATURES,
  ...PHS_EVENT_SIGNATURES,
  ...WIZARD_AUTH_SIGNATURES,
  ...CONNECT_HEALTH_ALERT_SIGNATURES,
  ...WRITEBACK_EVENT_SIGNATURES,
  ...SYNC_ENGINE_HRESULT_SIGNATURES,
  ...SYNC_ERROR_TYPE_SIGNATURES,
  ...PTA_SSO_SIGNATURES,
  ...CLOUD_SYNC_SIGNATURES,
  ...SQL_SERVER_SIGNATURES,
  ...AD_ANSWER_SIGNATURES,
  ...ADSYNC_MODULE_SIGNATURES,
  ...SYNC_SUCCESS_SIGNATURES,
  ...AGENT_LOCAL_SIGNATURES,
  ...SYNC_SERVICE_START_SIGNATURES,

  // ---- Entra ID answered
  { id: 'aadsts', re: /AADSTS(\d{4,8})/g, op: 'auth', kind: 'error-code', answeredBy: 'entra', via: 'number', sure: 'high', code: (m) => `aadsts:${m[1]}` },
  { id: 'tenant-refused', re: /Error Code: 106\b|Sync from on-premise is not supported|has not been activated for this company|exceeded the number of objects that can be synchronized|必要なライセンスを持っていることを確認|You cannot turn off Active Directory synchronization|pending disabled state|Ensure you have the required license|Directory synchronization is (?:not enabled|disabled|currently (?:being )?(?:activated|deactivated))|pending disable state|has not taken effect|mismatch in sync enabled and sync status/i, op: 'auth', kind: 'tenant', answeredBy: 'entra', via: 'phrase', sure: 'high', code: 'entra:tenant' },
  { id: 'password-update', re: /Update your password and try again|\bUser password expired\b/i, op: 'auth', kind: 'credentials', answeredBy: 'entra', via: 'phrase', sure: 'high', code: 'entra:password-expired' },
  { id: 'credentials-words', re: /failed to start because of credential problems|Unable to authenticate your credentials|Invalid username or password or Invalid on-premise username or password/i, op: 'auth', kind: 'credentials', answeredBy: 'unknown', via: 'phrase', sure: 'high', code: 'credentials:invalid' },
  { id: 'writeback-token', re: /Error getting auth token/i, op: 'auth', kind: 'credentials', answeredBy: 'entra', via: 'phrase', sure: 'medium', code: 'entra:writeback-auth-token' },
  { id: 'object-errors', re: /Uniqueness violation|A synchronized object with the same proxy address already exists|Un objet synchronis[ée] avec la m[êe]me adresse proxy existe d[ée]j[àa]|following attributes associated with this object have values that may already be associated with another object|les attributs suivants associ[ée]s [àa] cet objet ont des valeurs qui peuvent [êe]tre d[ée]j[àa] associ[ée]s [àa] un autre objet|completed-sync-errors|completed-export-errors|completed-(?:import|export)-errors|\b(?:hr=|0x)80230402\b/i, op: 'sync', kind: 'object-errors', answeredBy: 'entra', via: 'phrase', sure: 'high', code: 'sync:object-errors' },

  // Entra ID refusing an export that touches cloud-only objects ("…contains changes to one or more
  // cloud-only user objects, which isn't supported", "Deleting a cloud-only object isn't supported",
  // "…one or more cloud-only users' credential update is included…"): an answer about those objects.
  { id: 'uniqueness-words', re: /violates a uniqueness constraint/i, op: 'sync', kind: 'object-errors', answeredBy: 'entra', via: 'phrase', sure: 'high', code: 'sync:object-errors' },
  { id: 'cloud-only-object', re: /cloud-only (?:user )?objects?[^\n]{0,60}(?:isn.t|is not) supported|cloud-only users.? credential update/i, op: 'sync', kind: 'object-errors', answeredBy: 'entra', via: 'phrase', sure: 'high', code: 'sync:object-errors' },
  // ---- the provisioning web service answered with its own error ("Error Code: 81. Error Description: …",
  // ProvisionRetryException): Entra's service was reached.
  { id: 'provisioning-error-code', re: /Error Code:\s*(\d{1,4})\.?\s*Error Description:/i, op: 'auth', kind: 'error-code', answeredBy: 'entra', via: 'number', sure: 'high', code: (m) => `provisioning:${m[1]}` },

  // ---- the wizard refused the on-premises credentials it was given
  { id: 'wizard-ad-credentials', re: /credentials that you supplied are not valid/i, op: 'directory', kind: 'credentials', answeredBy: 'ad', via: 'phrase', sure: 'high', code: 'ad:credentials' },
  // ---- pass-through authentication: the agent's LogonUser against AD was refused (Reason: Win32 logon
  // error 1326-1331, 1317, 1793, 1909: wrong password, restrictions, logon hours, expired, disabled, locked out)
  { id: 'pta-logon-refused', re: /Passthrough Authentication request failed[^\n]*Reason:\s*'?(13(?:2[6-9]|3[01]|17)|1793|1909)\b/i, op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'number', sure: 'high', code: (m) => `pta:${m[1]}` },
  // ---- a ProvisionRetryException without the service's own error code: the call to the provisioning
  // service failed on the way (the type is never translated; its message is).
  { id: 'provision-retry', re: /ProvisionRetryException(?![\s\S]{0,400}Error Code:\s*\d)/, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'type', sure: 'low' },
  // ---- installing Azure AD Connect's parts failed on this server (the wizard's MSI step)
  { id: 'install-failed', re: /\bProcessExecutionFailedException\b|Error installing msi package|Unable to (?:install|upgrade) the Synchroni[sz]ation Service|\bMSI \(s\)[^\n]{0,80}Error \d{4,5}/i, op: 'local', kind: 'install', answeredBy: 'local', via: 'type', sure: 'high', code: 'local:install' },

  // ---- the sync engine's run results (how-to-connect-sync-operations)
  { id: 'run-result', re: /\b((?:stopped|completed|no-start)-[a-z]+(?:-[a-z]+){0,4})\b/g, op: 'sync', kind: 'run-result', answeredBy: 'local', via: 'enum', sure: 'high', code: run },
  { id: 'deletion-threshold', re: /deletion threshold|stopped-deletion-threshold-exceeded|ExportDeletionThreshold|accidental delet/i, op: 'sync', kind: 'threshold', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'sync:deletion-threshold' },
  { id: 'sync-busy', re: /Sync is already running|\b0x8023063d\b|other synchronization run profile is already running|Synchronization is currently in progress|The synchronization engine is busy|Connector:?\s.{1,80}?is busy|SyncCycleInProgress\s*:\s*True|a sync cycle is (?:already )?in progress/i, op: 'sync', kind: 'busy', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'sync:busy' },

  // ---- the sync engine's database (SQL Server / LocalDB)
  { id: 'database', re: /stopped-database-disk-full|SQL Server (?:is )?out of disk space|(?:SQL Server )?database[^.\n]{0,80}\bis full\b|\bSqlException\b|\bsql\.cpp\b|\\sqlstore\\|Login timeout expired|\bLocalDB\b|ALTER DATABASE statement failed|\bError 25009\b|SQL Server Network Interfaces|\bspid\d+s?\b|0x8023044a|A network-related or instance-specific error occurred while establishing a connection to SQL Server/i, op: 'database', kind: 'failed', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'sync:database' },

  // ---- on-premises Active Directory
  { id: 'ldap-server-down', re: /\b0x51\b|Server Down|The server is not operational|The LDAP server is unavailable|The RPC server is unavailable|ErrorNoStartConnection|domain controller (?:could not be contacted|is unavailable|cannot be contacted)|The specified domain (?:either )?does not exist or (?:could not|cannot) be contacted|(?:Cannot|Unable to|Could not|Failed to) connect (?:on|to|via) port (?:389|636|3268|3269)\b/i, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'number', sure: 'high', code: 'ad:unavailable' },
  { id: 'ldap-credentials', re: /no-start-credentials|ErrorNoStartCredentials|\bInvalidCredentialsError\b|AcceptSecurityContext error, data (?:52e|525|530|531|532|533|701|773|775)\b|<connection-result>failed-authentication<|\b0x31\b[\s\S]{0,80}?Invalid Credentials|LDAP[^\n]{0,40}Invalid Credentials|DirectoryServicesCOMException \(0x8007052e\)/i, op: 'directory', kind: 'credentials', answeredBy: 'ad', via: 'number', sure: 'high', code: 'ad:credentials' },
  { id: 'ad-refused', re: /permission-issue|Insufficient access rights|\b8344\b|Replication access was denied|\b8453\b|AD Object is not present|0x80230405|Directory object not found|\b8333\b|\bDrsException\b|not configured for insecure setting of passwords|128 bit TLS or SSL connection is required|0x8023062c|ERROR_DS_DRA_ACCESS_DENIED|ERROR_DS_INSUFF_ACCESS_RIGHTS|source server is currently rejecting replication|DirectoryServicesCOMException \(0x80072030\)|\b8456\b|\b8457\b|A restriction prevents the password from being changed|does not meet the (?:length, complexity, or history|password policy) requirement/i, op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'number', sure: 'high', code: 'ad:refused' },

  // The AD connector's own source file in an engine error (event 6329 "MMS(3040): admaexport.cpp(2837): …")
  // with no connection failure on that line: the domain controller was reached and answered.
  { id: 'adma-error', re: /MMS\(\d+\):\s*adma\w*\.cpp\(\d+\):(?![^\n]*(?:0x51|Server Down|not operational|unavailable|timed? ?out|SERVER_DOWN))/i, op: 'directory', kind: 'refused', answeredBy: 'ad', via: 'frame', sure: 'medium', code: 'ad:engine-error' },
  // Event 6050 of ADSync: "The management agent "<name>" failed on run profile "<profile>" because of
  // connectivity issues." The Entra connector is named "<tenant>.onmicrosoft.com - AAD" by the wizard;
  // any other connector of such an event is a directory's (on-premises AD): its domain controller
  // could not be reached. The Entra connector's own is a failed call to Entra, route unknown.
  { id: 'ma-connectivity-ad', re: /management agent "(?![^"\n]* - AAD")[^"\n]+" failed on run profile "[^"\n]*" because of connectivity issues/i, op: 'directory', kind: 'unavailable', answeredBy: 'nobody', via: 'phrase', sure: 'medium', code: 'adsync:6050' },
  { id: 'ma-connectivity-entra', re: /management agent "[^"\n]* - AAD" failed on run profile "[^"\n]*" because of connectivity issues/i, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'phrase', sure: 'low', code: 'adsync:6050' },
  // ---- the ADSync cmdlets' callers: not in ADSyncAdmins/ADSyncOperators (windows-facts: the COM server of the sync engine)
  { id: 'adsync-com-denied', re: /COM class factory for remote component with C(?:LS|SL)ID\s*\{?(?:835BEE60-8731-4159-8BFF-941301D76D05|\.\.\.)\}?[^\n]{0,200}80070005|\bADSyncAdmins\b|\bADSyncOperators\b/i, op: 'local', kind: 'access-denied', answeredBy: 'local', via: 'number', sure: 'high', code: 'adsync:access-denied' },

  // ---- a connection to Microsoft's service that failed, with no detail of the hop
  { id: 'service-unreachable-words', re: /Unable to communicate with the (?:Windows )?Azure Active Directory service|Unable to establish a connection to the authentication service|The\s+client\s+cannot\s+connect\s+to\s+the\s+destination\s+specified\s+in\s+the\s+request|\bPSRemotingTransportException\b|Unable to load the service index for source|N[ãa]o [ée] poss[íi]vel carregar o [íi]ndice de servi[çc]o/i, op: 'transfer', kind: 'failed', answeredBy: 'unknown', via: 'phrase', sure: 'low' },
  // ---- password writeback's relay
  { id: 'servicebus', re: /Couldn.t connect to any service bus endpoint|Error Connecting to ServiceBus|No serviceHost for service bus endpoints are in running state|error connecting to the cloud password reset service|ServiceBus(?:Listener)?Error/i, op: 'connect', kind: 'servicebus', answeredBy: 'unknown', via: 'phrase', sure: 'high', code: 'writeback:servicebus' },

  // ---- a local problem: a file, a service, a requirement, the configuration
  { id: 'local-file', re: /\b(?:FileNotFoundException|DirectoryNotFoundException|PathTooLongException|ItemNotFoundException)\b|Cannot find path '[A-Za-z]:\\|Could not find a part of the path|Could not find file|Access to the path .{1,200} is denied|\bUnauthorizedAccessException\b/, op: 'local', kind: 'file', answeredBy: 'local', via: 'type', sure: 'high', code: 'local:file' },
  // Windows Installer's own service errors 1920-1923 ("Error 1920. Service '<name>' (<name>) failed to start.
  // Verify that you have sufficient privileges to start system services.", could not be stopped,
  // installed or deleted), from https://learn.microsoft.com/windows/win32/msi/windows-installer-error-messages;
  // the provisioning agent's installer writes the same sentence with "the system services" (quoted under
  // "Agent failed to start" in https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/how-to-troubleshoot).
  { id: 'local-service', re: /failed to start\. Verify that you have sufficient privileges to start (?:the )?system services|\bError 192[0-3]\.\s*Service '|The service did not respond to the start or control request|Cannot start service|Failed changing Windows service credentials/i, op: 'local', kind: 'service', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'local:service' },
  { id: 'local-requirement', re: /Installation requires Windows Server|This version of the Directory Sync tool is no longer supported|requires \.NET Framework|is not supported on this (?:version|operating system)|The computer must be joined to a domain/i, op: 'local', kind: 'requirement', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'local:requirement' },
  { id: 'defaultproxy-config', re: /Error creating the Web Proxy specified in the 'system\.net\/defaultProxy' configuration section/i, op: 'local', kind: 'proxy-configuration', answeredBy: 'local', via: 'phrase', sure: 'high', code: 'config:defaultProxy' },
  { id: 'local-config', re: /\bConfigurationErrorsException\b|https?:\/\/undefined\/|Check your authority|NO_CERTIFICATE_OR_CRL_FOUND/i, op: 'local', kind: 'configuration', answeredBy: 'local', via: 'type', sure: 'high', code: 'local:configuration' },
  { id: 'local-operation', re: /Error Code:\s*80131600|The operation failed because server service was started/i, op: 'local', kind: 'failed', answeredBy: 'local', via: 'number', sure: 'medium', code: 'local:operation' },

  // ---- the wizard reached Entra ID (docs/windows-facts.md §5.4: logged after the cloud calls worked)
  { id: 'wizard-company-info', re: /Successfully retrieved company information/i, op: 'auth', kind: 'success', answeredBy: 'entra', via: 'phrase', sure: 'high', code: 'wizard:company-information' },
  // ---- a working sync (Provision credentials ping = password hash sync heartbeat, events 653/654)
  // ---- password writeback reached on-premises AD and Entra (event 31002 / 31005 details).
  { id: 'writeback-success', re: /\bPassword(?:Reset|Change)Success\b/, op: 'sync', kind: 'success', answeredBy: 'entra', via: 'enum', sure: 'high', code: 'writeback:success' },
  { id: 'phs-heartbeat', re: /Provision credentials ping end|Provision credentials ping start/i, op: 'sync', kind: 'success', answeredBy: 'entra', via: 'phrase', sure: 'high', code: 'sync:heartbeat' },
];
