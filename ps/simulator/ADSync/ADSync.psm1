# Simulated ADSync cmdlets. Property names and errors follow docs/windows-facts.md section 1:
#   Get-ADSyncScheduler           the 11 properties, TimeSpans and a UTC DateTime (1.2)
#   Start-ADSyncSyncCycle         an object with one property Result = 'Success'; a busy engine writes
#                                 InvalidOperationException "Connector: <name> is busy." or "Sync is already
#                                 running. Cannot start a new run till this one completes."; accessDenied:
#                                 the COM activation error 80070005 of a caller outside ADSyncOperators
#   Get-ADSyncConnectorRunStatus  nothing when idle; RunState/ConnectorName when busy (1.3)
#   Get-ADSyncRunProfileResult    the real run-history shape (see New-SimRun: a public dump of a real
#                                 server), times UTC without a zone, steps only with -RunStepDetails
#   Get-ADSyncConnector           Name, Identifier, Type, ConnectorTypeName, SubType (1.6)
# State (cycle started, polls) lives in the simulator's AppDomain state, shared by every runspace.

Set-StrictMode -Version 2.0

function Get-SimState {
    $s = [AppDomain]::CurrentDomain.GetData('AADSyncDiagnose.Simulation')
    if ($null -eq $s) { throw 'The sync command or cmdlet isn''t available: simulation not enabled.' }
    return $s
}

function Get-SimAdSync { return (Get-SimState).Scenario.adsync }

function Get-SimOpt {
    param($Object, [string]$Name, $Default = $null)
    if ($null -eq $Object) { return $Default }
    $p = $Object.PSObject.Properties[$Name]
    if ($p -and $null -ne $p.Value) { return $p.Value }
    return $Default
}

function Invoke-SimHang {
    # A cmdlet that never returns and ignores Stop(): blocked like a WCF call into a dead service.
    param([string]$Name)
    $hang = @(Get-SimOpt (Get-SimAdSync) 'hang' @())
    if ($hang -contains $Name) { [System.Threading.Thread]::Sleep([System.Threading.Timeout]::Infinite) }
}

function Test-SimCycleRunning {
    $s = Get-SimState
    if ($null -eq $s.CycleStartedAt) { return $false }
    $busyPolls = [int](Get-SimOpt (Get-SimOpt (Get-SimAdSync) 'cycle') 'busyPolls' 2)
    return ($s.SchedulerPolls -le $busyPolls)
}

function Get-ADSyncScheduler {
    [CmdletBinding()]
    param()
    Invoke-SimHang 'Get-ADSyncScheduler'
    $s = Get-SimState
    if ($null -ne $s.CycleStartedAt) { $s.SchedulerPolls++ }
    $cfg = Get-SimOpt (Get-SimAdSync) 'scheduler'
    $next = [DateTime]::SpecifyKind($s.ScenarioNow.Add($s.Shift).AddMinutes(17), [DateTimeKind]::Unspecified)
    $custom = Get-SimOpt $cfg 'CustomizedSyncCycleInterval'
    if ($custom) { $custom = [TimeSpan]::Parse([string]$custom) }
    return [pscustomobject][ordered]@{
        AllowedSyncCycleInterval            = [TimeSpan]::FromMinutes(30)
        CurrentlyEffectiveSyncCycleInterval = [TimeSpan]::FromMinutes(30)
        CustomizedSyncCycleInterval         = $custom
        NextSyncCyclePolicyType             = [string](Get-SimOpt $cfg 'NextSyncCyclePolicyType' 'Delta')
        NextSyncCycleStartTimeInUTC         = $next
        PurgeRunHistoryInterval             = [TimeSpan]::FromDays(7)
        SyncCycleEnabled                    = [bool](Get-SimOpt $cfg 'SyncCycleEnabled' $true)
        MaintenanceEnabled                  = [bool](Get-SimOpt $cfg 'MaintenanceEnabled' $true)
        StagingModeEnabled                  = [bool](Get-SimOpt $cfg 'StagingModeEnabled' $false)
        SchedulerSuspended                  = [bool](Get-SimOpt $cfg 'SchedulerSuspended' $false)
        SyncCycleInProgress                 = ([bool](Get-SimOpt $cfg 'SyncCycleInProgress' $false) -or (Test-SimCycleRunning))
    }
}

