# Simulated ADSync cmdlets. Property names and errors follow the shared windows-facts.md section 1:
#   Get-ADSyncScheduler           the 11 properties, TimeSpans and a UTC DateTime (1.2)
#   Start-ADSyncSyncCycle         an object with one property Result = 'Success'; a busy engine throws
#                                 InvalidOperationException "Connector: <name> is busy." (1.1)
#   Get-ADSyncConnectorRunStatus  nothing when idle; RunState/ConnectorName when busy (1.3)
#   Get-ADSyncRunProfileResult    RunNumber, RunHistoryId, ConnectorName, RunProfileName, Result,
#                                 StartDate, EndDate, IsRunComplete (+ RunStepResults, UNVERIFIED shape) (1.4)
#   Get-ADSyncConnector           Name, Identifier, ConnectorTypeName (1.6)
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
    $busy = Get-SimOpt (Get-SimAdSync) 'busyConnector'
    if ($busy -or $null -ne $s.CycleStartedAt) {
        if (-not $busy) { $busy = [string]@(Get-SimOpt (Get-SimAdSync) 'connectors' @())[0].Name }
        $text = "System.InvalidOperationException: Connector: $busy is busy.`r`n   at Microsoft.MetadirectoryServices.Scheduler.Scheduler.StartSyncCycle(String overridePolicy, Boolean interactiveMode)`r`n   at SchedulerUtils.StartSyncCycle(SchedulerUtils* , Char* policyType, Int32 interactiveMode, Char** errorString)"
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

function New-SimRun {
    param($Run, [datetime]$Base, [int]$Number)
    $start = $Base.ToUniversalTime().AddSeconds([double](Get-SimOpt $Run 'offsetSeconds' 0))
    $end = $start.AddSeconds([double](Get-SimOpt $Run 'durationSeconds' 5))
    $steps = @()
    foreach ($st in @(Get-SimOpt $Run 'steps' @())) {
        $sync = $null
        $sx = Get-SimOpt $st 'SyncErrorsXml'
        if ($sx) { $sync = [pscustomobject]@{ SyncErrorsXml = [string]$sx } }
        $steps += [pscustomobject][ordered]@{
            StepNumber = [int](Get-SimOpt $st 'StepNumber' 1); StepResult = [string](Get-SimOpt $st 'StepResult' 'success')
            StartDate = (ConvertTo-SimRunTime $start); EndDate = (ConvertTo-SimRunTime $end)
            ConnectorDiscoveryErrors = (Get-SimOpt $st 'ConnectorDiscoveryErrors'); SyncErrors = $sync
        }
    }
    $name = [string](Get-SimOpt $Run 'ConnectorName')
    $guidBytes = [Security.Cryptography.MD5]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes("$name|$Number"))
    return [pscustomobject][ordered]@{
        RunHistoryId = (New-Object Guid (, $guidBytes)); RunNumber = $Number; ConnectorName = $name
        RunProfileName = [string](Get-SimOpt $Run 'RunProfileName'); Result = [string](Get-SimOpt $Run 'Result' 'success')
        StartDate = (ConvertTo-SimRunTime $start); EndDate = (ConvertTo-SimRunTime $end); IsRunComplete = $true; RunStepResults = $steps
    }
}

function Get-ADSyncRunProfileResult {
    [CmdletBinding()]
    param([Guid]$RunHistoryId, [Guid]$ConnectorId, [Guid]$RunProfileId, [int]$RunNumber, [int]$NumberRequested, [switch]$RunStepDetails, [int]$StepNumber)
    Invoke-SimHang 'Get-ADSyncRunProfileResult'
    $s = Get-SimState
    $ad = Get-SimAdSync
    $runs = @()
    $n = 800
    foreach ($r in @(Get-SimOpt $ad 'history' @())) { $n++; $runs += New-SimRun -Run $r -Base $s.ScenarioNow.Add($s.Shift) -Number $n }
    if ($null -ne $s.CycleStartedAt) {
        foreach ($r in @(Get-SimOpt (Get-SimOpt $ad 'cycle') 'runs' @())) { $n++; $runs += New-SimRun -Run $r -Base $s.CycleStartedAt -Number $n }
    }
    $runs = @($runs | Sort-Object -Property RunNumber -Descending)
    if ($NumberRequested -gt 0 -and $runs.Count -gt $NumberRequested) { $runs = $runs[0..($NumberRequested - 1)] }
    return $runs
}

function Get-ADSyncConnector {
    [CmdletBinding()]
    param([string]$Name, [Guid]$Identifier)
    Invoke-SimHang 'Get-ADSyncConnector'
    $out = @()
    foreach ($c in @(Get-SimOpt (Get-SimAdSync) 'connectors' @())) {
        $out += [pscustomobject][ordered]@{ Name = [string]$c.Name; Identifier = [Guid][string]$c.Identifier; ConnectorTypeName = [string]$c.ConnectorTypeName }
    }
    return $out
}

Export-ModuleMember -Function Get-ADSyncScheduler, Start-ADSyncSyncCycle, Get-ADSyncConnectorRunStatus, Get-ADSyncRunProfileResult, Get-ADSyncConnector
