# RunHistory.ps1 - sync/run-profile-results.json: the runs of the cycle (or of the look-back window).
#
# Run times: the sync engine stores run history in UTC and Get-ADSyncRunProfileResult returns those
# DateTimes without a zone (Kind Unspecified). .ToUniversalTime() takes Unspecified for local time, so
# on a server east of UTC every run of the cycle fell before the cycle's start (issue 13.2). Every run
# time goes through ConvertTo-AdsUtcRunTime. The Kind real servers return is printed by the self-test.

function ConvertTo-AdsUtcRunTime {
    # A run-history DateTime as UTC: Unspecified = UTC already, Local = converted, Utc = as is.
    param($Value)
    if ($null -eq $Value -or -not ($Value -is [datetime])) { return $null }
    if ($Value.Kind -eq [DateTimeKind]::Unspecified) { return [datetime]::SpecifyKind($Value, [DateTimeKind]::Utc) }
    return $Value.ToUniversalTime()
}

function Format-AdsRunTime {
    # ISO 8601 UTC text of a run-history time (null stays null; a value that is not a DateTime stays text).
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [datetime]) { return (ConvertTo-AdsUtcRunTime $Value).ToString('o') }
    return [string]$Value
}

# The shape of a run and of its steps, from public sources (the ADSync classes are not documented):
#   run  (RunProfileResult): RunHistoryId, ConnectorId, ConnectorName, RunProfileId, RunProfileName,
#        RunNumber (counts per connector), Username, IsRunComplete, Result, CurrentStepNumber, TotalSteps,
#        StartDate, EndDate, RunStepResults - a real server's dump in sean-m/laparoscope
#        scripts/Laparoscope.psm1 (Get-LapRunProfileResult example, 'Get-ADSyncRunProfileResult
#        -NumberRequested 1 -RunStepDetails' through its REST analogue).
#   step (RunStepResult): StepHistoryId, StepNumber, StepResult, StartDate, EndDate, the Stage*/
#        Disconnector*/Connector*/Flow*/Export* counters, StepFileName, ConnectorConnectionInformationXml
#        (a FRAGMENT: <connection-result>, <server>, <connection-log><incident>...<cd-error><error-code>
#        <error-literal>), ConnectorDiscoveryErrors (.ConnectorDiscoveryErrorsXml), ConnectorCountersXml,
#        SyncErrors (.SyncErrorsXml), StepXml, MvRetryErrors (.MvRetryErrorsXml), FlowCountersXml - the
#        same dump, and Microsoft's AdSyncSingleObjectSync script (Add-RunStepResultStatusInfo wraps the
#        fragment in <connection> and reads connection-result and connection-log/incident/cd-error).
# RunStepResults comes back only with -RunStepDetails (the dump asks for it; UNVERIFIED that it is empty
# without). Long XML texts are cut at $script:RunTextLimit characters and the step says which.
$script:RunTextLimit = 200000
$script:RunStepCounterPattern = '^(Stage|Disconnector|Connector(?!Connection|Discovery|Counters)|Flow(?!Counters)|Export|CurrentExportBatch|LastSuccessfulExportBatch)'

function Save-AdsRunProfileResults {
    # Runs that started at or after $Since (the cycle's start, or the look-back window when no cycle ran).
    param([hashtable]$Context, [datetime]$Since, [string]$Scope)
    $list = @()
    $sinceUtc = $Since.ToUniversalTime().AddSeconds(-5)
    foreach ($r in @(Get-ADSyncRunProfileResult -NumberRequested 100 -RunStepDetails -ErrorAction Stop)) {
        if ($null -eq $r) { continue }
        $start = Get-AdsProp $r 'StartDate'
        if ($start -is [datetime] -and (ConvertTo-AdsUtcRunTime $start) -lt $sinceUtc) { continue }
        $list += @((ConvertTo-AdsRunRecord -Run $r))
    }
    Write-AdsBundleJson -Context $Context -RelativePath 'sync/run-profile-results.json' -Object ([ordered]@{
        schema = "$script:SchemaPrefix/run-profile-results@1"; scope = $Scope; since = (Format-AdsDate $Since.ToUniversalTime()); results = @($list) })
    return $list.Count
}

