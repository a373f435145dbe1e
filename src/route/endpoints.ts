// The public endpoints Azure AD Connect needs, grouped by feature (docs/proxy-layers.md, "Endpoints";
// https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-connectivity). The one list:
// the route matrix, the fixes' allow lists, the probes (ps/ receives probeEndpoints() as data) read it.
// A wildcard entry (`*.servicebus.windows.net`) carries a sample host so that bypass rules and PAC
// scripts, which match concrete URLs, can be evaluated against something real.

export type Feature = 'sync' | 'password-hash-sync' | 'password-writeback' | 'health' | 'mfa' | 'crl';

export interface Endpoint {
  /** As the documentation writes it: `login.microsoftonline.com`, `*.servicebus.windows.net`. */
  pattern: string;
  /** A concrete host name for evaluating routes (the pattern itself when it has no wildcard). */
  host: string;
  port: 80 | 443;
  scheme: 'http' | 'https';
  features: Feature[];
  description: string;
}

function ep(pattern: string, port: 80 | 443, features: Feature[], description: string, sample?: string): Endpoint {
  return {
    pattern,
    host: sample ?? pattern,
    port,
    scheme: port === 80 ? 'http' : 'https',
    features,
    description,
  };
}

/** Every endpoint the resolver knows, in the order the matrix lists them. */
export const ENDPOINTS: readonly Endpoint[] = [
  ep('login.microsoftonline.com', 443, ['sync', 'password-hash-sync', 'password-writeback', 'health'], 'sign-in (user realm discovery, tokens)'),
  ep('login.windows.net', 443, ['sync', 'password-hash-sync', 'health'], 'sign-in (older authority, initial sync)'),
  ep('adminwebservice.microsoftonline.com', 443, ['sync', 'password-hash-sync'], 'provisioning web service (discovery, export)'),
  ep('provisioningapi.microsoftonline.com', 443, ['sync'], 'provisioning API (discovery)'),
  ep('*.microsoftonline.com', 443, ['sync', 'password-hash-sync'], 'regional anchor and relay endpoints', 'contoso-anchor.microsoftonline.com'),
  ep('*.passwordreset.microsoftonline.com', 443, ['password-writeback'], 'password writeback relay', 'ssprdedicatedsbprodncu.passwordreset.microsoftonline.com'),
  ep('*.servicebus.windows.net', 443, ['password-writeback'], 'Azure Service Bus relay', 'ssprdedicatedsbprodncu.servicebus.windows.net'),
  ep('*.aadconnecthealth.azure.com', 443, ['health'], 'Connect Health service', 's1.aadconnecthealth.azure.com'),
  ep('*.blob.core.windows.net', 443, ['health'], 'Connect Health data upload', 'aadconnecthealth.blob.core.windows.net'),
  ep('management.azure.com', 443, ['health'], 'Azure Resource Manager'),
  ep('policykeyservice.dc.ad.msft.net', 443, ['health'], 'Connect Health policy keys'),
  ep('secure.aadcdn.microsoftonline-p.com', 443, ['mfa'], 'MFA sign-in pages'),
  ep('mscrl.microsoft.com', 80, ['crl'], 'certificate revocation lists'),
  ep('*.crl.microsoft.com', 80, ['crl'], 'certificate revocation lists', 'www.crl.microsoft.com'),
  ep('*.oneocsp.microsoft.com', 80, ['crl'], 'OCSP', 'ca.oneocsp.microsoft.com'),
  ep('*.crl3.digicert.com', 80, ['crl'], 'certificate revocation lists', 'crl3.digicert.com'),
  ep('*.crl4.digicert.com', 80, ['crl'], 'certificate revocation lists', 'crl4.digicert.com'),
  ep('*.ocsp.msocsp.com', 80, ['crl'], 'OCSP', 'oneocsp.ocsp.msocsp.com'),
  ep('*.ocsp.digicert.com', 80, ['crl'], 'OCSP', 'ocsp.digicert.com'),
  ep('*.entrust.net', 80, ['crl', 'mfa'], 'certificate revocation lists for MFA', 'crl.entrust.net'),
];

export function endpointUrl(e: Endpoint): string {
  return `${e.scheme}://${e.host}/`;
}

export function endpointsFor(features: readonly Feature[]): Endpoint[] {
  return ENDPOINTS.filter((e) => e.features.some((f) => features.includes(f)));
}

/**
 * The endpoint list the live probes test (ps/Invoke-AADSyncProbes.ps1 takes it as JSON data).
 * Only HTTPS endpoints with concrete names: a wildcard cannot be resolved or connected to.
 */
export function probeEndpoints(): { host: string; port: number; features: Feature[] }[] {
  return ENDPOINTS.filter((e) => !e.pattern.includes('*') && e.port === 443).map((e) => ({
    host: e.host,
    port: e.port,
    features: [...e.features],
  }));
}

function covers(wildcard: string, pattern: string): boolean {
  if (!wildcard.startsWith('*.')) return false;
  const suffix = wildcard.slice(1);
  return pattern !== wildcard && pattern.endsWith(suffix);
}

/**
 * The patterns a proxy must allow on `port`, for a fix's allow step: every endpoint of the list, less
 * those a wildcard of the same list already covers (login.microsoftonline.com under *.microsoftonline.com).
 */
export function allowList(port: 80 | 443): string[] {
  const patterns = [...new Set(ENDPOINTS.filter((e) => e.port === port).map((e) => e.pattern))];
  return patterns.filter((p) => !patterns.some((w) => covers(w, p)));
}
