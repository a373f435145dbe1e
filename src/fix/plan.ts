// Which fixes apply, decided from a diagnosis: the findings say what is wrong, the proxy view says what
// the sync service reads and which address every fix writes (src/route/proxy-view.ts, fixAddress). The
// result is a plan (schema aadsync-diagnose/fix-plan@1) - data only, handed to the PowerShell functions
// that make the changes (ps/AADSyncDiagnose/Public/Invoke-AADSyncFix.ps1). Pure: no I/O.
import type { EvidenceSet } from '../evidence/types.js';
import type { Report } from '../model/report.js';
import { ENDPOINTS, endpointUrl } from '../route/endpoints.js';
import { matchRegexBypass, parseProxyAddress } from '../route/match.js';
import type { ProxyView } from '../route/proxy-view.js';
import { rules } from '../rules/index.js';
import type { FixKind } from '../rules/types.js';

export const FIX_PLAN_SCHEMA = 'aadsync-diagnose/fix-plan@1';

export interface FixPlan {
  schema: typeof FIX_PLAN_SCHEMA;
  source: string;
  /** The finding codes the plan answers. */
  reasons: string[];
  machineConfig: {
    proxyAddress: string;
    useDefaultCredentials: boolean;
    bypassOnLocal: boolean;
    bypassList: string[];
    frameworks: ('Framework64' | 'Framework')[];
  } | null;
  tls12: { views: ('64' | '32')[] } | null;
}

/** One thing the plan changes, in words, and the findings it answers. */
export interface FixItem {
  kind: 'machine-config' | 'tls12' | 'restart';
  because: string[];
  words: string;
}

export interface FixDecision {
  plan: FixPlan | null;
  items: FixItem[];
  /** A fix a finding calls for that cannot be planned, and why (no address, an account the proxy cannot accept). */
  blocked: { code: string; why: string }[];
  /** Findings whose fix is not a change this command makes (their report steps still apply). */
  notForFix: { code: string; title: string }[];
  /** Bypass entries of the current section that the new one leaves out, and why. */
  droppedBypass: { entry: string; why: string }[];
  warnings: string[];
  /** machine.config changes or is newer than the running service: ADSync must restart to read it. */
  restartAdvised: boolean;
}

/** The codes whose rule says `fix` answers them with this change (RuleMeta.fixedBy, in the rule's module). */
function codesFixedBy(kind: FixKind): string[] {
  return rules.filter((r) => r.meta.fixedBy === kind).map((r) => r.meta.code);
}
/** Findings the machine.config <defaultProxy> section answers. */
export const MACHINE_CONFIG_CODES = codesFixedBy('machine-config');
export const TLS_CODES = codesFixedBy('tls12');
export const RESTART_CODES = codesFixedBy('restart');

/** `host:port` or `http://host:port` -> `http://host:port`; null when it is not one (no user, no path). */
export function normaliseProxyOption(value: string): string | null {
  const v = value.trim();
  const m = /^(?:http:\/\/)?((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*)|\[[0-9A-Fa-f:.]+\]):(\d{1,5})\/?$/.exec(v);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return `http://${m[1]!.toLowerCase()}:${port}`;
}

/**
 * Whether the service account can answer a proxy's NTLM/Kerberos challenge: the virtual account
 * NT SERVICE\ADSync authenticates as the computer account, a gMSA and a domain account as themselves,
 * a local account cannot (docs/proxy-layers.md, useDefaultCredentials). Undefined when unknown.
 */
export function accountCanAuthenticate(account: string | undefined): boolean | undefined {
  if (!account) return undefined;
  if (/^NT SERVICE\\/i.test(account)) return true;
  if (/^(?:LocalSystem|NT AUTHORITY\\)/i.test(account)) return true;
  if (/^\.\\/.test(account) || (!account.includes('\\') && !account.includes('@'))) return false;
  return true;
}

/** The bypass entries of the service's machine.config that send a Microsoft endpoint direct. */
function bypassesMicrosoft(entry: string): string | undefined {
  for (const e of ENDPOINTS) {
    if (e.port !== 443) continue;
    if (matchRegexBypass([entry], new URL(endpointUrl(e))).matched) return e.pattern;
  }
  return undefined;
}

