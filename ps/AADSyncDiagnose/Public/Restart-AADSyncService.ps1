function Restart-AADSyncService {
    <#
    .SYNOPSIS
        Restarts the ADSync service so it reads machine.config again - only when no sync cycle runs.

    .DESCRIPTION
        The sync service (miiserver.exe) reads its proxy from machine.config once, when it starts: after
        machine.config changed, the old setting stays in force until ADSync restarts.

        This asks the sync engine first (Get-ADSyncScheduler SyncCycleInProgress, and
        Get-ADSyncConnectorRunStatus) and waits while a cycle or a connector runs, up to TimeoutSeconds,
        checking every few seconds; a restart would cut a running cycle off. If one still runs at the
        end, or the ADSync module is not there to ask, the service is not restarted and the result says
        why. The restart itself is Restart-Service ADSync, confirmed first (ConfirmImpact High; -Force
        skips the question; -WhatIf only says what it would do).

        Returns an object: status (restarted, not-restarted, declined, preview, not-installed), detail,
        the new process start time, and how long it waited.

    .PARAMETER TimeoutSeconds
        How long to wait for a running sync cycle to end (default 600; 0 checks once).

    .PARAMETER Force
        Do not ask for confirmation (unless -Confirm is given too).

    .PARAMETER SimulationPath
        Test and demo only: a simulated server (a copy of a scenario folder).

    .EXAMPLE
        Restart-AADSyncService -TimeoutSeconds 900

        Waits up to 15 minutes for a running sync cycle to end, then restarts ADSync after asking.

    .OUTPUTS
        System.Collections.Specialized.OrderedDictionary.
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param(
        [ValidateRange(0, 86400)][int]$TimeoutSeconds = 600,
        [switch]$Force,
        [string]$SimulationPath = ''
    )
    $ErrorActionPreference = 'Stop'
    # -WhatIf decides the ShouldProcess call (PowerShell keeps it for it) and nothing else.
    $preview = [bool]$WhatIfPreference
    $WhatIfPreference = $false
    if ($Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
    # -Confirm is for the ShouldProcess call only ($ask around it); Restart-Service underneath never asks.
    $ask = $ConfirmPreference
    $ConfirmPreference = 'None'
    if ($SimulationPath) { Enable-AdsFixSimulatorForSession -ServerPath $SimulationPath }
    $r = [ordered]@{ status = $null; detail = $null; startTime = $null; waitedSeconds = 0
                     why = 'the sync service reads machine.config only when it starts' }
    $svc = Get-AdsServiceInfo -Name 'ADSync'
    if (-not $svc) { $r.status = 'not-installed'; $r.detail = 'the ADSync service is not installed on this server'; return $r }
    # The sync engine is asked through the ADSync module of this installation (as the collector does).
    $found = Find-AdsADSyncModule
    $why = $null
    if (-not $found) { $why = 'the ADSync module was not found' }
    else { try { Import-AdsADSyncModule -Path $found.Path } catch { $why = 'the ADSync module did not load: ' + (Get-AdsErrorText $_) } }
    if ($why) {
        $r.status = 'not-restarted'
        $r.detail = "cannot tell whether a sync cycle runs ($why); restart ADSync yourself when none runs: Restart-Service ADSync"
        return $r
    }
    $started = Get-Date
    while ($true) {
        $busy = $true
        try { $busy = Test-AdsSyncBusy } catch {
            $r.status = 'not-restarted'; $r.detail = 'cannot tell whether a sync cycle runs: ' + (Get-AdsErrorText $_); return $r
        }
        $r.waitedSeconds = [int]((Get-Date) - $started).TotalSeconds
        if (-not $busy) { break }
        $left = $TimeoutSeconds - ((Get-Date) - $started).TotalSeconds
        if ($left -le 0) {
            $r.status = 'not-restarted'
            $r.detail = "a sync cycle was still running after ${TimeoutSeconds}s; ADSync was not restarted (run the restart again when it has ended)"
            return $r
        }
        Write-Verbose "A sync cycle runs; waiting (up to $([int]$left)s more)"
        Start-Sleep -Seconds ([Math]::Max(1, [Math]::Min(5, [int][Math]::Ceiling($left))))
    }
    $ConfirmPreference = $ask
    try { $go = $PSCmdlet.ShouldProcess('service ADSync (Microsoft Azure AD Sync)', 'Restart it (it reads machine.config only when it starts)') } finally { $ConfirmPreference = 'None' }
    if (-not $go) {
        if ($preview) { $r.status = 'preview' } else { $r.status = 'declined' }
        return $r
    }
    Assert-AdsFixWritable
    $answer = Restart-AdsFixService -Name 'ADSync' -TimeoutSeconds ([Math]::Max(60, $TimeoutSeconds))
    $r.status = 'restarted'
    $r.startTime = Format-AdsDate $answer.StartTime
    $r.detail = "ADSync is $($answer.State) again"
    return $r
}
