// Entra Connect's own non-network failures (src/facts/signatures/entra-connect.ts SQL_SERVER_SIGNATURES,
// AD_ANSWER_SIGNATURES, ADSYNC_MODULE_SIGNATURES, SYNC_SUCCESS_SIGNATURES; windows.ts WIN32 service,
// installer and ERROR_DS_* codes): texts shaped as SQL Server, the Service Control Manager, Windows
// Installer, ADSI and PowerShell print them give the fact and the finding; near misses (the number
// without its context, a year, a port) give nothing from these tables.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';
import { codes, pasted, run, diagnoseText } from '../rules/helpers.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const withCode = (t: string, code: string): Fact | undefined => facts(t).find((f) => f.codes.includes(code));
const diagnosis = diagnoseText;
const pastedDiagnosis = (t: string) => {
  const d = run({ groups: [pasted(t)] });
  return { verdict: d.verdict.code, codes: codes(d) };
};

describe('SQL Server error numbers of the sync engine\'s database', () => {
  it('18456 login failed, in the dialog, SqlException, sqlcmd and ERRORLOG forms: a database login refusal', () => {
    for (const t of [
      "Login failed for user 'CONTOSO\\svc-aadsync'. (Microsoft SQL Server, Error: 18456)",
      "System.Data.SqlClient.SqlException (0x80131904): Login failed for user 'NT SERVICE\\ADSync'.\n   at System.Data.SqlClient.SqlInternalConnectionTds..ctor(...)\nClientConnectionId:0d0ad8f8-0c3a-4b0b-9c11-8f1a2b3c4d5e\nError Number:18456,State:1,Class:14",
      "Msg 18456, Level 14, State 1, Server SQL01, Line 1\nLogin failed for user 'CONTOSO\\svc-aadsync'.",
      "2025-03-14 09:12:44.21 Logon       Error: 18456, Severity: 14, State: 38.\n2025-03-14 09:12:44.21 Logon       Login failed for user 'CONTOSO\\AADC01$'. Reason: Failed to open the explicitly specified database 'ADSync'.",
    ]) {
      expect(withCode(t, 'sql:18456')).toMatchObject({ op: 'database', kind: 'credentials' });
      expect(diagnosis(t)).toEqual({ verdict: 'not-network', codes: ['sync-database-error'] });
    }
  });

  it('4060 cannot open the ADSync database; 1105 / 9002 / 1827 full; 824 I/O: the database, not the network', () => {
    expect(withCode('Cannot open database "ADSync" requested by the login. The login failed. (Microsoft SQL Server, Error: 4060)', 'sql:4060')).toMatchObject({ op: 'database', kind: 'credentials' });
    expect(withCode("Msg 1105, Level 17, State 2, Line 1\nCould not allocate space for object 'dbo.mms_step_history' in database 'ADSync' because the 'PRIMARY' filegroup is full.", 'sql:1105')).toMatchObject({ kind: 'full' });
    expect(withCode("Error: 9002, Severity: 17, State: 2.\nThe transaction log for database 'ADSync' is full due to 'LOG_BACKUP'.", 'sql:9002')).toMatchObject({ kind: 'full' });
    const limit = 'CREATE DATABASE or ALTER DATABASE failed because the resulting cumulative database size would exceed your licensed limit of 10240 MB per database. (Microsoft SQL Server, Error: 1827)';
    expect(withCode(limit, 'sql:1827')).toMatchObject({ op: 'database', kind: 'full' });
    expect(diagnosis(limit).codes).toEqual(['sync-database-error']);
    expect(withCode("Msg 824, Level 24, State 2, Line 1\nSQL Server detected a logical consistency-based I/O error: incorrect checksum.", 'sql:824')).toMatchObject({ op: 'database', kind: 'failed' });
  });

  it('SNI provider errors (26, 40) and the dialog\'s network numbers (53, -1, 233): an unreachable SQL is on-premises', () => {
    const t26 = 'Unable to connect using a TCP binding. (provider: SQL Network Interfaces, error: 26 - Error Locating Server/Instance Specified)';
    expect(withCode(t26, 'sql:26')).toMatchObject({ op: 'database', kind: 'unavailable' });
    expect(diagnosis(t26)).toEqual({ verdict: 'not-network', codes: ['sync-database-error'] });
    expect(withCode('(provider: Named Pipes Provider, error: 40 - Could not open a connection to SQL Server)', 'sql:40')).toMatchObject({ kind: 'unavailable' });
    expect(withCode('Cannot connect to SQL01.\nThe network path was not found (Microsoft SQL Server, Error: 53)', 'sql:53')).toMatchObject({ kind: 'unavailable' });
    expect(withCode('(Microsoft SQL Server, Error: -1)', 'sql:-1')).toMatchObject({ kind: 'unavailable' });
    expect(withCode('No process is on the other end of the pipe. (Microsoft SQL Server, Error: 233)', 'sql:233')).toMatchObject({ kind: 'unavailable' });
  });

  it('any other number in a SQL Server context is the server\'s own answer (medium)', () => {
    expect(withCode("Msg 15023, Level 16, State 1, Line 1\nUser, group, or role 'CONTOSO\\svc-aadsync' already exists in the current database.", 'sql:15023')).toMatchObject({ op: 'database', kind: 'failed', sure: 'medium' });
  });

  it('near misses: a bare number, a year, a port, another product\'s "Error:" give no SQL fact', () => {
    for (const t of [
      'Login failed 18456 times since 2018',
      'Error: 2024, Warning: 3',
      'Connecting to proxy.contoso.com:18456 failed',
      'Msg 18456 from the help desk',
      'MySQL error: 1105 (HY000)',
    ]) expect(facts(t).filter((f) => f.codes.some((c) => c.startsWith('sql:')))).toEqual([]);
  });
});