function isValidRegex(entry: string): boolean {
  try {
    new RegExp(entry, 'i');
    return entry.length > 0 && !/[\x00-\x1f]/.test(entry);
  } catch {
    return false;
  }
}

export interface DecideOptions {
  /** --proxy host:port (already checked by normaliseProxyOption). */
  proxy?: string;
  source?: string;
}

export function decideFixes(report: Pick<Report, 'findings'>, ev: EvidenceSet, view: ProxyView, o: DecideOptions = {}): FixDecision {
  const codes = new Set(report.findings.map((f) => f.code));
  const d: FixDecision = { plan: null, items: [], blocked: [], notForFix: [], droppedBypass: [], warnings: [], restartAdvised: false };
  // In the report's order: the finding that decided the verdict first.
  const found = [...codes];
  const mcBecause = found.filter((c) => MACHINE_CONFIG_CODES.includes(c));
  const tlsBecause = found.filter((c) => TLS_CODES.includes(c));
  const restartBecause = found.filter((c) => RESTART_CODES.includes(c));
  let machineConfig: FixPlan['machineConfig'] = null;

  // An address is needed for the section; the one the report's fix steps name, unless --proxy says otherwise.
  const address = o.proxy ?? (view.fixAddress ? normaliseProxyOption(view.fixAddress) ?? undefined : undefined);
  const addressFrom = o.proxy ? '--proxy' : view.fixFrom;
  // --proxy is the admin's own word: the section is written with it even when no finding asked for it.
  const wantsSection = mcBecause.length > 0 || !!o.proxy;
  if (mcBecause.length > 0 && !address) {
    for (const c of mcBecause) d.blocked.push({ code: c, why: 'no proxy address in the evidence: name it with --proxy host:port' });
  }
  if (wantsSection && address) {
    const account = ev.adsync.find((a) => a.serviceAccount)?.serviceAccount;
    let credentials = view.service.credentials;
    if (codes.has('proxy-auth-required') && !credentials) {
      const can = accountCanAuthenticate(account);
      if (can === false) {
        d.blocked.push({
          code: 'proxy-auth-required',
          why: `the service runs as the local account ${account}, which cannot answer the proxy's NTLM/Kerberos challenge: useDefaultCredentials would not help (run the service as a domain account or gMSA, or have the proxy exempt the Microsoft endpoints)`,
        });
      } else {
        credentials = true;
      }
    } else if (codes.has('proxy-auth-required') && credentials) {
      d.blocked.push({ code: 'proxy-auth-required', why: 'machine.config already sends the service account\'s credentials (useDefaultCredentials="true"): the proxy refuses that account, which no file change fixes' });
    }
    // The current section's bypass list, less what cannot stay: entries that are not regular
    // expressions, and entries that send a Microsoft endpoint around the proxy.
    const current = view.service.configs.find((c) => c.present && (c.scope === 'machine.config (Framework64)' || c.scope === 'machine.config'));
    const bypassList: string[] = [];
    for (const entry of current?.bypassList ?? []) {
      if (!isValidRegex(entry)) {
        d.droppedBypass.push({ entry, why: 'not a regular expression (.NET refuses it)' });
        continue;
      }
      const ms = bypassesMicrosoft(entry);
      if (ms) {
        d.droppedBypass.push({ entry, why: `it sends ${ms} around the proxy` });
        continue;
      }
      bypassList.push(entry);
    }
    machineConfig = {
      proxyAddress: address,
      useDefaultCredentials: credentials,
      bypassOnLocal: true,
      bypassList,
      frameworks: ['Framework64', 'Framework'],
    };
    const hostPort = parseProxyAddress(address)?.hostPort ?? address;
    d.items.push({
      kind: 'machine-config',
      because: mcBecause.length > 0 ? [...mcBecause] : ['--proxy'],
      words:
        `machine.config (Framework64 and Framework): <defaultProxy> with the proxy ${hostPort}` +
        `${credentials ? ' and the service account\'s Windows credentials (useDefaultCredentials="true")' : ''}` +
        `${addressFrom ? ` - the address from ${addressFrom}` : ''}`,
    });
    const mii = view.service.configs.find((c) => c.scope === 'miiserver.exe.config' && c.present);
    if (mii) {
      d.warnings.push(
        `miiserver.exe.config has its own <defaultProxy>${mii.enabled === false ? ' (enabled="false")' : mii.proxy?.proxyaddress ? ` (proxyaddress ${mii.proxy.proxyaddress})` : ''}, which .NET lays over machine.config for the sync service. This fix does not edit it (upgrades replace that file); if it switches the proxy off or names another one, the service keeps doing that: remove its <defaultProxy> by hand.`,
      );
    }
    const own = ev.winInet.find((w) => w.hive === 'service-account' && w.proxyEnable !== false && w.proxyServer);
    if (own) {
      d.warnings.push(`The service account's own Internet Options name ${own.proxyServer}. They stay as they are; once machine.config names a proxy, .NET no longer uses them for the service.`);
    }
  }
  if (tlsBecause.length > 0) {
    d.items.push({ kind: 'tls12', because: [...tlsBecause], words: 'TLS 1.2 for .NET: SchUseStrongCrypto and SystemDefaultTlsVersions = 1 (REG_DWORD), 64- and 32-bit registry views' });
  }
  if (machineConfig || restartBecause.length > 0 || tlsBecause.length > 0) d.restartAdvised = true;
  if (restartBecause.length > 0) d.items.push({ kind: 'restart', because: [...restartBecause], words: 'restart ADSync so it reads machine.config again (with --restart; only when no sync cycle runs)' });

  const handled = new Set<string>([...d.items.flatMap((i) => i.because), ...d.blocked.map((b) => b.code)]);
  for (const f of report.findings) {
    if (handled.has(f.code) || f.severity === 'info') continue;
    if (!d.notForFix.some((n) => n.code === f.code)) d.notForFix.push({ code: f.code, title: f.title });
  }
  if (machineConfig || tlsBecause.length > 0) {
    d.plan = {
      schema: FIX_PLAN_SCHEMA,
      source: o.source ?? 'aadsync-diagnose fix',
      reasons: [...new Set([...mcBecause, ...tlsBecause, ...restartBecause])],
      machineConfig,
      tls12: tlsBecause.length > 0 ? { views: ['64', '32'] } : null,
    };
  }
  return d;
}

