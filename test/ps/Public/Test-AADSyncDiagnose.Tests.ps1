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
