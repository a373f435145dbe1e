// The processes that talk to Microsoft from an Azure AD Connect server, each with the proxy layer it
// reads (docs/proxy-layers.md). One vocabulary for the rules (who logged a failure), the route matrix
// (who goes where: its ids are the `actor` values of the JSON report's proxyPaths) and the verdict.

export type ActorId =
  | 'sync-service'
  | 'writeback'
  | 'wizard-signin'
  | 'wizard-configure'
  | 'wizard'
  | 'admin-powershell'
  | 'admin-powershell-x86'
  | 'health-agent'
  | 'winhttp-clients'
  | 'unknown';

/** The actors of the route matrix: a process under one Windows account. */
export type RouteActorId = Exclude<ActorId, 'writeback' | 'wizard' | 'unknown'>;

export interface Actor {
  id: ActorId;
  /** The process in words, for explanations: "The sync service (miiserver.exe, service ADSync)". */
  name: string;
  /** The same, short, for the verdict line. */
  short: string;
  /** Which proxy setting that process reads, in words. */
  layer: string;
}

export const ACTORS: Readonly<Record<ActorId, Actor>> = {
  'sync-service': {
    id: 'sync-service',
    name: 'The sync service (miiserver.exe, service ADSync)',
    short: 'The sync service (miiserver.exe)',
    layer: "machine.config under the ADSync service account (it never reads an admin's Internet Options or netsh winhttp)",
  },
  writeback: {
    id: 'writeback',
    name: 'Password writeback (inside the sync service, miiserver.exe)',
    short: 'Password writeback (in miiserver.exe)',
    layer: 'machine.config under the ADSync service account',
  },
  'wizard-signin': {
    id: 'wizard-signin',
    name: 'The installation wizard on its "Connect to Azure AD" page',
    short: 'The wizard\'s "Connect to Azure AD" page (as the logged-on admin)',
    layer: "machine.config as the logged-on admin, falling back to that admin's Internet Options (WinINET) when machine.config names no proxy",
  },
  'wizard-configure': {
    id: 'wizard-configure',
    name: 'The installation wizard on its "Configure" page (running as the sync service account)',
    short: 'The wizard\'s "Configure" page (as the service account)',
    layer: 'machine.config under the ADSync service account',
  },
  wizard: {
    id: 'wizard',
    name: 'The installation wizard (AzureADConnect.exe)',
    short: 'The installation wizard',
    layer: 'machine.config; on the "Connect to Azure AD" page as the logged-on admin (with that admin\'s Internet Options), on the "Configure" page as the service account',
  },
  'admin-powershell': {
    id: 'admin-powershell',
    name: 'Windows PowerShell (the ADSync cmdlets)',
    short: 'Windows PowerShell',
    layer: 'machine.config (Framework64) as the user running PowerShell, falling back to that user\'s Internet Options',
  },
  'admin-powershell-x86': {
    id: 'admin-powershell-x86',
    name: 'Windows PowerShell (x86)',
    short: 'Windows PowerShell (x86)',
    layer: 'the 32-bit machine.config (Framework) as the user running it',
  },
  'health-agent': {
    id: 'health-agent',
    name: 'The Connect Health agent',
    short: 'The Connect Health agent',
    layer: 'its own proxy setting (Set-MicrosoftEntraConnectHealthProxySettings) and machine.config',
  },
  'winhttp-clients': {
    id: 'winhttp-clients',
    name: 'WinHTTP clients (certificate revocation checks)',
    short: 'WinHTTP clients',
    layer: 'the machine-wide WinHTTP proxy (netsh winhttp)',
  },
  unknown: {
    id: 'unknown',
    name: 'The process that logged this',
    short: 'A process on the server',
    layer: 'its proxy setting (for Azure AD Connect: machine.config)',
  },
};

/** Actors that read machine.config under the ADSync service account. */
export function runsAsService(id: ActorId): boolean {
  return id === 'sync-service' || id === 'writeback' || id === 'wizard-configure';
}
