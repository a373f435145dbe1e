// Evidence builders for the route and proxy-path rule tests.
import { emptyEvidence, type DotNetProxyConfig, type EvidenceSet, type WinInetSettings } from '../../src/evidence/types.js';

export function machineConfig(proxy: DotNetProxyConfig['proxy'] | null, extra: Partial<DotNetProxyConfig> = {}): DotNetProxyConfig {
  return {
    file: 'config/Framework64/machine.config',
    scope: 'machine.config (Framework64)',
    present: proxy !== null,
    enabled: true,
    useDefaultCredentials: false,
    ...(proxy ? { proxy } : {}),
    bypassList: [],
    problems: [],
    ...extra,
  };
}

export function miiserverConfig(proxy: DotNetProxyConfig['proxy'], extra: Partial<DotNetProxyConfig> = {}): DotNetProxyConfig {
  return machineConfig(proxy, { file: 'config/miiserver.exe.config', scope: 'miiserver.exe.config', ...extra });
}

export function adminWinInet(v: Partial<WinInetSettings>): WinInetSettings {
  return { file: 'config/wininet.json', hive: 'current-user', user: 'CONTOSO\\admin', ...v };
}

export function evidence(parts: Partial<EvidenceSet>): EvidenceSet {
  return { ...emptyEvidence(), ...parts };
}

export const PROXY = 'http://proxy.contoso.com:8080';
