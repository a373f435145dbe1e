function Undo-AADSyncFix {
    <#
    .SYNOPSIS
        Takes back a fix made by Invoke-AADSyncFix, exactly, from its journal: byte-identical files and the
        previous registry values, or their absence.

    .DESCRIPTION
        Reads the journal (journal.json of the fix's folder) and, newest change first, puts back what was
        there: each file from its backup beside it (checked against the SHA-256 the journal recorded,
        swapped in atomically), each registry value with its previous kind and data, or deleted when it
        did not exist before (and its key too, when the fix created it and nothing else is in it).

        A change that someone changed again after the fix is not touched (it is named, with its backup);
        one that is already as before is left as it is, so running the undo twice is harmless. The
        journal records the undo. -WhatIf shows the diff of every change it would take back; without it
        each one is confirmed (-Force skips the question) and an elevated session is needed.

    .PARAMETER JournalPath
        The fix's journal.json.

    .PARAMETER RestartService
        After the undo, restart the ADSync service (Restart-AADSyncService) so it reads machine.config again.

    .PARAMETER RestartTimeoutSeconds
        How long the restart waits for a running sync cycle to end (default 600).

    .PARAMETER Force
        Do not ask for confirmation (unless -Confirm is given too).

    .PARAMETER SimulationPath
        Test and demo only: the simulated server the journal's fix was made on.

    .EXAMPLE
        Undo-AADSyncFix -JournalPath C:\Temp\aadsync\aadsync-fix-AADC01-20261125T100000Z\journal.json -WhatIf

        Shows what the undo would put back.

    .EXAMPLE
        Undo-AADSyncFix -JournalPath .\aadsync-fix-AADC01-20261125T100000Z\journal.json -RestartService

        Restores the files and values, then restarts ADSync when no sync cycle runs.

    .OUTPUTS
        System.Collections.Specialized.OrderedDictionary (schema aadsync-diagnose/fix-result@1, mode undo).
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory = $true)][string]$JournalPath,
        [switch]$RestartService,
        [ValidateRange(0, 86400)][int]$RestartTimeoutSeconds = 600,
        [switch]$Force,
        [string]$SimulationPath = ''
    )
    $ErrorActionPreference = 'Stop'
    # -WhatIf decides the ShouldProcess calls (PowerShell keeps it for them) and nothing else.
    $preview = [bool]$WhatIfPreference
    $WhatIfPreference = $false
    if ($Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
    # -Confirm is for the ShouldProcess calls only ($ask around them); the cmdlets underneath never ask.
    $ask = $ConfirmPreference
    $ConfirmPreference = 'None'
    try {
        $journal = Read-AdsFixJournal -Path $JournalPath
        $JournalPath = (Resolve-Path -LiteralPath $JournalPath).ProviderPath
        $simulated = [bool](Get-AdsProp $journal 'simulated')
        if ($simulated -and -not $SimulationPath) { throw 'this journal is from a simulated server: pass -SimulationPath with that server' }
        if (-not $simulated -and $SimulationPath) { throw 'this journal is from a real server: it cannot be undone on a simulated one' }
    } catch {
        $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord (New-Object ArgumentException (Get-AdsErrorText $_)), 'AadsyncBadJournal', 'InvalidArgument', $JournalPath))
    }
    if ($SimulationPath) { Enable-AdsFixSimulatorForSession -ServerPath $SimulationPath }
    $result = New-AdsFixResult -Mode 'undo' -Elevated ([bool](Test-AdsElevated)) -Simulated $simulated -HostName (Get-AdsComputerName)
    $result.journalPath = $JournalPath
    $journalHost = [string](Get-AdsProp $journal 'host')
    if ($journalHost -and $journalHost -ine $result.host) {
        $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord (New-Object ArgumentException "this journal is from $journalHost, not from $($result.host)"), 'AadsyncOtherHost', 'InvalidArgument', $JournalPath))
    }

    $changes = New-Object System.Collections.Generic.List[object]
    foreach ($rec in (Get-AdsFixList $journal 'changes')) {
        if ($null -eq $rec -or [string](Get-AdsProp $rec 'status') -ne 'applied') { continue }
        $c = ConvertFrom-AdsFixChangeRecord -Record $rec
        try {
            $state = Get-AdsFixRestoreState -Change $c
            switch ($state) {
                'before' { $c.Status = 'already'; $c.Diff = ''; $c.Summary = 'already as before the fix' }
                'after' { $c.Status = 'pending'; $c.Diff = Get-AdsFixUndoDiff -Change $c; $c.Summary = Get-AdsFixWhat -Change $c -Undo }
                default { $c.Status = 'changed'; $c.Diff = ''; $c.Reason = 'changed again after the fix; not touched'; if ($c.Kind -eq 'file') { $c.Reason += " (its backup: $($c.BackupPath))" } }
            }
        } catch { $c.Status = 'failed'; $c.Reason = Get-AdsErrorText $_ }
        $changes.Insert(0, $c)
    }
    $publish = { $result.changes = @($changes | ForEach-Object { ConvertTo-AdsFixChangeRecord -Change $_ }) }
    $pending = @($changes | Where-Object { $_.Status -eq 'pending' })

    if ($preview) {
        $result.mode = 'undo-preview'
        $ConfirmPreference = $ask
        try {
            foreach ($c in $pending) { [void]$PSCmdlet.ShouldProcess($c.Target, (Get-AdsFixWhat -Change $c -Undo)) }
        } finally { $ConfirmPreference = 'None' }
        $result.status = 'preview'
        if ($pending.Count -eq 0) { $result.status = 'nothing-to-do' }
        & $publish
        return $result
    }
    if (-not $result.elevated) {
        $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord (New-Object UnauthorizedAccessException 'restoring machine.config and HKLM needs an elevated session (Run as administrator); nothing was changed'), 'AadsyncNotElevated', 'PermissionDenied', $null))
    }
    if ($pending.Count -gt 0) { Assert-AdsFixWritable }
    foreach ($c in $pending) {
        $ConfirmPreference = $ask
        try { $go = $PSCmdlet.ShouldProcess($c.Target, (Get-AdsFixWhat -Change $c -Undo)) } finally { $ConfirmPreference = 'None' }
        if (-not $go) { $c.Status = 'declined'; continue }
        try {
            $r = Restore-AdsFixChange -Change $c
            $c.Status = $r
        } catch { $c.Status = 'failed'; $c.Reason = Get-AdsErrorText $_ }
    }
    & $publish
    $left = @($changes | Where-Object { $_.Status -eq 'failed' -or $_.Status -eq 'changed' -or $_.Status -eq 'declined' })
    $result.status = 'undone'
    if ($left.Count -gt 0) {
        $result.status = 'partly-undone'
        $result.error = (($left | ForEach-Object { "$($_.Target): $($_.Status)$(if ($_.Reason) { ' - ' + $_.Reason })" }) -join '; ')
    }
    if ($changes.Count -eq 0) { $result.status = 'nothing-to-do' }
    # An undo run again after a complete one changes nothing and keeps the first undo's record.
    if ($pending.Count -eq 0 -and $null -ne (Get-AdsProp $journal 'undo')) { return $result }
    # The journal records the undo (the whole file again, atomically).
    $record = [ordered]@{}
    foreach ($p in $journal.PSObject.Properties) { $record[$p.Name] = $p.Value }
    $record.undo = [ordered]@{ at = (Format-AdsDate (Get-Date)); user = [string](Get-AdsCurrentIdentity).Name; status = $result.status; error = $result.error; changes = $result.changes; restart = $null }
    if ($result.status -eq 'undone') { $record.status = 'undone' } elseif ($result.status -eq 'partly-undone') { $record.status = 'partly-undone' }
    Save-AdsFixJournal -Journal $record -Path $JournalPath
    if ($RestartService -and $result.status -ne 'nothing-to-do') {
        $ConfirmPreference = $ask
        try { $result.restart = Restart-AADSyncService -TimeoutSeconds $RestartTimeoutSeconds } finally { $ConfirmPreference = 'None' }
        $record.undo.restart = $result.restart
        Save-AdsFixJournal -Journal $record -Path $JournalPath
    }
    return $result
}
