# Pester tests of ps/AADSyncDiagnose/Private/Step.SyncCycle.ps1 (the ADSync cmdlets mocked with their real shapes).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Invoke-AdsSyncCycle' {
    BeforeEach {
        $script:ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle { [pscustomobject]@{ Result = 'Success' } }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncRunProfileResult { @() }
        Mock -ModuleName AADSyncDiagnose Start-Sleep { }
    }
    It 'starts no cycle in staging mode, says why, and still records the scheduler' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ StagingModeEnabled = $true } }
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'skipped'
        $r.error | Should -Match 'staging-mode'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 0
        (Read-Json $ctx 'sync/cycle.json').skippedReason | Should -Be 'staging-mode'
        $ad = Read-Json $ctx 'config/adsync.json'
        $ad.scheduler.StagingModeEnabled | Should -BeTrue
        $ad.scheduler.PurgeRunHistoryInterval | Should -Be '7.00:00:00'
        Get-Content -Raw (Join-Path $ctx.OutDir 'config/adsync.json') | Should -Match '"NextSyncCycleStartTimeInUTC":"2026-11-25T10:30:00.0000000Z"'
    }
    It 'starts no cycle when the scheduler is suspended' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ SchedulerSuspended = $true } }
        (Invoke-AdsSyncCycle -Context $ctx).error | Should -Match 'scheduler-suspended'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 0
    }
    It 'starts no cycle while one runs (SyncCycleInProgress)' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ SyncCycleInProgress = $true } }
        (Invoke-AdsSyncCycle -Context $ctx).error | Should -Match 'sync-in-progress'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 0
    }
    It 'starts no cycle while a connector runs (RunState Busy)' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { [pscustomobject]@{ RunState = 'Busy'; ConnectorName = 'contoso.onmicrosoft.com - AAD' } }
        (Invoke-AdsSyncCycle -Context $ctx).error | Should -Match 'sync-in-progress'
    }
    It 'reads "Connector: <name> is busy." from Start-ADSyncSyncCycle as sync-in-progress, not a failure' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle {
            $text = 'System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.'
            $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord (New-Object System.InvalidOperationException $text), $text, 'WriteError', $null))
        }
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'skipped'
        $c = Read-Json $ctx 'sync/cycle.json'
        $c.skippedReason | Should -Be 'sync-in-progress'
        $c.error | Should -Match 'is busy'
    }
    It 'fails the step on any other Start-ADSyncSyncCycle error, keeping cycle.json' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle { throw 'Access is denied' }
        { Invoke-AdsSyncCycle -Context $ctx } | Should -Throw '*denied*'
        (Read-Json $ctx 'sync/cycle.json').error | Should -Match 'denied'
    }
    It 'starts the requested cycle, waits for it, keeps only the runs of that cycle with their step errors' {
        $script:polls = 0
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { $script:polls++; New-Scheduler @{ SyncCycleInProgress = ($script:polls -ge 3 -and $script:polls -le 4) } }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncRunProfileResult {
            $now = Get-Date
            [pscustomobject]@{ RunHistoryId = [guid]::NewGuid(); RunNumber = 12; ConnectorName = 'contoso.onmicrosoft.com - AAD'; RunProfileName = 'Export'
                               Result = 'stopped-extension-dll-exception'; StartDate = $now; EndDate = $now; IsRunComplete = $true
                               RunStepResults = @([pscustomobject]@{ StepNumber = 1; StepResult = 'stopped-extension-dll-exception'
                                   ConnectorDiscoveryErrors = '<call-stack>System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.</call-stack>'; SyncErrors = $null }) }
            [pscustomobject]@{ RunHistoryId = [guid]::NewGuid(); RunNumber = 3; ConnectorName = 'contoso.com'; RunProfileName = 'Delta Import'
                               Result = 'success'; StartDate = $now.AddHours(-2); EndDate = $now.AddHours(-2); IsRunComplete = $true; RunStepResults = @() }
        }
        $ctx.Sync = 'Initial'
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'ok'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 1 -ParameterFilter { $PolicyType -eq 'Initial' }
        $c = Read-Json $ctx 'sync/cycle.json'
        $c.started | Should -BeTrue
        $c.startResult.Result | Should -Be 'Success'
        $c.waitTimedOut | Should -BeFalse
        $runs = Read-Json $ctx 'sync/run-profile-results.json'
        $runs.scope | Should -Be 'cycle'
        @($runs.results).Count | Should -Be 1
        $runs.results[0].RunNumber | Should -Be 12
        $runs.results[0].StepErrors[0] | Should -Match '\(407\) Proxy Authentication Required'
    }
    It 'reports a cycle still running after the bound as timeout, with what it has' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ SyncCycleInProgress = ($script:started -eq $true) } }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle { $script:started = $true; [pscustomobject]@{ Result = 'Success' } }
        Mock -ModuleName AADSyncDiagnose Get-Date { [datetime]::Now.AddSeconds($script:clock); $script:clock += 4 }
        $script:clock = 0; $script:started = $false
        $ctx.SyncWaitSeconds = 10
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'timeout'
        (Read-Json $ctx 'sync/cycle.json').waitTimedOut | Should -BeTrue
        Test-Path (Join-Path $ctx.OutDir 'sync/run-profile-results.json') | Should -BeTrue
    }
    It 'says not-requested for -Sync None and module-missing without the module' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        $ctx.Sync = 'None'
        (Invoke-AdsSyncCycle -Context $ctx).error | Should -Match 'not-requested'
        $ctx2 = New-TestContext
        $ctx2.ModuleImported = $false
        $r = Invoke-AdsSyncCycle -Context $ctx2
        $r.status | Should -Be 'skipped'
        (Read-Json $ctx2 'sync/cycle.json').skippedReason | Should -Be 'module-missing'
        Should -Invoke -ModuleName AADSyncDiagnose Get-ADSyncScheduler -Times 1
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 0
    }
}