function ConvertTo-AdsRunRecord {
    # One run of sync/run-profile-results.json (docs/bundle-format.md).
    param($Run)
    $steps = @()
    foreach ($step in @(Get-AdsRunSteps -Run $Run)) { $steps += @((ConvertTo-AdsRunStepRecord -Step $step)) }
    return [ordered]@{
        RunHistoryId = (ConvertTo-AdsText (Get-AdsProp $Run 'RunHistoryId')); RunNumber = (Get-AdsProp $Run 'RunNumber')
        ConnectorId = (ConvertTo-AdsText (Get-AdsProp $Run 'ConnectorId')); ConnectorName = [string](Get-AdsProp $Run 'ConnectorName')
        RunProfileId = (ConvertTo-AdsText (Get-AdsProp $Run 'RunProfileId')); RunProfileName = [string](Get-AdsProp $Run 'RunProfileName')
        Username = (ConvertTo-AdsText (Get-AdsProp $Run 'Username')); Result = [string](Get-AdsProp $Run 'Result')
        IsRunComplete = (Get-AdsProp $Run 'IsRunComplete'); CurrentStepNumber = (Get-AdsProp $Run 'CurrentStepNumber'); TotalSteps = (Get-AdsProp $Run 'TotalSteps')
        StartDate = (Format-AdsRunTime (Get-AdsProp $Run 'StartDate')); EndDate = (Format-AdsRunTime (Get-AdsProp $Run 'EndDate'))
        StepErrors = (Get-AdsStepErrors -Run $Run)
        Steps = @($steps)
    }
}

function ConvertTo-AdsText {
    # A value as text, $null kept (a Guid, a string, an enum).
    param($Value)
    if ($null -eq $Value) { return $null }
    return [string]$Value
}

function Get-AdsRunSteps {
    # The RunStepResults of a run as an array (Get-AdsProp returns the collection as one object).
    param($Run)
    $steps = Get-AdsProp $Run 'RunStepResults'
    if ($null -eq $steps) { return @() }
    return @($steps | Where-Object { $null -ne $_ })
}

function Get-AdsRunText {
    # The XML or text of an error/detail property: a string, or the *Xml member of the object the
    # engine uses (ConnectorDiscoveryErrors.ConnectorDiscoveryErrorsXml, SyncErrors.SyncErrorsXml,
    # MvRetryErrors.MvRetryErrorsXml). $null when empty.
    param($Value, [string]$XmlMember)
    if ($null -eq $Value) { return $null }
    $text = $null
    if ($Value -is [string]) { $text = $Value }
    elseif ($Value -is [xml]) { $text = $Value.OuterXml }
    elseif ($XmlMember) { $x = Get-AdsProp $Value $XmlMember; if ($null -ne $x) { $text = [string]$x } }
    if ($null -eq $text -or -not $text.Trim()) { return $null }
    return $text
}

function ConvertFrom-AdsConnectionInfo {
    # ConnectorConnectionInformationXml (a fragment) -> @{ result; server; date; errorCode; errorLiteral;
    # serverErrorDetail } of the last incident, or $null when empty. Never throws: a fragment that does
    # not parse gives @{ parseError }.
    param([string]$Xml)
    if (-not $Xml -or -not $Xml.Trim()) { return $null }
    $r = [ordered]@{ result = $null; server = $null; date = $null; errorCode = $null; errorLiteral = $null; serverErrorDetail = $null }
    try {
        $doc = [xml]('<connection>' + $Xml + '</connection>')
        $c = $doc.connection
        $r.result = ConvertTo-AdsXmlText (Get-AdsProp $c 'connection-result')
        $r.server = ConvertTo-AdsXmlText (Get-AdsProp $c 'server')
        $log = Get-AdsProp $c 'connection-log'
        $incidents = @()
        if ($null -ne $log) {
            # Get-AdsProp returns several incidents as one object (an array): assign, then @() it.
            $found = Get-AdsProp $log 'incident'
            if ($null -ne $found) { $incidents = @($found) }
        }
        if ($incidents.Count -gt 0 -and $null -ne $incidents[$incidents.Count - 1]) {
            $last = $incidents[$incidents.Count - 1]
            if (-not $r.result) { $r.result = ConvertTo-AdsXmlText (Get-AdsProp $last 'connection-result') }
            $r.date = ConvertTo-AdsXmlText (Get-AdsProp $last 'date')
            if (-not $r.server) { $r.server = ConvertTo-AdsXmlText (Get-AdsProp $last 'server') }
            $cd = Get-AdsProp $last 'cd-error'
            if ($null -ne $cd) {
                $r.errorCode = ConvertTo-AdsXmlText (Get-AdsProp $cd 'error-code')
                $r.errorLiteral = ConvertTo-AdsXmlText (Get-AdsProp $cd 'error-literal')
                $r.serverErrorDetail = ConvertTo-AdsXmlText (Get-AdsProp $cd 'server-error-detail')
            }
        }
    } catch { return [ordered]@{ parseError = (Get-AdsErrorText $_) } }
    return $r
}

