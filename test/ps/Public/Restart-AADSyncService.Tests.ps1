# Pester tests of Restart-AADSyncService against simulated servers: it restarts only when no sync cycle
# runs, waits (bounded) while one does, and refuses when it cannot ask the sync engine.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
    function Get-StartTime([string]$Server) { [string](Get-Content -Raw (Join-Path $Server 'scenario.json') | ConvertFrom-Json).service.startTime }
}

Describe 'Restart-AADSyncService' {
    It 'restarts an idle ADSync and says why a restart is needed' {
        $s = New-FixServer -Scenario 'healthy'
        $was = Get-StartTime $s
        $r = Restart-AADSyncService -TimeoutSeconds 5 -SimulationPath $s -Force
        $r.status | Should -Be 'restarted'
        $r.why | Should -Match 'reads machine.config only when it starts'
        Get-StartTime $s | Should -Not -Be $was
    }
    It 'does not restart while a sync cycle runs, after waiting up to the timeout' {
        $s = New-FixServer -Scenario 'sync-in-progress'
        $was = Get-StartTime $s
        $t = [Diagnostics.Stopwatch]::StartNew()
        $r = Restart-AADSyncService -TimeoutSeconds 2 -SimulationPath $s -Force
        $r.status | Should -Be 'not-restarted'
        $r.detail | Should -Match 'still running after 2s'
        $t.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 2
        Get-StartTime $s | Should -Be $was
    }
    It 'waits for a running cycle to end, then restarts' {
        $s = New-FixServer -Scenario 'healthy'
        $script:polls = 0
        Mock -ModuleName AADSyncDiagnose Test-AdsSyncBusy { $script:polls++; return ($script:polls -lt 3) }
        $r = Restart-AADSyncService -TimeoutSeconds 30 -SimulationPath $s -Force
        $r.status | Should -Be 'restarted'
        $script:polls | Should -Be 3
        $r.waitedSeconds | Should -BeGreaterOrEqual 2
    }
    It 'does not restart when it cannot ask the sync engine (no ADSync module)' {
        $s = New-FixServer -Scenario 'healthy'
        Remove-Item -Force (Get-FixServerPath $s 'C:\Program Files\Microsoft Azure AD Sync\Bin\ADSync\ADSync.psd1')
        $was = Get-StartTime $s
        $r = Restart-AADSyncService -TimeoutSeconds 1 -SimulationPath $s -Force
        $r.status | Should -Be 'not-restarted'
        $r.detail | Should -Match 'cannot tell whether a sync cycle runs'
        Get-StartTime $s | Should -Be $was
    }
    It 'says so when there is no ADSync service' {
        (Restart-AADSyncService -TimeoutSeconds 1 -SimulationPath (New-FixServer -Scenario 'module-missing') -Force).status | Should -Be 'not-installed'
    }
    It 'only says what it would do with -WhatIf' {
        $s = New-FixServer -Scenario 'healthy'
        $was = Get-StartTime $s
        (Restart-AADSyncService -TimeoutSeconds 1 -SimulationPath $s -WhatIf).status | Should -Be 'preview'
        Get-StartTime $s | Should -Be $was
    }
}