describe('Windows services and Windows Installer on the sync server', () => {
  it('services.msc / net start service errors 1053, 1068, 1075, 1079: a local service problem', () => {
    const t = 'Windows could not start the Microsoft Azure AD Sync service on Local Computer.\n\nError 1068: The dependency service or group failed to start.';
    expect(withCode(t, 'win32:1068')).toMatchObject({ op: 'local', kind: 'service' });
    expect(pastedDiagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
    expect(withCode('Error 1053: The service did not respond to the start or control request in a timely fashion.', 'win32:1053')).toMatchObject({ kind: 'service' });
    expect(withCode('System error 1075 has occurred.\n\nThe dependency service does not exist or has been marked for deletion.', 'win32:1075')).toMatchObject({ kind: 'service' });
    expect(withCode('StartService FAILED 1079:\n\nThe account specified for this service is different from the account specified for other services running in the same process.', 'win32:1079')).toBeUndefined();
    expect(withCode('[SC] StartService FAILED with error 1079.', 'win32:1079')).toMatchObject({ kind: 'service' });
  });

  it('the service-specific error code of services.msc and SCM 7024', () => {
    const t = 'Windows could not start the Microsoft Azure AD Sync on Local Computer. For more information, review the System Event log. If this is a non-Microsoft service, contact the service vendor, and refer to service-specific error code -2145185792.';
    expect(withCode(t, 'win32:1066')).toMatchObject({ op: 'local', kind: 'service' });
    expect(pastedDiagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
  });

  it('Windows Installer: event 11708 status 1603, "MainEngineThread is returning 1618", "Return value 3", Error 1920', () => {
    const ev = 'Product: Microsoft Azure AD Connect synchronization services -- Installation failed.\nWindows Installer installed the product. Product Name: Microsoft Azure AD Connect synchronization services. Product Version: 2.3.20.0. Product Language: 1033. Manufacturer: Microsoft Corporation. Installation success or error status: 1603.';
    expect(withCode(ev, 'msi:1603')).toMatchObject({ op: 'local', kind: 'install' });
    expect(pastedDiagnosis(ev)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
    expect(withCode('MSI (c) (A4:2C) [10:22:33:456]: MainEngineThread is returning 1618', 'msi:1618')).toMatchObject({ kind: 'install' });
    expect(withCode('Action ended 10:22:33: InstallFinalize. Return value 3.', 'msi:return-value-3')).toMatchObject({ kind: 'install' });
    expect(withCode("Error 1920. Service 'Microsoft Azure AD Sync' (ADSync) failed to start. Verify that you have sufficient privileges to start system services.", 'local:service')).toMatchObject({ op: 'local', kind: 'service' });
    expect(pastedDiagnosis("Service 'Microsoft Entra Provisioning Agent' failed to start. Verify that you have sufficient privileges to start the system services.").codes).toEqual(['not-network-local']);
  });

  it('near misses: success statuses, a product language, a bare 1603', () => {
    expect(facts('Installation success or error status: 0.').filter((f) => f.kind === 'install')).toEqual([]);
    expect(facts('Product Language: 1033. Manufacturer: Microsoft Corporation.').filter((f) => f.kind === 'install')).toEqual([]);
    expect(facts('Action ended 10:22:33: InstallFinalize. Return value 1.').filter((f) => f.kind === 'install')).toEqual([]);
    expect(facts('listening on port 1603').filter((f) => f.op === 'local')).toEqual([]);
    expect(facts('the service-specific settings were saved').filter((f) => f.kind === 'service')).toEqual([]);
  });
});

describe('on-premises AD answering with its own error', () => {
  it('the extended error string (NameErr / SecErr / AtrErr / SvcErr WILL_NOT_PERFORM): AD refused', () => {
    const t = "GrantAcls :     Specified operation failed with ldap error:  \t 0000208F: NameErr: DSID-0310022E, problem 2006 (BAD_NAME), data 8349, best match of: \t'CN=svc_AADC,OU=Service Accounts,DC=contoso,DC=com'";
    expect(withCode(t, 'ldap-ext:NameErr:2006')).toMatchObject({ op: 'directory', kind: 'refused', answeredBy: 'ad' });
    expect(diagnosis(t)).toEqual({ verdict: 'not-network', codes: ['ad-refused'] });
    expect(withCode('00002098: SecErr: DSID-03150F94, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0', 'ldap-ext:SecErr:4003')).toBeDefined();
    expect(withCode('0000052D: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0', 'ldap-ext:SvcErr:5003')).toBeDefined();
    expect(withCode('00000057: AtrErr: DSID-03151904, #1:\n\t0: 00000057: DSID-03151904, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 90008 (userAccountControl)', 'ldap-ext:AtrErr:1005')).toMatchObject({ kind: 'refused', answeredBy: 'ad' });
    expect(facts('00002024: SvcErr: DSID-03200E96, problem 5001 (BUSY), data 0').filter((f) => f.codes.some((c) => c.startsWith('ldap-ext:')))).toEqual([]);
  });

  it('DirectoryServicesCOMException with an ERROR_DS_* message or HRESULT: AD refused', () => {
    const t = 'Update-AzureADSSOForest : A constraint violation occurred.\nAt line:4 char:1\n+ Update-AzureADSSOForest -OnPremCredentials $creds\n    + CategoryInfo          : NotSpecified: (:) [Update-AzureADSSOForest], DirectoryServicesCOMException\n    + FullyQualifiedErrorId : System.DirectoryServices.DirectoryServicesCOMException,Microsoft.KerberosAuth.Powershell.PowershellCommands.UpdateAzureADSSOForestCommand';
    expect(withCode(t, 'ad:refused')).toMatchObject({ op: 'directory', kind: 'refused', answeredBy: 'ad' });
    expect(diagnosis(t)).toEqual({ verdict: 'not-network', codes: ['ad-refused'] });
    expect(withCode('System.DirectoryServices.DirectoryServicesCOMException (0x8007202F): A constraint violation occurred.', 'win32:8239')).toMatchObject({ kind: 'refused' });
    expect(withCode('System.DirectoryServices.DirectoryServicesCOMException (0x80072032): An invalid dn syntax has been specified.', 'win32:8242')).toMatchObject({ kind: 'refused' });
    expect(withCode('Exception calling "CommitChanges" with "0" argument(s): "The server is unwilling to process the request. (Exception from HRESULT: 0x80072035)"', 'win32:8245')).toMatchObject({ kind: 'refused' });
    // The message alone, with no directory exception in the record, is not read.
    expect(withCode('A constraint violation occurred.', 'ad:refused')).toBeUndefined();
  });

  it('ADSI E_ADS_BAD_PATHNAME 0x80005000 is a local path problem', () => {
    expect(withCode('Error\nUnknown error (0x80005000)', 'hresult:0x80005000')).toMatchObject({ op: 'local', kind: 'failed' });
  });
});

describe('the ADSync PowerShell module missing', () => {
  it('CommandNotFoundException for an ADSync cmdlet, Import-Module ModuleNotFound for ADSync', () => {
    const t = "Start-ADSyncSyncCycle : The term 'Start-ADSyncSyncCycle' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\nAt line:1 char:1\n+ Start-ADSyncSyncCycle -PolicyType Delta\n+ ~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : ObjectNotFound: (Start-ADSyncSyncCycle:String) [], CommandNotFoundException\n    + FullyQualifiedErrorId : CommandNotFoundException";
    expect(withCode(t, 'adsync:module-missing')).toMatchObject({ op: 'local', kind: 'requirement' });
    expect(pastedDiagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
    const de = 'Start-ADSyncSyncCycle : Die Benennung "Start-ADSyncSyncCycle" wurde nicht als Name eines Cmdlet, einer Funktion, einer Skriptdatei oder eines ausführbaren Programms erkannt.\n    + CategoryInfo          : ObjectNotFound: (Start-ADSyncSyncCycle:String) [], CommandNotFoundException';
    expect(withCode(de, 'adsync:module-missing')).toBeDefined();
    const imp = "Import-Module : The specified module 'ADSync' was not loaded because no valid module file was found in any module directory.\n    + CategoryInfo          : ResourceUnavailable: (ADSync:String) [Import-Module], FileNotFoundException\n    + FullyQualifiedErrorId : Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand";
    expect(withCode(imp, 'adsync:module-missing')).toBeDefined();
  });

  it('near misses: another cmdlet not found, an ADSync cmdlet that ran', () => {
    expect(withCode("    + CategoryInfo          : ObjectNotFound: (Get-MsolUser:String) [], CommandNotFoundException", 'adsync:module-missing')).toBeUndefined();
    expect(withCode('PS C:\\> Start-ADSyncSyncCycle -PolicyType Delta\n\nResult\n------\nSuccess', 'adsync:module-missing')).toBeUndefined();
    expect(withCode("Import-Module : The specified module 'MSOnline' was not loaded because no valid module file was found in any module directory.\n    + FullyQualifiedErrorId : Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand", 'adsync:module-missing')).toBeUndefined();
  });
});

describe('what shows the sync database answering', () => {
  const ok = 'PS C:\\> Connect-ADSyncToolsSqlDatabase -Server SQL1.contoso.com\nResolving server address : SQL1.contoso.com\n    InterNetwork : 10.91.26.143\n\nAttempting to connect to SQL1 using a TCP binding for the default instance.\n   Data Source=tcp:SQL1.contoso.com\\;Integrated Security=True.ConnectionString\n   Successfully connected.\n\n\nDatabase                         : master\nState                            : Open';
  it('Connect-ADSyncToolsSqlDatabase "Successfully connected." is a success, and alone a healthy result', () => {
    expect(withCode(ok, 'sync:database-connected')).toMatchObject({ op: 'sync', kind: 'success' });
    expect(pastedDiagnosis(ok)).toEqual({ verdict: 'healthy', codes: [] });
  });
  it('near misses: "Successfully connected" with no TCP-binding attempt before it, and a failed attempt', () => {
    expect(withCode('Successfully connected.', 'sync:database-connected')).toBeUndefined();
    const failed = 'Attempting to connect to SQL01.Contoso.com\\SQL using a TCP binding.\n   Data Source=tcp:SQL01.Contoso.com\\SQL;Integrated Security=True\nConnect-ADSyncToolsSqlDatabase : Unable to connect using a TCP binding.  A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: SQL Network Interfaces, error: 26 - Error Locating Server/Instance Specified)';
    expect(withCode(failed, 'sync:database-connected')).toBeUndefined();
    expect(pastedDiagnosis(failed)).toEqual({ verdict: 'not-network', codes: ['sync-database-error'] });
  });
});

describe('the agents\' own local failures (cloud-sync how-to-troubleshoot, PTA troubleshooting)', () => {
  it('the execution policy refusing the registration script: local', () => {
    const t = "& : File C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent\\RegistrationPowershell\\Register.ps1 cannot be loaded because running scripts is disabled on this system. For more information, see about_Execution_Policies at https:/go.microsoft.com/fwlink/?LinkID=135170.\n    + CategoryInfo          : SecurityError: (:) [], PSSecurityException\n    + FullyQualifiedErrorId : UnauthorizedAccess";
    expect(withCode(t, 'local:execution-policy')).toMatchObject({ op: 'local', kind: 'requirement' });
    expect(pastedDiagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
    expect(withCode('Set-ExecutionPolicy RemoteSigned -Scope LocalMachine', 'local:execution-policy')).toBeUndefined();
  });

  it('PTA "Reason: \'1311\'": no domain controller answered the agent', () => {
    const t = "AzureADConnectAuthenticationAgentService.exe Error: 0 : Passthrough Authentication request failed. RequestId: 'df63f4a4-68b9-44ae-8d81-6ad2d844d84e'. Reason: '1311'.";
    expect(withCode(t, 'pta:1311')).toMatchObject({ op: 'directory', kind: 'unavailable' });
    expect(pastedDiagnosis(t).codes).toEqual(['ad-connectivity']);
    expect(withCode("Passthrough Authentication request failed. RequestId: 'x'. Reason: '13110'.", 'pta:1311')).toBeUndefined();
  });
});

describe('the sync service after its account\'s password changed (how-to-connect-sync-change-serviceacct-pass)', () => {
  it('services.msc "could not start … on Local Computer" with Error 1069, and event 6028 the encryption key', () => {
    const t = 'Windows could not start the Microsoft Entra ID Sync service on Local Computer.\nError 1069: The service did not start due to a logon failure.';
    expect(withCode(t, 'local:service')).toMatchObject({ op: 'local', kind: 'service' });
    expect(pastedDiagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
    const key = 'Windows could not start the Microsoft Entra ID Sync on Local Computer. For more information, review the System Event log. If this is a non-Microsoft service, contact the service vendor, and refer to service-specific error code -21451857952.\nEvent ID 6028 The server encryption key cannot be accessed.';
    expect(withCode(key, 'adsync:6028')).toMatchObject({ op: 'local', kind: 'configuration' });
    expect(pastedDiagnosis(key)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
  });
  it('near miss: "could not start" about something that is not a Windows service on this computer', () => {
    expect(withCode('Windows could not start because the following file is missing', 'local:service')).toBeUndefined();
  });
});