Describe 'Get-AdsSchedulerRecord' {
    It 'keeps the eleven scheduler properties: TimeSpans as text, the next start as UTC whatever its Kind' {
        $r = Get-AdsSchedulerRecord -Scheduler (New-Scheduler @{ CustomizedSyncCycleInterval = [TimeSpan]::FromHours(3) })
        @($r.Keys).Count | Should -Be 11
        $r.PurgeRunHistoryInterval | Should -Be '7.00:00:00'
        $r.CustomizedSyncCycleInterval | Should -Be '03:00:00'
        $r.NextSyncCycleStartTimeInUTC | Should -Be '2026-11-25T10:30:00.0000000Z'
        $r.StagingModeEnabled | Should -BeFalse
    }
}

Describe 'Test-AdsSyncBusy' {
    It 'is busy while the scheduler runs a cycle or a connector runs, idle otherwise' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { }
        Test-AdsSyncBusy | Should -BeFalse
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { [pscustomobject]@{ RunState = 'Busy'; ConnectorName = 'contoso.com' } }
        Test-AdsSyncBusy | Should -BeTrue
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ SyncCycleInProgress = $true } }
        Test-AdsSyncBusy | Should -BeTrue
    }
}

Describe 'Wait-AdsSyncCycle' {
    It 'waits until the cycle was seen busy and then idle' {
        Mock -ModuleName AADSyncDiagnose Start-Sleep { }
        $script:n = 0
        Mock -ModuleName AADSyncDiagnose Test-AdsSyncBusy { $script:n++; $script:n -le 2 }
        Wait-AdsSyncCycle -StartedAt (Get-Date) -TimeoutSeconds 60 | Should -BeTrue
        $script:n | Should -Be 3
    }
    It 'gives up at the bound' {
        Mock -ModuleName AADSyncDiagnose Start-Sleep { }
        Mock -ModuleName AADSyncDiagnose Test-AdsSyncBusy { $true }
        Wait-AdsSyncCycle -StartedAt (Get-Date).AddSeconds(-100) -TimeoutSeconds 5 | Should -BeFalse
    }
}
