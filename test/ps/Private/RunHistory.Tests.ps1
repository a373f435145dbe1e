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

Describe 'ConvertTo-AdsRunStepRecord' {
    BeforeAll {
        # (also used by the last Describe)
        # A real step as a server returned it (sean-m/laparoscope, Laparoscope.psm1, the Get-LapRunProfileResult
        # example: an AD connector's Export whose DC at 10.2.3.4:389 was down; console line wraps removed).
        $script:DownStep = [pscustomobject][ordered]@{
            RunHistoryId = [guid]'8a654dc1-cf23-40ed-86f4-b745bd553c22'; StepHistoryId = [guid]'f0efe315-baf3-4e46-9ebc-92b06213d4ca'
            StepNumber = 1; StepResult = 'no-start-connection'
            StartDate = [datetime]::SpecifyKind([datetime]'2022-04-08T20:13:31.170', 'Unspecified'); EndDate = [datetime]::SpecifyKind([datetime]'2022-04-08T20:13:52.183', 'Unspecified')
            StageNoChange = 0; StageAdd = 0; ExportAdd = 0; ExportFailure = 0; CurrentExportBatchNumber = 0; StepFileName = ''
            ConnectorConnectionInformationXml = '<connection-result>failed-connection</connection-result><server>10.2.3.4:389</server><connection-log><incident><connection-result>failed-connection</connection-result><date>2022-04-08 20:13:52.177</date><server>10.2.3.4:389</server><cd-error><error-code>0x51</error-code><error-literal>Server Down</error-literal></cd-error></incident></connection-log>'
            ConnectorDiscoveryErrors = $null; ConnectorCountersXml = ''; SyncErrors = $null
            StepXml = '<step-type type="export"></step-type><partition>DC=garage,DC=mcardletech,DC=com</partition><custom-data><adma-step-data><batch-size>30</batch-size><page-size>500</page-size><time-limit>120</time-limit></adma-step-data></custom-data>'
            MvRetryErrors = $null; FlowCountersXml = ''
        }
    }
    It 'keeps the step, its counters, the raw texts and the parsed connection failure' {
        $r = ConvertTo-AdsRunStepRecord -Step $script:DownStep
        $r.StepResult | Should -Be 'no-start-connection'
        $r.StepHistoryId | Should -Be 'f0efe315-baf3-4e46-9ebc-92b06213d4ca'
        $r.StartDate | Should -Be '2022-04-08T20:13:31.1700000Z'
        $r.Connection.result | Should -Be 'failed-connection'
        $r.Connection.server | Should -Be '10.2.3.4:389'
        $r.Connection.errorCode | Should -Be '0x51'
        $r.Connection.errorLiteral | Should -Be 'Server Down'
        $r.Connection.date | Should -Be '2022-04-08 20:13:52.177'
        $r.StepXml | Should -Match '^<step-type type="export">'
        $r.Counters.Keys | Should -Contain 'ExportFailure'
        $r.Counters.Keys | Should -Not -Contain 'StepFileName'
        $r.ConnectorDiscoveryErrors | Should -BeNullOrEmpty
        @($r.Truncated).Count | Should -Be 0
    }
    It 'cuts a huge error text and says so' {
        InModuleScope AADSyncDiagnose { $script:RunTextLimit = 400 }
        try {
            $step = $script:DownStep.PSObject.Copy()
            $step.SyncErrors = [pscustomobject]@{ SyncErrorsXml = ('<synchronization-errors>' + ('x' * 500) + '</synchronization-errors>'); SyncErrorsList = @() }
            $r = ConvertTo-AdsRunStepRecord -Step $step
            $r.SyncErrors.Length | Should -Be 400
            @($r.Truncated) | Should -Be @('SyncErrors')
        } finally { InModuleScope AADSyncDiagnose { $script:RunTextLimit = 200000 } }
    }
}

