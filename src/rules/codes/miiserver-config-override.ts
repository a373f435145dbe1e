// miiserver-config-override: the proxy is set in miiserver.exe.config (the sync engine's own .exe.config),
// which Azure AD Connect upgrades overwrite. .NET merges that file over machine.config, so whatever it
// says wins for the service — until the next upgrade silently removes it.
import type { Rule, RuleMatch } from '../types.js';
import { MACHINE_CONFIG_64, REF, RESTART, machineConfigSnippet } from './_shared.js';
import { dotNetQuote } from './_proxy-path.js';
import { parseProxyAddress } from '../../route/match.js';

const MIISERVER_CONFIG = 'C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\miiserver.exe.config';

export const miiserverConfigOverride: Rule = {
  meta: {
    code: 'miiserver-config-override',
    title: 'The proxy is set in miiserver.exe.config, which upgrades overwrite',
    severity: 'warning',
    fixedBy: 'machine-config',
    route: 'unknown',
    explanation:
      'miiserver.exe.config has its own <system.net><defaultProxy> section. .NET applies it on top of machine.config for the sync service only, ' +
      'and an Azure AD Connect upgrade replaces the file: the proxy then disappears and the service goes direct. Microsoft documents machine.config as the place for the proxy.',
    fix: [
      `Move the <defaultProxy> settings into ${MACHINE_CONFIG_64}:\n${machineConfigSnippet(undefined, false)}`,
      `Remove the <defaultProxy> section from ${MIISERVER_CONFIG}.`,
      RESTART,
    ],
    references: [REF.prerequisites, REF.connectivity, REF.defaultProxy],
  },
  matchEvidence(ev): RuleMatch[] {
    const mii = ev.dotNetProxy.find((c) => c.scope === 'miiserver.exe.config' && c.present);
    if (!mii) return [];
    const p = mii.proxy ?? {};
    const sets = p.proxyaddress || p.scriptLocation || p.autoDetect !== undefined || p.usesystemdefault !== undefined || !mii.enabled || mii.bypassList.length > 0 || mii.useDefaultCredentials;
    if (!sets) return [];
    const address = p.proxyaddress ? parseProxyAddress(p.proxyaddress)?.hostPort : undefined;
    const machine = ev.dotNetProxy.find((c) => c.scope === 'machine.config (Framework64)' || c.scope === 'machine.config');
    const machineAddr = machine?.present && machine.enabled && machine.proxy?.proxyaddress ? parseProxyAddress(machine.proxy.proxyaddress)?.hostPort : undefined;
    const evidence = [dotNetQuote(mii)];
    if (machine) evidence.push(dotNetQuote(machine));
    let words: string;
    if (!mii.enabled) {
      words = 'miiserver.exe.config sets <defaultProxy enabled="false">: the sync service ignores every proxy, including the one in machine.config, and connects directly.';
    } else if (address && machineAddr && machineAddr === address) {
      words = `miiserver.exe.config repeats the proxy ${address} that machine.config already names. It does no harm today, but two copies drift apart: keep machine.config and remove the copy.`;
    } else if (address) {
      words = `miiserver.exe.config sets the proxy ${address}${machineAddr ? `, overriding ${machineAddr} from machine.config` : ' and machine.config names none'}. The next Azure AD Connect upgrade replaces miiserver.exe.config${machineAddr ? ` and the service falls back to ${machineAddr}` : ' and the service then goes direct'}.`;
    } else {
      words = 'miiserver.exe.config changes the proxy settings of the sync service (its <defaultProxy> section), on top of machine.config. An upgrade replaces the file and the change disappears.';
    }
    const auth = mii.useDefaultCredentials || (machine?.useDefaultCredentials ?? false);
    return [
      {
        confidence: 'high',
        explanation: words,
        fix: [
          address && machineAddr === address
            ? `Keep the proxy in ${MACHINE_CONFIG_64} (it is already there).`
            : `Put the proxy into ${MACHINE_CONFIG_64} (just before </configuration>, inside an existing <system.net> if there is one):\n${machineConfigSnippet(address ?? machineAddr, auth)}`,
          `Remove the <defaultProxy> section from ${MIISERVER_CONFIG} (keep a copy of the file first).`,
          RESTART,
        ],
        evidence,
      },
    ];
  },
};

export { miiserverConfigOverride as rule };
export default miiserverConfigOverride;
