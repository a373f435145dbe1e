// The documented-number tables of src/facts/signatures/entra-connect.ts (issue 12): for each table, texts
// shaped as Microsoft's pages quote them (an event as Event Viewer copies it, the message the service
// writes, a sign-in log code with its reason) give the fact and the finding a user sees; a near miss
// (the number without its source, the name in another context) gives nothing from the table.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/facts/extract.js';
import type { Fact } from '../../src/facts/types.js';
import { diagnoseText } from '../rules/helpers.js';

const facts = (t: string): Fact[] => extractFacts(t).facts;
const withCode = (t: string, code: string): Fact | undefined => facts(t).find((f) => f.codes.includes(code));
const diagnosis = diagnoseText;

/** An event as Event Viewer's "Copy details as text" writes it. */
const event = (source: string, id: number, message: string) =>
  `Log Name:      Application\nSource:        ${source}\nDate:          3/14/2025 9:12:44 AM\nEvent ID:      ${id}\nTask Category: None\nLevel:         Error\nKeywords:      Classic\nUser:          N/A\nComputer:      AADC01.contoso.com\nDescription:\n${message}`;

describe('password writeback events (troubleshoot-sspr-writeback, PasswordResetService source)', () => {
  it('33004 ADPermissionsError: on-premises AD refused the reset (by its number under the source, and by its name)', () => {
    const byNumber = event('PasswordResetService', 33004, 'TrackingId: 5d1a3c1e-9f0a-4b6e-8a55-0c2f1e9d7b21, Requesting user was denied access to perform the operation on a privileged account.');
    expect(withCode(byNumber, 'writeback:33004')).toMatchObject({ op: 'directory', kind: 'refused', answeredBy: 'ad' });
    expect(diagnosis(byNumber)).toEqual({ verdict: 'not-network', codes: ['ad-refused'] });
    const byName = 'TrackingId: 5d1a3c1e-9f0a-4b6e-8a55-0c2f1e9d7b21, ADPermissionsError, Details: Context: cloudAnchor: User_0b8e…';
    expect(withCode(byName, 'writeback:ADPermissionsError')).toMatchObject({ op: 'directory', kind: 'refused' });
    expect(diagnosis(byName).codes).toEqual(['ad-refused']);
  });

  it('33008 ADPasswordPolicyError and 31003 PasswordResetFail: the domain would not take the password', () => {
    expect(diagnosis(event('PasswordResetService', 33008, 'TrackingId: 1b2c, ADPasswordPolicyError, Details: …')).codes).toEqual(['ad-refused']);
    expect(diagnosis('PasswordResetService\nEvent ID: 31003\nTrackingId: 77e0a1d2-0000-4c3e-9d0b-3f1c5a2e8b10, PasswordResetFail, Details: …').codes).toEqual(['ad-refused']);
  });

  it('33002 ADUserNotFoundError: a domain controller answered that the user is not there', () => {
    const t = event('PasswordResetService', 33002, 'TrackingId: 2e9f, The operation failed because the object could not be found.');
    expect(diagnosis(t).codes).toEqual(['ad-refused']);
  });

  it('33003 ADMutliMatchError (the service\'s spelling): two users with one cloud anchor, an object-level sync error', () => {
    const t = 'TrackingId: 0c7a1e2b-1111-4a2b-8c3d-4e5f60718293, ADMutliMatchError, Details: Context: cloudAnchor: User_aa…';
    expect(withCode(t, 'sync:object-errors')).toMatchObject({ op: 'sync', kind: 'object-errors' });
    expect(diagnosis(t).codes).toEqual(['sync-object-errors']);
  });

  it('32002 ServiceBusError, 31034 ServiceBusListenerError, 32011 OnBoardingServiceError: the relay was not reached', () => {
    for (const t of [
      event('PasswordResetService', 32002, 'TrackingId: 3f36, The token provider was unable to provide a security token.'),
      event('PasswordResetService', 31034, 'The connection to the connect service was lost.'),
      'Error 3/14/2025 9:12:44 AM PasswordResetService 32011 None TrackingId: 3f369fe9, onboarding failed',
      'TrackingId: 3f369fe9-c121-4450-8661-82b095bdbf0a, OnBoardingServiceError, Details: …',
    ]) {
      expect(facts(t).find((f) => f.kind === 'servicebus'), t).toMatchObject({ op: 'connect', codes: ['writeback:servicebus'] });
      expect(diagnosis(t).codes, t).toEqual(['servicebus-unreachable']);
    }
  });

  it('32005 ConfigurationError and 32004 DecryptionError: this server\'s writeback configuration or keys', () => {
    const t = event('PasswordResetService', 32005, 'TrackingId: 9a0b, ConfigurationError, Details: Could not read the configuration.');
    expect(withCode(t, 'writeback:32005')).toMatchObject({ op: 'local', kind: 'configuration' });
    expect(diagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
    expect(diagnosis('TrackingId: 9a0b, DecryptionError, Details: key mismatch').codes).toEqual(['not-network-local']);
  });

  it('32009 AuthTokenError: the admin account given to the wizard got no token', () => {
    const t = event('PasswordResetService', 32009, 'TrackingId: 4c4d, AuthTokenError, Details: …');
    expect(diagnosis(t).codes).toEqual(['not-network-credentials']);
  });

  it('the success events the page lists are read as a working writeback, not as failures', () => {
    const t = 'TrackingId: 5e5f, ServiceBusHeartBeat, Details: sent a request to the Service Bus instance';
    expect(facts(t).find((f) => f.kind === 'success')).toMatchObject({ codes: ['writeback:success'] });
  });

  it('near misses: the number without its source, the number of another source, a generic name outside the service\'s message', () => {
    expect(withCode('Error 33004 occurred in the billing job', 'writeback:33004')).toBeUndefined();
    expect(withCode(event('ADSync', 33004, 'Something else entirely.'), 'writeback:33004')).toBeUndefined();
    // Another source's event just after a PasswordResetService one does not borrow its source.
    expect(withCode('PasswordResetService\nEvent ID: 31001\nPasswordResetRequestStart, Details: user1@contoso.com\n\nADSync\nEvent ID: 33004\nx', 'writeback:33004')).toBeUndefined();
    expect(facts('System.Configuration.ConfigurationError in module X').some((f) => f.codes.includes('writeback:ConfigurationError'))).toBe(false);
    expect(facts('ValidationError: name is required').some((f) => f.codes.some((c) => c.startsWith('writeback:')))).toBe(false);
  });
});

describe('the sync engine\'s documented HRESULTs (troubleshoot-sspr-writeback, tshoot-connect-sync-errors)', () => {
  it('6329 BAIL 0x80230619: AD refused the password (restriction)', () => {
    const t = event('ADSync', 6329, 'An unexpected error has occurred during a password set operation.\n"BAIL: MMS(4924): d:\\bt\\..\\pwdmgr.cpp(1024): 0x80230619 (A restriction prevents the password from being changed to the current one specified.)"');
    expect(withCode(t, 'hresult:0x80230619')).toMatchObject({ op: 'directory', kind: 'refused', answeredBy: 'ad' });
    expect(diagnosis(t).codes).toEqual(['ad-refused']);
  });

  it('0x8023061f: password synchronization is not enabled on the management agent, a local configuration', () => {
    const t = event('ADSync', 6329, 'BAIL: MMS(7720): ..\\pwdmgr.cpp(511): 0x8023061f (The operation failed because password synchronization is not enabled on this Management Agent)');
    expect(withCode(t, 'hresult:0x8023061f')).toMatchObject({ op: 'local', kind: 'configuration' });
    expect(diagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-local'] });
  });

  it('hr=800700CE from the engine: the connector account\'s password is too long', () => {
    const t = 'Synchronization Engine returned an error hr=800700CE, message=The filename or extension is too long';
    expect(diagnosis(t).codes).toEqual(['not-network-local']);
  });

  it('ErrorType 114 / 0x8023134a: Entra ID refused an export of an object', () => {
    const t = 'Connector Name contoso.onmicrosoft.com - AAD\nErrorType 114\nErrorCode 0x8023134a\nErrorLiteral This synchronization operation, Delete, is not valid. Contact Technical Support. Tracking Id: 09fb1e9b-3ff7-4163-9731-581785e347e5';
    expect(diagnosis(t).codes).toEqual(['sync-object-errors']);
  });

  it('near misses: a neighbouring HRESULT and a number inside another word are not read', () => {
    expect(withCode('hr=80230618', 'hresult:0x80230619')).toBeUndefined();
    expect(withCode('build 1080230619x', 'hresult:0x80230619')).toBeUndefined();
    expect(withCode('Error Type 1140', 'sync:object-errors')).toBeUndefined();
  });
});

describe('export error types (tshoot-connect-sync-errors) and the password hash sync log statuses', () => {
  it('each documented error type is an object-level sync error', () => {
    for (const type of ['InvalidHardMatch', 'InvalidSoftMatch', 'ObjectTypeMismatch', 'AttributeValueMustBeUnique', 'IdentityDataValidationFailed', 'LargeObject', 'ExceededAllowedLength', 'FederatedDomainChangeError']) {
      const t = `Export error on contoso.onmicrosoft.com - AAD: ${type}\nTracking Id: 3a1b`;
      expect(withCode(t, 'sync:object-errors'), type).toMatchObject({ op: 'sync', kind: 'object-errors' });
      expect(diagnosis(t).codes, type).toEqual(['sync-object-errors']);
    }
    expect(diagnosis('Existing Admin Role Conflict on user bob@contoso.com').codes).toEqual(['sync-object-errors']);
  });

  it('a password hash sync log status that is not success is about the object', () => {
    expect(withCode('Password sync result: TargetNotExportedToDirectory', 'sync:object-errors')).toMatchObject({ sure: 'medium' });
    expect(diagnosis('Status: NoTargetConnection').codes).toEqual(['sync-object-errors']);
  });

  it('near misses: the type name inside a longer identifier', () => {
    expect(withCode('LargeObjectHeap allocation failed', 'sync:object-errors')).toBeUndefined();
    expect(withCode('MyInvalidSoftMatchHandler', 'sync:object-errors')).toBeUndefined();
  });
});

describe('pass-through authentication and Seamless SSO sign-in codes (tshoot pages)', () => {
  it('a PTA sign-in log code with its reason: Entra ID recorded it', () => {
    const t = 'Sign-in error code: 80002\nFailure reason: Authentication Agent\'s password validation request timed out.';
    expect(withCode(t, 'pta:80002')).toMatchObject({ op: 'auth', kind: 'error-code', answeredBy: 'entra' });
    expect(diagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-entra-error'] });
  });

  it('a Seamless SSO code with its reason', () => {
    const t = '81010\nSeamless SSO failed because the user\'s Kerberos ticket has expired or is invalid.';
    expect(withCode(t, 'sso:81010')).toMatchObject({ op: 'auth', answeredBy: 'entra' });
    expect(diagnosis(t).codes).toEqual(['not-network-entra-error']);
  });

  it('near misses: the number alone, or with unrelated words', () => {
    expect(withCode('80002', 'pta:80002')).toBeUndefined();
    expect(withCode('listening on port 81001 for requests', 'sso:81001')).toBeUndefined();
    // The AADSTS form is the aadsts signature's, not a second fact.
    expect(withCode('AADSTS81001: User\'s Kerberos ticket is too large.', 'sso:81001')).toBeUndefined();
  });
});

describe('cloud sync agent error codes (cloud-sync/reference-error-codes)', () => {
  it('AzureActiveDirectoryExpiredCredentials: the service account\'s credentials', () => {
    const t = 'AzureActiveDirectoryExpiredCredentials\nError Message: We were unable to process this request at this point.';
    expect(withCode(t, 'cloudsync:AzureActiveDirectoryExpiredCredentials')).toMatchObject({ op: 'auth', kind: 'credentials' });
    expect(diagnosis(t).codes).toEqual(['not-network-credentials']);
  });

  it('HybridIdentityServiceNoActiveAgents: the agent is not listening on Service Bus, hop unknown', () => {
    const t = 'HybridIdentityServiceNoActiveAgents\nError Message: We\'re unable to find an active agent for the domain you\'re trying to sync.';
    expect(withCode(t, 'cloudsync:HybridIdentityServiceNoActiveAgents')).toMatchObject({ op: 'transfer', kind: 'failed', sure: 'low' });
    expect(diagnosis(t)).toEqual({ verdict: 'inconclusive', codes: ['network-send-failure'] });
  });

  it('near miss: a code the page does not pin down decides nothing', () => {
    expect(facts('HybridIdentityServiceNoAgentsAssigned').some((f) => f.codes.some((c) => c.startsWith('cloudsync:')))).toBe(false);
  });
});

describe('management agent run error codes (MIM maerrorcodes, the sync engine\'s run steps)', () => {
  it('failed-connection on a directory\'s connector: a domain controller was not reached', () => {
    const t = 'Management agent: contoso.com\nRun profile: Delta Import\n<connection-result>failed-connection</connection-result>\n<server>dc01.contoso.com</server>';
    expect(withCode(t, 'ma:failed-connection')).toMatchObject({ op: 'directory', kind: 'unavailable' });
    expect(diagnosis(t)).toEqual({ verdict: 'not-network', codes: ['ad-connectivity'] });
  });

  it('failed-permission and password-policy-violation: AD answered and refused', () => {
    expect(diagnosis('Connection status: failed-permission on OU=Sales,DC=contoso,DC=com').codes).toEqual(['ad-refused']);
    const t = 'Export error: password-policy-violation\nDN: CN=Bob Smith,OU=Users,DC=contoso,DC=com';
    expect(withCode(t, 'ma:password-policy-violation')).toMatchObject({ op: 'directory', kind: 'refused', answeredBy: 'ad' });
    expect(diagnosis(t).codes).toEqual(['ad-refused']);
  });

  it('kerberos-no-logon-server: no domain controller found for the credentials\' domain', () => {
    expect(diagnosis('Export error on contoso.com: kerberos-no-logon-server').codes).toEqual(['ad-connectivity']);
  });

  it('export errors about one object (cd-existing-object, constraint-violation) are object-level sync errors', () => {
    for (const t of ['Export Errors: cd-existing-object\nDN: CN=Tax,OU=Groups,DC=contoso,DC=com', 'Error: constraint-violation on attribute description']) {
      expect(diagnosis(t).codes, t).toEqual(['sync-object-errors']);
    }
  });

  it('encryption-key-lost: the engine\'s keys are missing from this server', () => {
    expect(diagnosis('The step failed: encryption-key-lost').codes).toEqual(['not-network-local']);
  });

  it('near misses: a failed-connection of the Entra connector is not a domain controller\'s, and the words inside other identifiers are not read', () => {
    expect(withCode('Management agent: contoso.onmicrosoft.com - AAD\n<connection-result>failed-connection</connection-result>', 'ma:failed-connection')).toBeUndefined();
    expect(withCode('my-failed-connection-handler', 'ma:failed-connection')).toBeUndefined();
    expect(withCode('failedconnection', 'ma:failed-connection')).toBeUndefined();
    expect(withCode('kerberos-time-skew-warning', 'ma:kerberos-time-skew')).toBeUndefined();
    expect(withCode('pre-cd-existing-object', 'sync:object-errors')).toBeUndefined();
  });
});

describe('password hash sync events 652/655 (tshoot-connect-password-hash-synchronization)', () => {
  it('655 under its source with nothing else: a connectivity problem, hop unknown', () => {
    const t = event('Directory Synchronization', 655, 'Failed credential provisioning ping for the Active Directory connector contoso.com.');
    expect(withCode(t, 'phs:655')).toMatchObject({ op: 'transfer', kind: 'failed', sure: 'low' });
    expect(diagnosis(t)).toEqual({ verdict: 'inconclusive', codes: ['network-send-failure'] });
  });

  it('a 655 that carries the cloud\'s credentials refusal is decided by the refusal', () => {
    const t = 'Directory Synchronization, Event ID 655- Failed credential provisioning ping\nUpdate your password and try again.';
    expect(withCode(t, 'phs:655')).toBeDefined();
    expect(diagnosis(t).codes).toEqual(['not-network-credentials']);
  });

  it('near misses: 655 from another source, or a number that merely contains it', () => {
    expect(withCode(event('ADSync', 655, 'x'), 'phs:655')).toBeUndefined();
    expect(withCode('Directory Synchronization\nEvent ID: 6552\nx', 'phs:655')).toBeUndefined();
    expect(withCode('error 655 in module', 'phs:655')).toBeUndefined();
  });
});

describe('the wizard\'s authentication errors (tshoot-connect-connectivity)', () => {
  it('signed in but not a Global Administrator: Entra ID answered', () => {
    const t = '[14:02:11.517] [  1] [ERROR] Microsoft Entra Global Administrator role needed. The user was authenticated successfully, but is not assigned the role.';
    expect(withCode(t, 'wizard:entra-refused')).toMatchObject({ op: 'auth', answeredBy: 'entra' });
    expect(diagnosis(t)).toEqual({ verdict: 'not-network', codes: ['not-network-entra-error'] });
  });

  it('near misses: the role named in an instruction, and the words split apart, are not the error', () => {
    expect(withCode('Assign the Global Administrator role to the account', 'wizard:entra-refused')).toBeUndefined();
    expect(withCode('user type: unknown', 'wizard:entra-refused')).toBeUndefined();
  });
});

describe('Connect Health alerts for sync (how-to-connect-health-alert-catalog)', () => {
  it('the sync service is not running: local', () => {
    expect(diagnosis('Alert: Microsoft Entra Connect Sync Service isn\'t running\nMicrosoft Entra ID Sync Windows service isn\'t running or couldn\'t start.').codes).toEqual(['not-network-local']);
  });

  it('the connection to Entra ID failed on authentication: credentials', () => {
    const t = 'Connection to Azure Active Directory failed due to authentication failure';
    expect(withCode(t, 'health:authentication-failure')).toMatchObject({ op: 'auth', kind: 'credentials' });
    expect(diagnosis(t).codes).toEqual(['not-network-credentials']);
  });

  it('stale health data and a skipped heartbeat: connectivity, hop unknown', () => {
    expect(diagnosis('Health Service data isn\'t up to date.')).toEqual({ verdict: 'inconclusive', codes: ['network-send-failure'] });
    expect(withCode('Password Hash Synchronization heartbeat was skipped in last 120 minutes', 'health:no-data')).toMatchObject({ sure: 'low' });
  });

  it('near misses: a service that is running, data that is up to date', () => {
    expect(withCode('Microsoft Entra Connect Sync Service is running', 'health:sync-service-not-running')).toBeUndefined();
    expect(withCode('Health service data is up to date', 'health:no-data')).toBeUndefined();
  });
});