function ConvertTo-AdsXmlText {
    # The trimmed text of an XML node as PowerShell's adapter returns it (a string, or an element).
    param($Node)
    if ($null -eq $Node) { return $null }
    if ($Node -is [string]) { $t = $Node } else { $t = [string](Get-AdsProp $Node 'InnerText') }
    $t = ($t -replace '\s+', ' ').Trim()
    if (-not $t) { return $null }
    return $t
}

function ConvertTo-AdsRunStepRecord {
    # One step of a run: results, counters, the connection and every error/detail text.
    param($Step)
    # A hashtable holds the list: an assignment inside the script block would make a local copy.
    $state = @{ truncated = @() }
    $cut = {
        param([string]$Name, $Text)
        if ($null -eq $Text) { return $null }
        if ($Text.Length -gt $script:RunTextLimit) { $state.truncated += @($Name); return $Text.Substring(0, $script:RunTextLimit) }
        return $Text
    }
    $connXml = Get-AdsRunText (Get-AdsProp $Step 'ConnectorConnectionInformationXml')
    $counters = [ordered]@{}
    foreach ($p in $Step.PSObject.Properties) {
        if ($p.Name -match $script:RunStepCounterPattern -and ($p.Value -is [int] -or $p.Value -is [long])) { $counters[$p.Name] = $p.Value }
    }
    $rec = [ordered]@{
        StepNumber = (Get-AdsProp $Step 'StepNumber'); StepHistoryId = (ConvertTo-AdsText (Get-AdsProp $Step 'StepHistoryId'))
        StepResult = [string](Get-AdsProp $Step 'StepResult')
        StartDate = (Format-AdsRunTime (Get-AdsProp $Step 'StartDate')); EndDate = (Format-AdsRunTime (Get-AdsProp $Step 'EndDate'))
        Connection = (ConvertFrom-AdsConnectionInfo -Xml $connXml)
        ConnectorConnectionInformationXml = (& $cut 'ConnectorConnectionInformationXml' $connXml)
        ConnectorDiscoveryErrors = (& $cut 'ConnectorDiscoveryErrors' (Get-AdsRunText (Get-AdsProp $Step 'ConnectorDiscoveryErrors') 'ConnectorDiscoveryErrorsXml'))
        SyncErrors = (& $cut 'SyncErrors' (Get-AdsRunText (Get-AdsProp $Step 'SyncErrors') 'SyncErrorsXml'))
        MvRetryErrors = (& $cut 'MvRetryErrors' (Get-AdsRunText (Get-AdsProp $Step 'MvRetryErrors') 'MvRetryErrorsXml'))
        StepXml = (& $cut 'StepXml' (Get-AdsRunText (Get-AdsProp $Step 'StepXml')))
        Counters = $counters
        Truncated = @()
    }
    $rec.Truncated = @($state.truncated)
    return $rec
}

function Get-AdsStepErrors {
    # Error texts of a run's steps, for readers that want one list: a failed connection first
    # ("connection to <server>: <result> (<code> <literal>)"), then the error XML/texts
    # (discovery, sync, metaverse retry), or "step N: <StepResult>" for a failed step without text.
    param($Run)
    $errors = @()
    foreach ($step in @(Get-AdsRunSteps -Run $Run)) {
        $sr = [string](Get-AdsProp $step 'StepResult')
        $before = $errors.Count
        $conn = ConvertFrom-AdsConnectionInfo -Xml (Get-AdsRunText (Get-AdsProp $step 'ConnectorConnectionInformationXml'))
        if ($null -ne $conn -and $conn.Contains('result') -and $conn.result -and $conn.result -ne 'success') {
            $why = @($conn.errorCode, $conn.errorLiteral, $conn.serverErrorDetail | Where-Object { $_ }) -join ' '
            $line = "connection to $($conn.server): $($conn.result)"
            if ($why) { $line += " ($why)" }
            $errors += @($line)
        }
        foreach ($pair in @(@('ConnectorDiscoveryErrors', 'ConnectorDiscoveryErrorsXml'), @('SyncErrors', 'SyncErrorsXml'), @('MvRetryErrors', 'MvRetryErrorsXml'))) {
            $text = Get-AdsRunText (Get-AdsProp $step $pair[0]) $pair[1]
            if ($text) { $errors += @($text.Trim()) }
        }
        if ($sr -and $sr -ne 'success' -and $errors.Count -eq $before) { $errors += @("step $(Get-AdsProp $step 'StepNumber'): $sr") }
    }
    return , @($errors)
}
