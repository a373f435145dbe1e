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

function Save-AdsRunProfileResults {
    # Runs that started at or after $Since (the cycle's start, or the look-back window when no cycle ran).
    param([hashtable]$Context, [datetime]$Since, [string]$Scope)
    $list = New-Object System.Collections.ArrayList
    $sinceUtc = $Since.ToUniversalTime().AddSeconds(-5)
    foreach ($r in @(Get-ADSyncRunProfileResult -NumberRequested 100 -ErrorAction Stop)) {
        if ($null -eq $r) { continue }
        $start = Get-AdsProp $r 'StartDate'
        if ($start -is [datetime] -and (ConvertTo-AdsUtcRunTime $start) -lt $sinceUtc) { continue }
        [void]$list.Add((ConvertTo-AdsRunRecord -Run $r))
    }
    Write-AdsBundleJson -Context $Context -RelativePath 'sync/run-profile-results.json' -Object ([ordered]@{
        schema = "$script:SchemaPrefix/run-profile-results@1"; scope = $Scope; since = (Format-AdsDate $Since.ToUniversalTime()); results = $list.ToArray() })
    return $list.Count
}

function ConvertTo-AdsRunRecord {
    param($Run)
    return [ordered]@{
        RunHistoryId = [string](Get-AdsProp $Run 'RunHistoryId'); RunNumber = (Get-AdsProp $Run 'RunNumber')
        ConnectorName = [string](Get-AdsProp $Run 'ConnectorName'); RunProfileName = [string](Get-AdsProp $Run 'RunProfileName')
        Result = [string](Get-AdsProp $Run 'Result'); StartDate = (Format-AdsRunTime (Get-AdsProp $Run 'StartDate'))
        EndDate = (Format-AdsRunTime (Get-AdsProp $Run 'EndDate')); IsRunComplete = (Get-AdsProp $Run 'IsRunComplete')
        StepErrors = (Get-AdsStepErrors -Run $Run)
    }
}

function Get-AdsStepErrors {
    # Error text of a run's steps. The shape of RunStepResults is UNVERIFIED (windows-facts 1.4/1.5):
    # read any *Errors string/XML property and non-success StepResult defensively.
    param($Run)
    $errors = New-Object System.Collections.ArrayList
    # Assigned first: Get-AdsProp returns the array as one object, and @() would wrap it again.
    $stepResults = Get-AdsProp $Run 'RunStepResults'
    foreach ($step in $stepResults) {
        if ($null -eq $step) { continue }
        $sr = [string](Get-AdsProp $step 'StepResult')
        $before = $errors.Count
        foreach ($prop in $step.PSObject.Properties) {
            if ($prop.Name -notlike '*Errors*') { continue }
            $v = $prop.Value
            if ($null -eq $v) { continue }
            $text = $null
            if ($v -is [string]) { $text = $v }
            elseif ($v -is [xml]) { $text = $v.OuterXml }
            else {
                $xmlProp = Get-AdsProp $v 'SyncErrorsXml'
                if ($xmlProp) { $text = [string]$xmlProp }
            }
            if ($text -and $text.Trim()) { [void]$errors.Add($text.Trim()) }
        }
        if ($sr -and $sr -ne 'success' -and $errors.Count -eq $before) { [void]$errors.Add("step $(Get-AdsProp $step 'StepNumber'): $sr") }
    }
    return , $errors.ToArray()
}