function Get-ADSyncConnectorRunStatus {
    [CmdletBinding()]
    param()
    Invoke-SimHang 'Get-ADSyncConnectorRunStatus'
    $cfg = Get-SimOpt (Get-SimAdSync) 'scheduler'
    $busy = Get-SimOpt (Get-SimAdSync) 'busyConnector'
    if (-not $busy -and (Test-SimCycleRunning)) { $busy = [string]@(Get-SimOpt (Get-SimAdSync) 'connectors' @())[0].Name }
    if (-not $busy -and [bool](Get-SimOpt $cfg 'SyncCycleInProgress' $false)) { $busy = [string]@(Get-SimOpt (Get-SimAdSync) 'connectors' @())[0].Name }
    if (-not $busy) { return }
    return [pscustomobject][ordered]@{ RunState = 'Busy'; ConnectorName = $busy }
}

function Start-ADSyncSyncCycle {
    [CmdletBinding()]
    param([Parameter(Position = 0)][ValidateSet('Unspecified', 'Delta', 'Initial')][string]$PolicyType = 'Unspecified',
          [Parameter(Position = 1)][bool]$InteractiveMode = $false)
    Invoke-SimHang 'Start-ADSyncSyncCycle'
    $s = Get-SimState
    if ([bool](Get-SimOpt (Get-SimAdSync) 'accessDenied' $false)) {
        # A caller outside ADSyncOperators (a 2022 public write-up of exactly this message; that .NET
        # maps E_ACCESSDENIED to UnauthorizedAccessException here is UNVERIFIED).
        throw (New-Object System.UnauthorizedAccessException 'Retrieving the COM class factory for remote component with CLSID {835BEE60-8731-4159-8BFF-941301D76D05} from machine failed due to the following error: 80070005')
    }
    $busy = Get-SimOpt (Get-SimAdSync) 'busyConnector'
    $cfg = Get-SimOpt (Get-SimAdSync) 'scheduler'
    $text = $null
    if ($busy) {
        # A connector of a running cycle: easy365manager.com "How to do a delta sync" (windows-facts 1.1).
        $text = "System.InvalidOperationException: Connector: $busy is busy.`r`n   at Microsoft.MetadirectoryServices.Scheduler.Scheduler.StartSyncCycle(String overridePolicy, Boolean interactiveMode)`r`n   at SchedulerUtils.StartSyncCycle(SchedulerUtils* , Char* policyType, Int32 interactiveMode, Char** errorString)"
    } elseif ($null -ne $s.CycleStartedAt -or [bool](Get-SimOpt $cfg 'SyncCycleInProgress' $false)) {
        # The scheduler's own cycle: a public lab write-up's capture, 'Start-ADSyncSyncCycle :
        # System.InvalidOperationException: Sync is already running. Cannot start a new run till this one completes.'
        $text = 'System.InvalidOperationException: Sync is already running. Cannot start a new run till this one completes.'
    }
    if ($text) {
        $ex = New-Object System.InvalidOperationException $text
        $er = New-Object System.Management.Automation.ErrorRecord $ex, $text, 'WriteError', 'StartADSyncSyncCycle'
        $PSCmdlet.WriteError($er)
        return
    }
    $s.CycleStartedAt = [DateTime]::UtcNow
    $s.CyclePolicy = $PolicyType
    $s.SchedulerPolls = 0
    # What the engine writes to the Application log once the cycle runs (cycle-events/*.xml), timed
    # from the cycle's start: the scenario's "now" maps to the start.
    $dir = Join-Path $s.Path 'cycle-events'
    if (Test-Path -LiteralPath $dir) {
        $shift = $s.CycleStartedAt - $s.ScenarioNow
        $next = [int]$s.NextRecordId
        $list = @()
        foreach ($f in @(Get-ChildItem -LiteralPath $dir -Filter '*.xml' | Sort-Object Name)) {
            $ref = [ref]$next
            $list += Get-AdsSimEventsFromFile -Path $f.FullName -Shift $shift -NextRecordId $ref
            $next = $ref.Value
        }
        $s.NextRecordId = $next
        $s.CycleEvents = $list
    }
    return [pscustomobject]@{ Result = 'Success' }
}

function ConvertTo-SimRunTime {
    # Run history is stored in UTC and comes back WITHOUT a zone: Kind Unspecified, UTC wall clock.
    # Source: the issue-13 audit of a public dump of a real server's run history (sean-m/laparoscope,
    # scripts/Laparoscope.psm1, Get-LapRunProfileResult example: StartDate 2022-04-08T20:13:31.163, no
    # offset, serialised from the cmdlet's DateTime); the sync engine's mms_run_history keeps UTC.
    # UNVERIFIED on a live server until self-test prints the Kind (check 'run history time Kind').
    param([datetime]$Utc)
    return [DateTime]::SpecifyKind($Utc, [DateTimeKind]::Unspecified)
}

