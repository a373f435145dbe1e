// Before the collector runs (issue 13.10): can this PowerShell run our scripts at all, and how?
// A Group Policy execution policy (MachinePolicy / UserPolicy) beats `-ExecutionPolicy Bypass`
// (PowerShell-Docs 5.1 about_Execution_Policies: "Group Policy ... takes precedence"), and then
// powershell.exe refuses the unsigned collector with a long, localized error. AppLocker / WDAC put
// PowerShell into Constrained Language mode, where the collector falls back to its sequential mode.
// One constant command (no data in it: the ps/ folder travels as an environment variable) reads the
// language mode, the policy of every scope, and the signature and Mark of the Web of each script;
// decideHost() turns that into one line. Pure data out; nothing here interprets evidence.
import { execa } from 'execa';

export interface HostFile {
  path: string;
  /** Get-AuthenticodeSignature Status: Valid, NotSigned, HashMismatch, UnknownError, ... or 'unknown'. */
  signature: string;
  /** The file carries a Zone.Identifier stream (downloaded: the Mark of the Web). */
  downloaded: boolean;
}

export interface HostInfo {
  languageMode: string;
  psVersion: string;
  /** Scope -> policy, as Get-ExecutionPolicy -List prints them (MachinePolicy, UserPolicy, Process, CurrentUser, LocalMachine). */
  policies: Record<string, string>;
  files: HostFile[];
}

export interface HostDecision {
  /** The collector cannot run here: one line saying why and what to do. */
  blocked: string | null;
  /** It runs, differently: one line (Constrained Language). */
  notice: string | null;
  /** The policy that decides and where it comes from, e.g. 'AllSigned (MachinePolicy, Group Policy)'. */
  policy: string;
}

/**
 * The PowerShell code of the check: a constant (nothing interpolated). Its one output line is ASCII
 * JSON (non-ASCII escaped as \uXXXX, for the same reason as the collector's: a redirected stdout keeps
 * the OEM code page in Windows PowerShell 5.1). Runs in Constrained Language too (cmdlets, core types).
 */
export const HOST_CHECK_COMMAND = [
  "$ErrorActionPreference = 'Continue'",
  "$r = [ordered]@{ languageMode = [string]$ExecutionContext.SessionState.LanguageMode; psVersion = [string]$PSVersionTable.PSVersion; policies = [ordered]@{}; files = @() }",
  "foreach ($p in @(Get-ExecutionPolicy -List)) { $r.policies[[string]$p.Scope] = [string]$p.ExecutionPolicy }",
  '$dir = $env:AADSYNC_DIAGNOSE_PS_DIR',
  'if ($dir -and (Test-Path -LiteralPath $dir)) {',
  "  foreach ($f in @(Get-ChildItem -LiteralPath $dir -Recurse -File | Where-Object { $_.Extension -in '.ps1', '.psm1', '.psd1' })) {",
  "    $sig = 'unknown'",
  '    try { $sig = [string](Get-AuthenticodeSignature -LiteralPath $f.FullName -ErrorAction Stop).Status } catch { }',
  '    $zone = $false',
  '    try { $zone = [bool](Get-Item -LiteralPath $f.FullName -Stream Zone.Identifier -ErrorAction SilentlyContinue) } catch { }',
  '    $r.files += @([ordered]@{ path = $f.FullName; signature = $sig; downloaded = $zone })',
  '  }',
  '}',
  '$json = ConvertTo-Json -InputObject $r -Compress -Depth 4',
  "$parts = [regex]::Split($json, '([^\\x00-\\x7F])')",
  "for ($i = 1; $i -lt $parts.Length; $i += 2) { $parts[$i] = '\\u{0:x4}' -f [int][char]$parts[$i] }",
  "'##aadsync-host ' + (-join $parts)",
].join('\n');

