# Pester tests of ps/AADSyncDiagnose/Private/Step.Probes.ps1 (fake probe scripts, run in this process).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Invoke-AdsProbes' {
    BeforeAll {
        function New-FakeProbe([string]$Body) {
            $f = Join-Path ([IO.Path]::GetTempPath()) ('fake-probe-' + [guid]::NewGuid().ToString('n') + '.ps1')
            Set-Content -LiteralPath $f -Value ("param([string]`$OutDir, [string]`$As, [string]`$ProxyJson)`nSet-StrictMode -Version 2.0`n`$ErrorActionPreference = 'Stop'`n" + $Body)
            return $f
        }
    }
    It 'runs the probe script in this PowerShell process (one process per run), with the proxy input as a file' {
        $ctx = New-TestContext
        $ctx.ProbeScript = New-FakeProbe "[IO.File]::WriteAllText((Join-Path `$OutDir 'pid.txt'), [string]`$PID + ' ' + `$As + ' ' + (Test-Path -LiteralPath `$ProxyJson))`nexit 0"
        $ctx.ProxySummary = @{ address = 'http://proxy.contoso.com:8080'; useDefaultCredentials = $true; source = 'machine.config (Framework64)' }
        $r = Invoke-AdsProbes -Context $ctx
        $r.status | Should -Be 'ok'
        Get-Content -Raw -LiteralPath (Join-Path $ctx.OutDir 'probes/pid.txt') | Should -Be "$PID admin True"
        (Read-Json $ctx 'probes/proxy-input.json').proxy.address | Should -Be 'http://proxy.contoso.com:8080'
    }
    It 'an exit 2 of the probe script fails the step with its message and does not end the collector' {
        $ctx = New-TestContext
        $ctx.ProbeScript = New-FakeProbe "[Console]::Error.WriteLine('probe input: bad endpoint list')`nWrite-Output 'probe input: bad endpoint list'`nexit 2"
        $ctx.ProxySummary = @{ address = $null }
        $r = Invoke-AdsProbes -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match 'exited with code 2: probe input: bad endpoint list'
    }
    It 'a terminating error in the probe script fails the step, it does not escape' {
        $ctx = New-TestContext
        $ctx.ProbeScript = New-FakeProbe "throw 'resolver exploded'"
        $ctx.ProxySummary = @{ address = $null }
        $r = Invoke-AdsProbes -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match 'resolver exploded'
    }
}