function New-SimGuid {
    # A stable GUID from text (the same run, step or profile gets the same id in every call).
    param([string]$Text)
    return (New-Object Guid (, [Security.Cryptography.MD5]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($Text))))
}

function New-SimErrorObject {
    # The engine's error holder objects (RunStepResultConnectorDiscoveryErrors, RunStepResultSyncErrors,
    # RunStepResultMvRetryErrors): the XML in <Kind>Xml, a list and a summary beside it. $null when no XML.
    param([string]$Kind, $Xml)
    if (-not $Xml) { return $null }
    $o = [ordered]@{}
    $o["${Kind}Xml"] = [string]$Xml
    $o["${Kind}List"] = @()
    $o["${Kind}SummaryXml"] = $null
    if ($Kind -eq 'SyncErrors') { $o['SyncErrorsCompressed'] = $null }
    return [pscustomobject]$o
}

function New-SimRun {
    # One RunProfileResult with the properties of a real server's run history (sean-m/laparoscope,
    # scripts/Laparoscope.psm1, the Get-LapRunProfileResult example: a real 'no-start-connection' export
    # of an AD connector whose DC was down). Scenario runs name ConnectorName, RunProfileName, Result,
    # offsetSeconds, durationSeconds and steps; a step may give StepResult, ConnectorConnectionInformationXml,
    # ConnectorDiscoveryErrors, SyncErrorsXml, MvRetryErrorsXml, StepXml.
    param($Run, [datetime]$Base, [int]$Number, [bool]$Details)
    $start = $Base.ToUniversalTime().AddSeconds([double](Get-SimOpt $Run 'offsetSeconds' 0))
    $end = $start.AddSeconds([double](Get-SimOpt $Run 'durationSeconds' 5))
    $name = [string](Get-SimOpt $Run 'ConnectorName')
    $profile = [string](Get-SimOpt $Run 'RunProfileName')
    $connectorId = $null
    foreach ($c in @(Get-SimOpt (Get-SimAdSync) 'connectors' @())) { if ([string]$c.Name -eq $name) { $connectorId = [Guid][string]$c.Identifier } }
    $runId = New-SimGuid "$name|$Number"
    $stepSpecs = @(Get-SimOpt $Run 'steps' @())
    $steps = @()
    foreach ($st in $stepSpecs) {
        $n = [int](Get-SimOpt $st 'StepNumber' 1)
        $step = [ordered]@{
            RunHistoryId = $runId; StepHistoryId = (New-SimGuid "$name|$Number|$n"); StepNumber = $n
            StepResult = [string](Get-SimOpt $st 'StepResult' 'success')
            StartDate = (ConvertTo-SimRunTime $start); EndDate = (ConvertTo-SimRunTime $end)
        }
        foreach ($counter in 'StageNoChange', 'StageAdd', 'StageUpdate', 'StageRename', 'StageDelete', 'StageDeleteAdd', 'StageFailure',
                             'DisconnectorFiltered', 'DisconnectorJoinedNoFlow', 'DisconnectorJoinedFlow', 'DisconnectorJoinedRemoveMv',
                             'DisconnectorProjectedNoFlow', 'DisconnectorProjectedFlow', 'DisconnectorProjectedRemoveMv', 'DisconnectorRemains',
                             'ConnectorFilteredRemoveMv', 'ConnectorFilteredLeaveMv', 'ConnectorFlow', 'ConnectorFlowRemoveMv', 'ConnectorNoFlow',
                             'ConnectorDeleteRemoveMv', 'ConnectorDeleteLeaveMv', 'ConnectorDeleteAddProcessed', 'FlowFailure',
                             'ExportAdd', 'ExportUpdate', 'ExportRename', 'ExportDelete', 'ExportDeleteAdd', 'ExportFailure',
                             'CurrentExportBatchNumber', 'LastSuccessfulExportBatchNumber') {
            $step[$counter] = [int](Get-SimOpt $st $counter 0)
        }
        $step['StepFileName'] = ''
        $step['ConnectorConnectionInformationXml'] = [string](Get-SimOpt $st 'ConnectorConnectionInformationXml' '')
        $step['ConnectorDiscoveryErrors'] = New-SimErrorObject 'ConnectorDiscoveryErrors' (Get-SimOpt $st 'ConnectorDiscoveryErrors')
        $step['ConnectorCountersXml'] = ''
        $step['SyncErrors'] = New-SimErrorObject 'SyncErrors' (Get-SimOpt $st 'SyncErrorsXml')
        $step['StepXml'] = [string](Get-SimOpt $st 'StepXml' '')
        $step['MvRetryErrors'] = New-SimErrorObject 'MvRetryErrors' (Get-SimOpt $st 'MvRetryErrorsXml')
        $step['FlowCountersXml'] = ''
        $steps += [pscustomobject]$step
    }
    $stepResults = $null
    # Without -RunStepDetails the steps are not returned (UNVERIFIED: the public dump asks for them).
    if ($Details) { $stepResults = $steps }
    $account = [string](Get-SimOpt (Get-SimOpt (Get-SimState).Scenario 'service') 'account' 'NT SERVICE\ADSync')
    return [pscustomobject][ordered]@{
        RunHistoryId = $runId; ConnectorId = $connectorId; ConnectorName = $name
        RunProfileId = (New-SimGuid "$name|$profile"); RunProfileName = $profile; RunNumber = $Number
        Username = $account; IsRunComplete = $true; Result = [string](Get-SimOpt $Run 'Result' 'success')
        CurrentStepNumber = $stepSpecs.Count; TotalSteps = $stepSpecs.Count
        StartDate = (ConvertTo-SimRunTime $start); EndDate = (ConvertTo-SimRunTime $end); RunStepResults = $stepResults
    }
}