/** Runs the check with the PowerShell that will run the collector. Null when it printed nothing usable. */
export async function checkPowerShellHost(powershell: string, psDir: string, timeoutMs = 120_000): Promise<HostInfo | null> {
  // -EncodedCommand (UTF-16LE, base64): the constant code reaches PowerShell exactly, whatever the
  // command-line quoting rules of the platform.
  const encoded = Buffer.from(HOST_CHECK_COMMAND, 'utf16le').toString('base64');
  const r = await execa(powershell, ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', encoded], {
    reject: false,
    windowsHide: true,
    stdin: 'ignore',
    timeout: timeoutMs,
    encoding: 'utf8',
    env: { AADSYNC_DIAGNOSE_PS_DIR: psDir },
  });
  const line = String(r.stdout ?? '').split(/\r?\n/).find((l) => l.startsWith('##aadsync-host '));
  if (!line) return null;
  try {
    const o = JSON.parse(line.slice('##aadsync-host '.length)) as Partial<HostInfo> & { files?: unknown };
    const files = (Array.isArray(o.files) ? o.files : o.files ? [o.files] : []) as HostFile[];
    return { languageMode: String(o.languageMode ?? ''), psVersion: String(o.psVersion ?? ''), policies: o.policies ?? {}, files };
  } catch {
    return null;
  }
}

const GPO_SCOPES = ['MachinePolicy', 'UserPolicy'];

/**
 * What the check means for the collector. Only a Group Policy scope can block it (the collector is
 * started with -ExecutionPolicy Bypass, which beats every other scope); a script whose signature is
 * not Valid is refused under AllSigned, a downloaded one under RemoteSigned, every one under Restricted.
 */
export function decideHost(info: HostInfo, psDir: string): HostDecision {
  const gpo = GPO_SCOPES.find((s) => info.policies[s] && info.policies[s] !== 'Undefined');
  const policy = gpo ? `${info.policies[gpo]} (${gpo}, Group Policy)` : 'Bypass (-ExecutionPolicy on the command line)';
  const notice =
    info.languageMode && info.languageMode !== 'FullLanguage'
      ? `PowerShell runs in ${info.languageMode} mode here (an AppLocker or WDAC policy): the collector runs its steps one after another, without per-step time limits or live probes; signing the scripts (README: "Signing for servers that run only signed scripts") or running them from an allowed path gives the full collector`
      : null;
  if (!gpo) return { blocked: null, notice, policy };
  const value = info.policies[gpo]!;
  const unsigned = info.files.filter((f) => f.signature !== 'Valid');
  const how = `sign every file under ${psDir} with your organisation's code-signing certificate (README: "Signing for servers that run only signed scripts"), or ask for an exception to the policy`;
  let blocked: string | null = null;
  if (value === 'Restricted') {
    blocked = `Group Policy sets the PowerShell execution policy to Restricted (${gpo}): no script may run, and -ExecutionPolicy Bypass does not override Group Policy; ask for an exception to the policy`;
  } else if (value === 'AllSigned' && unsigned.length > 0) {
    blocked = `Group Policy sets the PowerShell execution policy to AllSigned (${gpo}) and ${unsigned.length} of the ${info.files.length} scripts are not validly signed (first: ${unsigned[0]!.path}, ${unsigned[0]!.signature}), so PowerShell will not run them (-ExecutionPolicy Bypass does not override Group Policy): ${how}`;
  } else if ((value === 'RemoteSigned' || value === 'Unrestricted') && unsigned.some((f) => f.downloaded)) {
    const first = unsigned.find((f) => f.downloaded)!;
    const effect = value === 'RemoteSigned' ? 'will not run them' : 'asks before each one, which a non-interactive run cannot answer';
    blocked = `Group Policy sets the PowerShell execution policy to ${value} (${gpo}) and the scripts carry the Mark of the Web (downloaded; first: ${first.path}), so PowerShell ${effect}: unblock them (Unblock-File) after checking where they came from, or ${how}`;
  }
  return { blocked, notice, policy };
}