Describe 'ConvertFrom-AdsConnectionInfo' {
    It 'reads the last incident of the fragment, folds whitespace, and never throws' {
        $c = ConvertFrom-AdsConnectionInfo -Xml "<connection-result>success</connection-result><server>dc1.contoso.com:389</server>"
        $c.result | Should -Be 'success'
        $c.errorCode | Should -BeNullOrEmpty
        (ConvertFrom-AdsConnectionInfo -Xml '<connection-result>failed').Contains('parseError') | Should -BeTrue
        ConvertFrom-AdsConnectionInfo -Xml '' | Should -BeNullOrEmpty
    }
    It 'takes the last of several incidents' {
        $inc = '<incident><connection-result>failed-connection</connection-result><date>{0}</date><server>dc{1}.contoso.com:389</server><cd-error><error-code>0x51</error-code><error-literal>Server Down</error-literal></cd-error></incident>'
        $x = '<connection-result>failed-connection</connection-result><connection-log>' + ($inc -f '2022-04-08 20:13:52.177', 1) + ($inc -f '2022-04-08 20:14:10.020', 2) + '</connection-log>'
        $c = ConvertFrom-AdsConnectionInfo -Xml $x
        $c.date | Should -Be '2022-04-08 20:14:10.020'
        $c.server | Should -Be 'dc2.contoso.com:389'
        $c.errorLiteral | Should -Be 'Server Down'
    }
}

Describe 'ConvertTo-AdsXmlText' {
    It 'gives the folded text of an element or string, $null when empty' {
        $x = [xml]"<a><b>  two`r`n  lines </b><c/></a>"
        ConvertTo-AdsXmlText $x.a.b | Should -Be 'two lines'
        ConvertTo-AdsXmlText '' | Should -BeNullOrEmpty
    }
}

Describe 'Get-AdsRunText' {
    It 'reads a string, or the *Xml member of the engine''s error objects' {
        Get-AdsRunText 'x' | Should -Be 'x'
        Get-AdsRunText ([pscustomobject]@{ MvRetryErrorsXml = '<mv-retry-errors/>' }) 'MvRetryErrorsXml' | Should -Be '<mv-retry-errors/>'
        Get-AdsRunText ([pscustomobject]@{ MvRetryErrorsXml = '' }) 'MvRetryErrorsXml' | Should -BeNullOrEmpty
        Get-AdsRunText $null | Should -BeNullOrEmpty
    }
}

Describe 'Get-AdsRunSteps' {
    It 'gives the steps as an array, none when RunStepResults is null' {
        @(Get-AdsRunSteps -Run ([pscustomobject]@{ RunStepResults = $null })).Count | Should -Be 0
        @(Get-AdsRunSteps -Run ([pscustomobject]@{ RunStepResults = @([pscustomobject]@{ StepNumber = 1 }, [pscustomobject]@{ StepNumber = 2 }) })).Count | Should -Be 2
    }
}

Describe 'ConvertTo-AdsText' {
    It 'writes a Guid as text and keeps $null' {
        ConvertTo-AdsText ([guid]'fffb4a69-4ed6-444d-8b89-73bc16f373dd') | Should -Be 'fffb4a69-4ed6-444d-8b89-73bc16f373dd'
        ConvertTo-AdsText $null | Should -BeNullOrEmpty
    }
}

Describe 'Get-AdsStepErrors with a failed connection' {
    BeforeAll {
        $script:DownStep = [pscustomobject]@{ StepNumber = 1; StepResult = 'no-start-connection'; ConnectorDiscoveryErrors = $null; SyncErrors = $null; MvRetryErrors = $null
            ConnectorConnectionInformationXml = '<connection-result>failed-connection</connection-result><server>10.2.3.4:389</server><connection-log><incident><connection-result>failed-connection</connection-result><date>2022-04-08 20:13:52.177</date><server>10.2.3.4:389</server><cd-error><error-code>0x51</error-code><error-literal>Server Down</error-literal></cd-error></incident></connection-log>' }
    }
    It 'starts with the connection failure, readable, then falls back to the step result only without text' {
        $run = [pscustomobject]@{ RunStepResults = @($script:DownStep) }
        $e = Get-AdsStepErrors -Run $run
        $e | Should -Be @('connection to 10.2.3.4:389: failed-connection (0x51 Server Down)')
    }
}
