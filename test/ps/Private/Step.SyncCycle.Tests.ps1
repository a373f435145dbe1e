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

Describe 'Invoke-AdsSyncCycle with the real wordings (issue 13.9)' {
    BeforeEach {
        $script:ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncRunProfileResult { @() }
        Mock -ModuleName AADSyncDiagnose Start-Sleep { }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
    }
    It 'reads "Sync is already running. Cannot start a new run till this one completes." as sync-in-progress' {
        # The wording of Start-ADSyncSyncCycle when the scheduler's own cycle runs (a public lab
        # write-up's capture: 'Start-ADSyncSyncCycle : System.InvalidOperationException: Sync is already
        # running. Cannot start a new run till this one completes.').
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle {
            $text = 'System.InvalidOperationException: Sync is already running. Cannot start a new run till this one completes.'
            $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord (New-Object System.InvalidOperationException $text), $text, 'WriteError', $null))
        }
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'skipped'
        $c = Read-Json $ctx 'sync/cycle.json'
        $c.skippedReason | Should -Be 'sync-in-progress'
        $c.error | Should -Match 'Sync is already running'
    }
    It 'an InvalidOperationException in another language while the engine reports busy is sync-in-progress too' {
        # The scheduler started its own cycle between our check and our start: busy from then on.
        $script:raced = $false
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ SyncCycleInProgress = $script:raced } }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle {
            $script:raced = $true
            $text = 'System.InvalidOperationException: Die Synchronisierung wird bereits ausgefuehrt.'
            $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord (New-Object System.InvalidOperationException $text), $text, 'WriteError', $null))
        }
        (Invoke-AdsSyncCycle -Context $ctx).status | Should -Be 'skipped'
        (Read-Json $ctx 'sync/cycle.json').skippedReason | Should -Be 'sync-in-progress'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 1 -Exactly
    }
    It 'says in one line that the account is not in ADSyncOperators when the COM activation is refused (80070005)' {
        # The wording for a caller outside ADSyncOperators (public write-up, 2022: 'Start-ADSyncSyncCycle :
        # Retrieving the COM class factory for remote component with CLSID {835BEE60-8731-4159-8BFF-
        # 941301D76D05} from machine failed due to the following error: 80070005').
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle {
            throw (New-Object System.UnauthorizedAccessException 'Retrieving the COM class factory for remote component with CLSID {835BEE60-8731-4159-8BFF-941301D76D05} from machine failed due to the following error: 80070005')
        }
        { Invoke-AdsSyncCycle -Context $ctx } | Should -Throw '*80070005*ADSyncOperators*'
        (Read-Json $ctx 'sync/cycle.json').error | Should -Match '80070005.*not in the ADSyncOperators or ADSyncAdmins group'
    }
}

Describe 'Get-AdsSyncStartFailure' {
    It 'tells busy and access denied apart from anything else' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { }
        $er = { param($ex) New-Object System.Management.Automation.ErrorRecord $ex, 'x', 'NotSpecified', $null }
        Get-AdsSyncStartFailure -ErrorRecord (& $er (New-Object System.InvalidOperationException 'Connector: contoso.com is busy.')) | Should -Be 'busy'
        Get-AdsSyncStartFailure -ErrorRecord (& $er (New-Object System.InvalidOperationException 'Sync is already running. Cannot start a new run till this one completes.')) | Should -Be 'busy'
        Get-AdsSyncStartFailure -ErrorRecord (& $er (New-Object System.UnauthorizedAccessException 'Zugriff verweigert')) | Should -Be 'access-denied'
        Get-AdsSyncStartFailure -ErrorRecord (& $er (New-Object System.Runtime.InteropServices.COMException 'Retrieving the COM class factory for remote component with CLSID {835BEE60-8731-4159-8BFF-941301D76D05} from machine failed due to the following error: 80070005')) | Should -Be 'access-denied'
        # An InvalidOperationException while the engine is idle is something else.
        Get-AdsSyncStartFailure -ErrorRecord (& $er (New-Object System.InvalidOperationException 'The sync engine is stopping.')) | Should -BeNullOrEmpty
        Get-AdsSyncStartFailure -ErrorRecord (& $er (New-Object System.TimeoutException 'The request channel timed out')) | Should -BeNullOrEmpty
    }
    It 'reads the exception types in Constrained Language mode too (no GetType())' {
        $out = Invoke-AdsConstrained {
            try { [void](Get-Item -LiteralPath '/no/such/file' -ErrorAction Stop) } catch { $nf = $_ }
            try { throw 'Retrieving the COM class factory for remote component failed due to the following error: 80070005' } catch { $ad = $_ }
            $r1 = Get-AdsSyncStartFailure -ErrorRecord $nf
            if ($null -eq $r1) { 'none' } else { $r1 }
            Get-AdsSyncStartFailure -ErrorRecord $ad
        }
        $out | Should -Be @('none', 'access-denied')
    }
}
