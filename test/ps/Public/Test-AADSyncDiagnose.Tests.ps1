# Pester tests of the public function Test-AADSyncDiagnose (the self-test), against the simulator.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    function Invoke-SelfTest([string]$Scenario) {
        # A job: the simulator replaces the seam for the whole session it is enabled in.
        $job = Start-Job -ScriptBlock {
            param($manifest, $scenario)
            Import-Module $manifest -Force
            Test-AADSyncDiagnose -SimulationPath $scenario | ForEach-Object { '{0}|{1}|{2}' -f $_.Name, $_.Status, $_.Detail }
        } -ArgumentList $script:ModuleManifest, (Join-Path $script:Root 'scenarios' $Scenario)
        $h = [ordered]@{}
        foreach ($l in @(Receive-Job $job -Wait -AutoRemoveJob)) { $p = $l -split '\|', 3; $h[$p[0]] = @{ Status = $p[1]; Detail = $p[2] } }
        return $h
    }
}

Describe 'Test-AADSyncDiagnose' {
    It 'runs every read-only check of a healthy server, each ok' {
        $c = Invoke-SelfTest 'healthy'
        foreach ($n in 'elevation', 'ADSync service (Win32_Service)', 'ADSync module', 'netsh winhttp show proxy', 'WinINET (current user)', 'Get-WinEvent (ADSync, last 24h)', 'wizard trace logs', 'stoppable worker runspace') {
            $c[$n].Status | Should -Be 'ok' -Because $n
        }
        $c['netsh winhttp show proxy'].Detail | Should -Be 'Direct access (no proxy server).'
    }
    It 'prints the Kind of the run history times and how the collector reads them' {
        $c = Invoke-SelfTest 'staging-mode'
        $c['run history time Kind'].Status | Should -Be 'ok'
        $c['run history time Kind'].Detail | Should -Match '^StartDate Kind Unspecified, read as \d{4}-\d\d-\d\dT[\d:.]+Z \(run \d+ of '
    }
    It 'reports what is not installed as absent, not failed' {
        $c = Invoke-SelfTest 'module-missing'
        $c['ADSync module'].Status | Should -Be 'absent'
        $c['ADSync service (Win32_Service)'].Status | Should -Be 'absent'
        $c['run history time Kind'].Status | Should -Be 'absent'
        @($c.Values | Where-Object { $_.Status -eq 'failed' }).Count | Should -Be 0
    }
}

Describe 'Test-AADSyncDiagnose on a real server''s assumptions' {
    It 'prints the language mode, the execution policy of every scope and the console encoding' {
        $c = Invoke-SelfTest 'healthy'
        $c['language mode'].Detail | Should -Match '^FullLanguage'
        $c['execution policy'].Detail | Should -Match 'MachinePolicy=\w+ UserPolicy=\w+ Process=\w+ CurrentUser=\w+ LocalMachine=\w+.*; effective: \w+'
        $c['console encoding'].Detail | Should -Match '^output .+ \(code page \d+\), input code page \d+, stdout redirected: (True|False)'
        $c['scheduled task as the service account'].Status | Should -Be 'skipped'
        $c['scheduled task as the service account'].Detail | Should -Match 'NT SERVICE\\ADSync with LogonType ServiceAccount; not tried'
    }
    It 'runs in Constrained Language mode too: the runspace check is skipped, nothing fails' {
        $job = Start-Job -ScriptBlock {
            param($manifest, $simulator, $scenario)
            Import-Module $simulator
            $ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'
            Import-Module $manifest
            Test-AADSyncDiagnose -SimulationPath $scenario | ForEach-Object { '{0}|{1}|{2}' -f $_.Name, $_.Status, $_.Detail }
        } -ArgumentList $script:ModuleManifest, (Join-Path $script:Root 'ps' 'simulator' 'AADSyncSimulator.psm1'), (Join-Path $script:Root 'scenarios' 'healthy')
        $lines = @(Receive-Job $job -Wait -AutoRemoveJob)
        $h = @{}
        foreach ($l in $lines) { $p = $l -split '\|', 3; $h[$p[0]] = @{ Status = $p[1]; Detail = $p[2] } }
        $h['language mode'].Detail | Should -Match '^ConstrainedLanguage: the collector runs its steps one after another'
        $h['stoppable worker runspace'].Status | Should -Be 'skipped'
        $h['console encoding'].Detail | Should -Match '^unknown in ConstrainedLanguage mode'
        @($h.Keys | Where-Object { $h[$_].Status -eq 'failed' }) | Should -Be @()
        $h['ADSync module'].Status | Should -Be 'ok'
    }
}