/**
 * A plan for "restart only": the section the service already has, so the PowerShell side finds nothing
 * to change and only restarts (machine-config-restart-needed without any other fix).
 */
export function restartOnlyPlan(view: ProxyView, source: string): FixPlan | null {
  const address = view.service.address ? normaliseProxyOption(view.service.address) : null;
  if (!address) return null;
  const current = view.service.configs.find((c) => c.present && (c.scope === 'machine.config (Framework64)' || c.scope === 'machine.config'));
  return {
    schema: FIX_PLAN_SCHEMA,
    source,
    reasons: [...RESTART_CODES],
    machineConfig: {
      proxyAddress: address,
      useDefaultCredentials: view.service.credentials,
      bypassOnLocal: view.service.bypassOnLocal,
      bypassList: [...(current?.bypassList ?? [])],
      frameworks: ['Framework64'],
    },
    tls12: null,
  };
}

/**
 * The same plan as parameters of the standalone collector, for a server without Node:
 * `Invoke-AADSyncDiagnose.ps1 -Fix ...` (ps/AADSyncDiagnose/Private/Fix.Entry.ps1).
 */
export function standaloneCommand(plan: FixPlan, outDir = 'C:\\Temp\\aadsync'): string {
  const parts = ['powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\ps\\Invoke-AADSyncDiagnose.ps1', `-OutDir ${outDir}`, '-Fix'];
  const mc = plan.machineConfig;
  if (mc) {
    parts.push(`-ProxyAddress ${mc.proxyAddress.replace(/^http:\/\//, '')}`);
    if (mc.useDefaultCredentials) parts.push('-UseDefaultCredentials');
    if (mc.bypassList.length > 0) parts.push(`-BypassList ${mc.bypassList.map((b) => `'${b.replace(/'/g, "''")}'`).join(',')}`);
  }
  if (plan.tls12) parts.push('-Tls12');
  parts.push('-WhatIf');
  return parts.join(' ');
}
