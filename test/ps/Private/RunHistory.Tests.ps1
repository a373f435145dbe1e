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

Describe 'ConvertTo-AdsUtcRunTime' {
    # The sync engine keeps run history in UTC and Get-ADSyncRunProfileResult returns it without a
    # zone (Kind Unspecified); .ToUniversalTime() would take it for local time (issue 13.2).
    BeforeAll {
        $script:oldTz = $env:TZ
        $env:TZ = 'Asia/Tokyo'
        [TimeZoneInfo]::ClearCachedData()
    }
    AfterAll {
        $env:TZ = $script:oldTz
        [TimeZoneInfo]::ClearCachedData()
    }
    It 'takes an Unspecified time as UTC, converts a Local one, keeps a UTC one (in Asia/Tokyo, UTC+9)' {
        [TimeZoneInfo]::Local.BaseUtcOffset | Should -Be ([TimeSpan]::FromHours(9))
        $u = [datetime]::SpecifyKind([datetime]'2026-11-25T10:00:00', 'Unspecified')
        (ConvertTo-AdsUtcRunTime $u).ToString('o') | Should -Be '2026-11-25T10:00:00.0000000Z'
        (ConvertTo-AdsUtcRunTime ([datetime]::SpecifyKind([datetime]'2026-11-25T19:00:00', 'Local'))).ToString('o') | Should -Be '2026-11-25T10:00:00.0000000Z'
        (ConvertTo-AdsUtcRunTime ([datetime]::SpecifyKind([datetime]'2026-11-25T10:00:00', 'Utc'))).ToString('o') | Should -Be '2026-11-25T10:00:00.0000000Z'
        ConvertTo-AdsUtcRunTime $null | Should -BeNullOrEmpty
    }
    It 'keeps the runs of a cycle that just started, with their real UTC times, east of UTC' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-ADSyncRunProfileResult {
            # What the engine returns for a run that started 10 s ago: UTC wall clock, Kind Unspecified.
            $startUtc = [datetime]::SpecifyKind([datetime]::UtcNow.AddSeconds(-10), 'Unspecified')
            [pscustomobject]@{ RunNumber = 5; ConnectorName = 'contoso.com'; RunProfileName = 'Delta Import'; Result = 'success'
                               StartDate = $startUtc; EndDate = $startUtc.AddSeconds(4); RunStepResults = @() }
        }
        $cycleStart = (Get-Date).AddSeconds(-30)
        Save-AdsRunProfileResults -Context $ctx -Since $cycleStart -Scope 'cycle' | Should -Be 1
        $run = (Read-Json $ctx 'sync/run-profile-results.json').results[0]
        $written = [datetime]::Parse([string](Get-Content -Raw (Join-Path $ctx.OutDir 'sync/run-profile-results.json') | Select-String '"StartDate":"([^"]+)"').Matches[0].Groups[1].Value, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
        $written.Kind | Should -Be 'Utc'
        [Math]::Abs(($written - [datetime]::UtcNow).TotalSeconds) | Should -BeLessThan 60
    }
}

Describe 'Format-AdsRunTime' {
    It 'writes a run time as ISO 8601 UTC, null as null, text as text' {
        Format-AdsRunTime ([datetime]::SpecifyKind([datetime]'2022-04-08T20:13:31.163', 'Unspecified')) | Should -Be '2022-04-08T20:13:31.1630000Z'
        Format-AdsRunTime $null | Should -BeNullOrEmpty
        Format-AdsRunTime '2022-04-08T20:13:31.163' | Should -Be '2022-04-08T20:13:31.163'
    }
}
