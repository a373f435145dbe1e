# Pester tests of ps/AADSyncDiagnose/Private/RunHistory.ps1: sync/run-profile-results.json.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Get-AdsStepErrors' {
    It 'collects the *Errors texts of each step, and the result of a failed step without text' {
        $run = [pscustomobject]@{ RunStepResults = @(
            [pscustomobject]@{ StepNumber = 1; StepResult = 'completed-sync-errors'; ConnectorDiscoveryErrors = $null
                               SyncErrors = [pscustomobject]@{ SyncErrorsXml = '<synchronization-errors><export-error dn="CN=a"/></synchronization-errors>' } },
            [pscustomobject]@{ StepNumber = 2; StepResult = 'stopped-server-down'; ConnectorDiscoveryErrors = $null; SyncErrors = $null }) }
        $e = Get-AdsStepErrors -Run $run
        $e.Count | Should -Be 2
        $e[0] | Should -Match '^<synchronization-errors>'
        $e[1] | Should -Be 'step 2: stopped-server-down'
    }
}

Describe 'ConvertTo-AdsRunRecord' {
    It 'keeps the documented run fields and writes dates as ISO strings' {
        $t = [datetime]::SpecifyKind([datetime]'2026-11-25T10:00:00', 'Utc')
        $r = ConvertTo-AdsRunRecord -Run ([pscustomobject]@{ RunHistoryId = [guid]'8a654dc1-cf23-40ed-86f4-b745bd553c22'; RunNumber = 7; ConnectorName = 'contoso.com'
                                                          RunProfileName = 'Export'; Result = 'success'; StartDate = $t; EndDate = $t; IsRunComplete = $true; RunStepResults = @() })
        $r.RunHistoryId | Should -Be '8a654dc1-cf23-40ed-86f4-b745bd553c22'
        $r.StartDate | Should -Be '2026-11-25T10:00:00.0000000Z'
        $r.IsRunComplete | Should -BeTrue
        @($r.StepErrors).Count | Should -Be 0
    }
}

Describe 'Save-AdsRunProfileResults' {
    It 'keeps the runs that started at or after -Since and says the scope' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-ADSyncRunProfileResult {
            $now = Get-Date
            [pscustomobject]@{ RunNumber = 2; ConnectorName = 'c'; RunProfileName = 'Export'; Result = 'success'; StartDate = $now; EndDate = $now; RunStepResults = @() }
            [pscustomobject]@{ RunNumber = 1; ConnectorName = 'c'; RunProfileName = 'Export'; Result = 'success'; StartDate = $now.AddHours(-3); EndDate = $now; RunStepResults = @() }
        }
        Save-AdsRunProfileResults -Context $ctx -Since (Get-Date).AddMinutes(-5) -Scope 'cycle' | Should -Be 1
        $j = Read-Json $ctx 'sync/run-profile-results.json'
        $j.scope | Should -Be 'cycle'
        @($j.results).RunNumber | Should -Be @(2)
        Should -Invoke -ModuleName AADSyncDiagnose Get-ADSyncRunProfileResult -ParameterFilter { $NumberRequested -eq 100 }
    }
}