function Get-ADSyncRunProfileResult {
    [CmdletBinding()]
    param([Guid]$RunHistoryId, [Guid]$ConnectorId, [Guid]$RunProfileId, [int]$RunNumber, [int]$NumberRequested, [switch]$RunStepDetails, [int]$StepNumber)
    Invoke-SimHang 'Get-ADSyncRunProfileResult'
    $s = Get-SimState
    $ad = Get-SimAdSync
    # Run numbers count per connector (the public dump: run 26285 of one AD connector), newest last.
    $numbers = @{}
    $next = {
        param($r)
        $c = [string](Get-SimOpt $r 'ConnectorName')
        if (-not $numbers.ContainsKey($c)) { $numbers[$c] = [int](Get-SimOpt $ad 'runNumberBase' 26280) }
        $numbers[$c]++
        return $numbers[$c]
    }
    $runs = @()
    foreach ($r in @(Get-SimOpt $ad 'history' @())) { $runs += New-SimRun -Run $r -Base $s.ScenarioNow.Add($s.Shift) -Number (& $next $r) -Details $RunStepDetails.IsPresent }
    if ($null -ne $s.CycleStartedAt) {
        foreach ($r in @(Get-SimOpt (Get-SimOpt $ad 'cycle') 'runs' @())) { $runs += New-SimRun -Run $r -Base $s.CycleStartedAt -Number (& $next $r) -Details $RunStepDetails.IsPresent }
    }
    # Newest first, like the cmdlet.
    $runs = @($runs | Sort-Object -Property StartDate -Descending)
    if ($NumberRequested -gt 0 -and $runs.Count -gt $NumberRequested) { $runs = $runs[0..($NumberRequested - 1)] }
    return $runs
}

function Get-ADSyncConnector {
    [CmdletBinding()]
    param([string]$Name, [Guid]$Identifier)
    Invoke-SimHang 'Get-ADSyncConnector'
    $out = @()
    foreach ($c in @(Get-SimOpt (Get-SimAdSync) 'connectors' @())) {
        # Name, Identifier, Type / ConnectorTypeName, SubType: Microsoft's password hash sync troubleshooting
        # script filters on SubType 'Windows Azure Active Directory (Microsoft)' and ConnectorTypeName 'AD';
        # public scripts select Type and Subtype (sean-m/laparoscope scripts/Get-ADSyncConnector.ps1). The
        # Entra connector's Identifier is b891884f-051e-4a83-95af-2544101c9083 (the ADSync reference).
        $sub = Get-SimOpt $c 'SubType'
        $out += [pscustomobject][ordered]@{ Name = [string]$c.Name; Identifier = [Guid][string]$c.Identifier; Type = [string]$c.ConnectorTypeName
                                            ConnectorTypeName = [string]$c.ConnectorTypeName; SubType = $sub }
    }
    return $out
}

Export-ModuleMember -Function Get-ADSyncScheduler, Start-ADSyncSyncCycle, Get-ADSyncConnectorRunStatus, Get-ADSyncRunProfileResult, Get-ADSyncConnector
