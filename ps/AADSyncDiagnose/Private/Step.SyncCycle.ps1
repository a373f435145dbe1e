# Step.SyncCycle.ps1 - step "sync-cycle": the scheduler first (staging mode, suspended, busy: no
# cycle), then Start-ADSyncSyncCycle, a bounded wait and the run history of that cycle. The only
# step that changes the server.

function Invoke-AdsSyncCycle {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $requested = ([string]$Context.Sync).ToLowerInvariant()
    $cycle = [ordered]@{ schema = "$script:SchemaPrefix/sync-cycle@1"; requested = $requested; started = $false; skippedReason = $null
                         startResult = $null; startedAt = $null; finishedAt = $null; waitTimedOut = $false; error = $null }
    $save = { Write-AdsBundleJson -Context $Context -RelativePath 'sync/cycle.json' -Object $cycle }

    if (-not $Context.ModuleImported) {
        $cycle.skippedReason = 'module-missing'
        $cycle.error = $Context.AdSync.module.error
        & $save
        return @{ status = 'skipped'; error = 'module-missing: the ADSync module is not available'; notes = @() }
    }
    $sched = Get-ADSyncScheduler -ErrorAction Stop
    $Context.AdSync.scheduler = Get-AdsSchedulerRecord -Scheduler $sched
    Save-AdsAdSyncJson -Context $Context

    $reason = $null
    if ($requested -eq 'none') { $reason = 'not-requested' }
    elseif ($Context.ContainsKey('SyncDeclined') -and $Context.SyncDeclined) {
        # -WhatIf, or -Confirm answered No (Invoke-AADSyncDiagnose asks before the first step).
        $reason = 'not-requested'
        $cycle.error = 'not confirmed: -WhatIf, or -Confirm was answered No'
        Write-Verbose 'No sync cycle: not confirmed (-WhatIf or -Confirm)'
    }
    elseif ((Get-AdsProp $sched 'StagingModeEnabled') -eq $true) { $reason = 'staging-mode' }
    elseif ((Get-AdsProp $sched 'SchedulerSuspended') -eq $true) { $reason = 'scheduler-suspended' }
    elseif (Test-AdsSyncBusy) { $reason = 'sync-in-progress' }

    $lookBack = (Get-Date).AddHours(-[double]$Context.SinceHours)
    if (-not $reason) {
        $policy = 'Delta'
        if ($requested -eq 'initial') { $policy = 'Initial' }
        $startedAt = (Get-Date)
        Write-Verbose "Start-ADSyncSyncCycle -PolicyType $policy"
        try {
            $startErrors = $null
            $r = Start-ADSyncSyncCycle -PolicyType $policy -ErrorAction Stop -ErrorVariable startErrors
            # -ErrorAction Stop makes the cmdlet's WriteError terminating; the error variable also
            # catches a command that writes an error and returns (a proxy function, a stub).
            if ($startErrors -and @($startErrors).Count -gt 0) { throw @($startErrors)[0] }
            $cycle.startResult = [ordered]@{ Result = [string](Get-AdsProp $r 'Result') }
        } catch {
            $err = $_
            $text = Get-AdsErrorText $err
            $kind = Get-AdsSyncStartFailure -ErrorRecord $err
            if ($kind -eq 'busy') { $reason = 'sync-in-progress'; $cycle.error = $text }
            elseif ($kind -eq 'access-denied') {
                $cycle.error = "$text (access denied: the account running the collector is not in the ADSyncOperators or ADSyncAdmins group; add it, sign out and in again)"
                & $save
                throw $cycle.error
            }
            else { $cycle.error = $text; & $save; throw }
        }
        if (-not $reason) {
            $cycle.started = $true
            $cycle.startedAt = Format-AdsDate $startedAt
            & $save
            Write-Verbose "Waiting up to $($Context.SyncWaitSeconds)s for the cycle to finish"
            $waited = Wait-AdsSyncCycle -StartedAt $startedAt -TimeoutSeconds $Context.SyncWaitSeconds
            $cycle.finishedAt = Format-AdsDate (Get-Date)
            $cycle.waitTimedOut = -not $waited
            & $save
            $n = Save-AdsRunProfileResults -Context $Context -Since $startedAt -Scope 'cycle'
            if (-not $waited) {
                return @{ status = 'timeout'; error = "the sync cycle was still running after $($Context.SyncWaitSeconds)s; its results are incomplete"; notes = @("$n run(s) collected") }
            }
            return @{ status = 'ok'; error = $null; notes = @("$policy cycle: $n run(s)") }
        }
    }
    $cycle.skippedReason = $reason
    & $save
    # No cycle of ours: the runs in the look-back window still tell what the last cycles did.
    $n = 0
    try { $n = Save-AdsRunProfileResults -Context $Context -Since $lookBack -Scope 'look-back' } catch { }
    return @{ status = 'skipped'; error = "$reason"; notes = @("no cycle started ($reason); $n run(s) from the look-back window") }
}

