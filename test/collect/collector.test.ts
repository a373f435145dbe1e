// The driver without a server: progress-line parsing, the argument vector, and the watchdog that kills
// a collector whose own step limits failed (a fake collector script that hangs) and records the
// unfinished step as `timeout` in the bundle's manifest.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectorArgs, parseProgressLine, runCollector, type ProgressEvent } from '../../src/collect/collector.js';
import { requirePwsh, shouldRun } from '../ps/pwsh.js';

describe('parseProgressLine', () => {
  it('reads the collector events', () => {
    expect(parseProgressLine('##aadsync {"event":"step-start","step":"events"}')).toEqual({ event: 'step-start', step: 'events' });
    expect(parseProgressLine('##aadsync {"event":"step-end","step":"events","status":"timeout","durationMs":12,"error":"x"}\r')).toEqual({
      event: 'step-end', step: 'events', status: 'timeout', durationMs: 12, error: 'x',
    });
    expect(parseProgressLine('##aadsync {"event":"done","exitCode":3}')).toEqual({ event: 'done', exitCode: 3 });
  });
  it('ignores anything else, and never throws', () => {
    for (const l of ['', 'WARNING: x', '##aadsync', '##aadsync {bad json', '##aadsync {"event":"step-end"}', '##aadsync {"event":"other"}', ' ##aadsync {"event":"done"}']) {
      expect(parseProgressLine(l)).toBeNull();
    }
    expect(parseProgressLine('##aadsync {"event":"step-end","step":"x","status":"weird"}')).toMatchObject({ status: 'failed' });
  });
});

describe('collectorArgs', () => {
  it('passes every value as its own -File parameter, never -Command', () => {
    const args = collectorArgs({
      powershell: 'powershell.exe', script: 'C:\\x\\Invoke-AADSyncDiagnose.ps1', bundleDir: "C:\\out $(calc) 'q'", sync: 'Delta',
      sinceHours: 24, stepTimeoutSeconds: 600, noProbe: true, toolVersion: '0.1.0',
    });
    expect(args).not.toContain('-Command');
    expect(args.slice(0, 7)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\x\\Invoke-AADSyncDiagnose.ps1']);
    expect(args[args.indexOf('-OutDir') + 1]).toBe("C:\\out $(calc) 'q'");
    expect(args).toContain('-NoProbe');
    expect(args).not.toContain('-SimulationPath');
  });
});

describe.runIf(shouldRun('collector watchdog test'))('runCollector watchdog', () => {
  it('kills a collector that hangs, records the running step as timeout and the rest as not run', async () => {
    const pwsh = requirePwsh();
    const dir = mkdtempSync(join(tmpdir(), 'watchdog-'));
    const bundle = join(dir, 'bundle');
    const script = join(dir, 'hang.ps1');
    // A collector that ignores its own limits: reports two steps, writes its manifest, then hangs.
    writeFileSync(script, [
      'param([string]$OutDir, [string]$Sync, [double]$SinceHours, [int]$StepTimeoutSeconds, [string]$ToolVersion, [switch]$NoProbe, [string]$SimulationPath)',
      'New-Item -ItemType Directory -Path $OutDir | Out-Null',
      '[IO.File]::WriteAllText((Join-Path $OutDir "manifest.json"), \'{"schema":"aadsync-diagnose/manifest@1","steps":[{"name":"preflight","status":"ok","durationMs":5,"error":null}],"files":[]}\')',
      "'##aadsync {\"event\":\"start\",\"steps\":[\"preflight\",\"events\",\"traces\"]}'",
      "'##aadsync {\"event\":\"step-start\",\"step\":\"preflight\"}'",
      "'##aadsync {\"event\":\"step-end\",\"step\":\"preflight\",\"status\":\"ok\",\"durationMs\":5,\"error\":null}'",
      "'##aadsync {\"event\":\"step-start\",\"step\":\"events\"}'",
      'Start-Sleep -Seconds 120',
    ].join('\r\n'));
    const events: ProgressEvent[] = [];
    const started = Date.now();
    const r = await runCollector({
      powershell: pwsh, script, bundleDir: bundle, sync: 'None', sinceHours: 24, stepTimeoutSeconds: 1, noProbe: true,
      // 10 s: pwsh must start and print its first lines before the watchdog fires, also on a loaded machine.
      toolVersion: 'test', watchdogMs: 10_000, onProgress: (e) => events.push(e),
    });
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(r.killed).toBe(true);
    expect(r.steps.map((s) => [s.name, s.status])).toEqual([['preflight', 'ok'], ['events', 'timeout'], ['traces', 'failed']]);
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    expect(manifest.steps.map((s: any) => [s.name, s.status])).toEqual([['preflight', 'ok'], ['events', 'timeout'], ['traces', 'failed']]);
    expect(manifest.steps[1].error).toMatch(/did not finish within 10s/);
    expect(events.filter((e) => e.event === 'step-end').map((e) => (e as any).step)).toEqual(['preflight', 'events', 'traces']);
  }, 60_000);
});
