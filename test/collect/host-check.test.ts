// Issue 13.10, before the first step: a Group Policy execution policy and Constrained Language mode.
// decideHost is pure (every policy case here); the check itself runs under pwsh, also in Constrained
// Language (set in the session: the emulation of an AppLocker/WDAC policy).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkPowerShellHost, decideHost, HOST_CHECK_COMMAND, type HostInfo } from '../../src/collect/host-check.js';
import { repoRoot, requirePwsh, shouldRun } from '../ps/pwsh.js';

const PS = 'C:\\tools\\aadsync-diagnose\\ps';
const file = (name: string, signature: string, downloaded = false) => ({ path: `${PS}\\${name}`, signature, downloaded });
const info = (policies: Record<string, string>, files = [file('Invoke-AADSyncDiagnose.ps1', 'NotSigned'), file('AADSyncDiagnose\\AADSyncDiagnose.psm1', 'NotSigned')], languageMode = 'FullLanguage'): HostInfo => ({
  languageMode, psVersion: '5.1.17763.6414', files,
  policies: { MachinePolicy: 'Undefined', UserPolicy: 'Undefined', Process: 'Undefined', CurrentUser: 'Undefined', LocalMachine: 'RemoteSigned', ...policies },
});

describe('decideHost', () => {
  it('no Group Policy: -ExecutionPolicy Bypass decides, nothing blocks', () => {
    expect(decideHost(info({ LocalMachine: 'AllSigned' }), PS)).toEqual({ blocked: null, notice: null, policy: 'Bypass (-ExecutionPolicy on the command line)' });
  });
  it('AllSigned by Group Policy with unsigned scripts: one line naming the policy, the count, the fix', () => {
    const d = decideHost(info({ MachinePolicy: 'AllSigned' }), PS);
    expect(d.blocked).toMatch(/^Group Policy sets the PowerShell execution policy to AllSigned \(MachinePolicy\) and 2 of the 2 scripts are not validly signed \(first: .*Invoke-AADSyncDiagnose\.ps1, NotSigned\)/);
    expect(d.blocked).toMatch(/-ExecutionPolicy Bypass does not override Group Policy\): sign every file under /);
    expect(d.blocked).toContain('README: "Signing for servers that run only signed scripts"');
    expect(d.blocked!.split('\n')).toHaveLength(1);
    expect(d.policy).toBe('AllSigned (MachinePolicy, Group Policy)');
  });
  it('AllSigned with every script validly signed runs', () => {
    expect(decideHost(info({ UserPolicy: 'AllSigned' }, [file('a.ps1', 'Valid'), file('b.psm1', 'Valid')]), PS).blocked).toBeNull();
  });
  it('RemoteSigned by Group Policy blocks only downloaded, unsigned scripts (Mark of the Web)', () => {
    expect(decideHost(info({ UserPolicy: 'RemoteSigned' }), PS).blocked).toBeNull();
    const d = decideHost(info({ UserPolicy: 'RemoteSigned' }, [file('a.ps1', 'NotSigned', true)]), PS);
    expect(d.blocked).toMatch(/RemoteSigned \(UserPolicy\) and the scripts carry the Mark of the Web .*Unblock-File/);
  });
  it('MachinePolicy wins over UserPolicy; Restricted blocks everything', () => {
    expect(decideHost(info({ MachinePolicy: 'Restricted', UserPolicy: 'Bypass' }), PS).blocked).toMatch(/Restricted \(MachinePolicy\): no script may run/);
  });
  it('Constrained Language is a notice, not a block', () => {
    const d = decideHost(info({}, [], 'ConstrainedLanguage'), PS);
    expect(d.blocked).toBeNull();
    expect(d.notice).toMatch(/ConstrainedLanguage mode here \(an AppLocker or WDAC policy\): the collector runs its steps one after another/);
  });
});

describe.runIf(shouldRun('host check under pwsh'))('the host check under pwsh', () => {
  it('reads the language mode, the policy of every scope and each script of ps/', async () => {
    const r = await checkPowerShellHost(requirePwsh(), join(repoRoot, 'ps'));
    expect(r).not.toBeNull();
    expect(r!.languageMode).toBe('FullLanguage');
    expect(Object.keys(r!.policies)).toEqual(expect.arrayContaining(['MachinePolicy', 'UserPolicy', 'Process', 'CurrentUser', 'LocalMachine']));
    expect(r!.files.some((f) => f.path.endsWith('Invoke-AADSyncDiagnose.ps1'))).toBe(true);
    expect(r!.files.some((f) => f.path.endsWith('AADSyncDiagnose.psd1'))).toBe(true);
    expect(decideHost(r!, join(repoRoot, 'ps')).blocked).toBeNull();
  }, 60_000);

  it('runs in Constrained Language mode too, and says so', () => {
    const code = `$ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'\n${HOST_CHECK_COMMAND}`;
    const r = spawnSync(requirePwsh(), ['-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(code, 'utf16le').toString('base64')], {
      encoding: 'utf8', env: { ...process.env, AADSYNC_DIAGNOSE_PS_DIR: join(repoRoot, 'ps') },
    });
    const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith('##aadsync-host '));
    expect(line, r.stderr).toBeDefined();
    const o = JSON.parse(line!.slice('##aadsync-host '.length));
    expect(o.languageMode).toBe('ConstrainedLanguage');
    expect(o.files.length).toBeGreaterThan(5);
  }, 60_000);
});