function Get-AdsSchedulerRecord {
    param($Scheduler)
    $rec = [ordered]@{}
    foreach ($n in @('AllowedSyncCycleInterval', 'CurrentlyEffectiveSyncCycleInterval', 'CustomizedSyncCycleInterval', 'NextSyncCyclePolicyType',
                     'NextSyncCycleStartTimeInUTC', 'PurgeRunHistoryInterval', 'SyncCycleEnabled', 'MaintenanceEnabled', 'StagingModeEnabled',
                     'SchedulerSuspended', 'SyncCycleInProgress')) {
        $v = Get-AdsProp $Scheduler $n
        if ($v -is [datetime]) {
            # NextSyncCycleStartTimeInUTC is UTC whatever its Kind says.
            $v = [datetime]::SpecifyKind($v, [DateTimeKind]::Utc).ToString('o')
        } elseif ($v -is [TimeSpan]) { $v = $v.ToString() }
        elseif ($v -is [bool] -or $v -is [int] -or $null -eq $v) { }
        else { $v = [string]$v }
        $rec[$n] = $v
    }
    return $rec
}

function Test-AdsSyncBusy {
    # Sync engine busy: scheduler says a cycle runs, or a connector is running.
    $s = Get-ADSyncScheduler -ErrorAction Stop
    if ((Get-AdsProp $s 'SyncCycleInProgress') -eq $true) { return $true }
    $rs = @(Get-ADSyncConnectorRunStatus -ErrorAction Stop)
    foreach ($r in $rs) { if ($null -ne $r -and [string](Get-AdsProp $r 'RunState') -eq 'Busy') { return $true } }
    return $false
}

function Wait-AdsSyncCycle {
    # True when the cycle finished within the bound. Right after Start-ADSyncSyncCycle the scheduler may
    # not report the cycle yet, so "finished" needs: seen busy (or 30 s passed), then not busy.
    param([datetime]$StartedAt, [int]$TimeoutSeconds)
    $bound = $TimeoutSeconds
    if ($bound -lt 5) { $bound = 5 }
    $deadline = $StartedAt.AddSeconds($bound)
    $seenBusy = $false
    $interval = 1
    while ((Get-Date) -lt $deadline) {
        Start-Sleep -Seconds $interval
        $busy = Test-AdsSyncBusy
        if ($busy) { $seenBusy = $true }
        elseif ($seenBusy -or ((Get-Date) - $StartedAt).TotalSeconds -ge 30) { return $true }
        if (((Get-Date) - $StartedAt).TotalSeconds -ge 10) { $interval = 5 }
    }
    return $false
}

function Get-AdsSyncStartFailure {
    # Why Start-ADSyncSyncCycle refused: 'busy', 'access-denied' or $null (anything else). The real
    # wordings (English; matched first, the language-neutral checks follow):
    #   "System.InvalidOperationException: Connector: <name> is busy."  (easy365manager.com, how to do
    #     a delta sync: a connector of the running cycle)
    #   "System.InvalidOperationException: Sync is already running. Cannot start a new run till this one
    #     completes."  (a public lab write-up's capture: the scheduler's own cycle)
    #   "Retrieving the COM class factory for remote component with CLSID {835BEE60-8731-4159-8BFF-
    #     941301D76D05} from machine failed due to the following error: 80070005"  (a 2022 write-up: a
    #     caller outside ADSyncOperators)
    # In any language: an InvalidOperationException while the engine now reports busy is busy; the
    # HRESULT 80070005 (E_ACCESSDENIED) or an UnauthorizedAccessException is access denied.
    param($ErrorRecord)
    $text = Get-AdsErrorText $ErrorRecord
    if ($text -match 'Connector: .* is busy' -or $text -match 'Sync is already running') { return 'busy' }
    $ex = $ErrorRecord
    if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $ex = $ErrorRecord.Exception }
    $types = @()
    $e = $ex
    # PSObject.TypeNames (the type and its base types) rather than GetType(), a method call that
    # Constrained Language refuses on an exception.
    for ($i = 0; $i -lt 5 -and $null -ne $e; $i++) { $types += @($e.PSObject.TypeNames); $e = Get-AdsProp $e 'InnerException' }
    if ($text -match '80070005' -or $types -contains 'System.UnauthorizedAccessException') { return 'access-denied' }
    if ($types -contains 'System.InvalidOperationException' -or $text -match 'InvalidOperationException') {
        $busy = $false
        try { $busy = [bool](Test-AdsSyncBusy) } catch { $busy = $false }
        if ($busy) { return 'busy' }
    }
    return $null
}
