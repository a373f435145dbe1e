// Which event providers carry Azure AD Connect evidence. Everything else in an exported
// Application log (MsiInstaller, Winlogon, VSS, ...) is counted and dropped.

/** Provider names (exact) and prefixes (ending in `*`), compared case-insensitively. */
export const RELEVANT_PROVIDERS: readonly string[] = [
  'ADSync',
  'Directory Synchronization',
  'PasswordResetService',
  'FIMSynchronizationService',
  'AzureADConnectHealth*',
  'Azure AD Connect*',
  'Microsoft Azure AD Sync*',
  'AADConnect*',
  'Microsoft-AzureADConnect*',
  'Microsoft.Azure.ActiveDirectory*',
];

const exact = new Set(RELEVANT_PROVIDERS.filter((p) => !p.endsWith('*')).map((p) => p.toLowerCase()));
const prefixes = RELEVANT_PROVIDERS.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1).toLowerCase());

/** True when events of this provider (the `Provider/@Name`) are Azure AD Connect evidence. */
export function isRelevantProvider(provider: string): boolean {
  const p = provider.trim().toLowerCase();
  if (exact.has(p)) return true;
  for (const prefix of prefixes) if (p.startsWith(prefix)) return true;
  return false;
}

/**
 * ASCII needles (lower case) of which at least one occurs in the provider name of every relevant
 * event: a byte-level fast path (for example over evtx strings) can skip records containing none.
 */
export const RELEVANT_PROVIDER_NEEDLES: readonly string[] = [
  'adsync',
  'directory synchronization',
  'passwordresetservice',
  'fimsynchronizationservice',
  'azureadconnect',
  'azure ad connect',
  'microsoft azure ad sync',
  'aadconnect',
  'microsoft.azure.activedirectory',
];
