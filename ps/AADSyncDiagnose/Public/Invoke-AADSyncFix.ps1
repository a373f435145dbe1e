function Invoke-AADSyncFix {
    <#
    .SYNOPSIS
        Applies a fix plan to this Azure AD Connect server: the machine.config proxy section and the .NET
        TLS 1.2 registry values, with backups, a journal and an undo. -WhatIf shows the exact diffs.

    .DESCRIPTION
        Reads the plan (what to change: New-AADSyncFixPlan builds one, aadsync-diagnose fix writes one)
        and works out every change from the files and values as they are now:

        - machine.config of Framework64 and Framework: the <system.net><defaultProxy> section with the
          plan's proxy address (and useDefaultCredentials, bypass list). An existing section is edited in
          place, a missing one is added inside the existing <system.net>, and only a file without one gets
          a new <system.net> just before </configuration>; never a second section. The file keeps its
          encoding, BOM, line ends and every other byte. The result is parsed back and checked (one
          section, a valid http://host:port address, valid bypass regular expressions) before it replaces
          the original in one atomic step; the original stays beside it as
          machine.config.aadsync-diagnose-<id>.bak.
        - SchUseStrongCrypto and SystemDefaultTlsVersions = 1 (REG_DWORD) under
          HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319, 64-bit and 32-bit views; the journal keeps
          each previous value, or that it did not exist.

        -WhatIf is the preview: every change with its unified diff, nothing written. Without -WhatIf each
        change is confirmed (ConfirmImpact High; -Confirm:$false or -Force skip the question) and needs
        an elevated session. Nothing is changed when any planned change cannot be made (a file that must
        be fixed by hand is named with the reason). If a change fails, the ones already made are rolled
        back, so the server is as before. The journal (OutDir\aadsync-fix-<host>-<id>\journal.json) is
        written before the first change and after each one; Undo-AADSyncFix takes it back.

        Returns the result (mode, status, changes with their diffs, journal path, restart).

    .PARAMETER PlanPath
        A plan file (JSON, schema aadsync-diagnose/fix-plan@1).

    .PARAMETER Plan
        A plan object (from New-AADSyncFixPlan, or ConvertFrom-Json of a plan file).

    .PARAMETER OutDir
        The folder that receives the journal folder. Needed to apply; not used by -WhatIf.

    .PARAMETER RestartService
        After the changes, restart the ADSync service (Restart-AADSyncService): only when no sync cycle
        runs, waiting up to RestartTimeoutSeconds for one to end. The sync service reads machine.config
        only when it starts.

    .PARAMETER RestartTimeoutSeconds
        How long the restart waits for a running sync cycle to end (default 600).

    .PARAMETER Force
        Do not ask for confirmation (unless -Confirm is given too).

    .PARAMETER SimulationPath
        Test and demo only: a simulated server (a copy of a scenario folder, marked as such). Every read
        and write of the machine goes to it. Never use it on a real server.

    .EXAMPLE
        New-AADSyncFixPlan -ProxyAddress proxy.contoso.com:8080 | Invoke-AADSyncFix -WhatIf

        Shows the diff of both machine.config files, changes nothing.

    .EXAMPLE
        Invoke-AADSyncFix -PlanPath .\plan.json -OutDir C:\Temp\aadsync -RestartService

        Applies the plan after asking for each change, then restarts ADSync when no sync cycle runs.

    .OUTPUTS
        System.Collections.Specialized.OrderedDictionary (schema aadsync-diagnose/fix-result@1).

    .LINK
        https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-install-prerequisites
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High', DefaultParameterSetName = 'Path')]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'Path')][string]$PlanPath,
        [Parameter(Mandatory = $true, ParameterSetName = 'Object', ValueFromPipeline = $true)]$Plan,
        [string]$OutDir,
        [switch]$RestartService,
        [ValidateRange(0, 86400)][int]$RestartTimeoutSeconds = 600,
        [switch]$Force,
        [string]$SimulationPath = ''
    )
    process {
        $ErrorActionPreference = 'Stop'
        # -WhatIf decides the ShouldProcess calls below (PowerShell keeps it for them) and nothing else:
        # enabling the simulator or writing the result must not be skipped as "What if".
        $preview = [bool]$WhatIfPreference
        $WhatIfPreference = $false
        if ($Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
        # Likewise -Confirm (and ConfirmImpact High) is for the ShouldProcess calls: $ask is restored around
        # each of them, and the cmdlets underneath (New-Item, Remove-Item, Restart-Service) never ask.
        $ask = $ConfirmPreference
        $ConfirmPreference = 'None'
        try {
            if ($PSCmdlet.ParameterSetName -eq 'Path') {
                if (-not (Test-Path -LiteralPath $PlanPath -PathType Leaf)) { throw "the plan file '$PlanPath' does not exist" }
                $Plan = [IO.File]::ReadAllText($PlanPath) | ConvertFrom-Json
            }
            $checked = ConvertTo-AdsFixPlan -Plan $Plan
        } catch {
            $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord (New-Object ArgumentException (Get-AdsErrorText $_)), 'AadsyncBadPlan', 'InvalidArgument', $PlanPath))
        }
        if ($SimulationPath) { Enable-AdsFixSimulatorForSession -ServerPath $SimulationPath }

        $result = New-AdsFixResult -Mode 'apply' -Elevated ([bool](Test-AdsElevated)) -Simulated ([bool]$SimulationPath) -HostName (Get-AdsComputerName)
        $changes = @()
        if ($checked.MachineConfig) {
            $fileChanges = Get-AdsMachineConfigChanges -Section $checked.MachineConfig -Frameworks $checked.MachineConfig.Frameworks
            $changes += $fileChanges
            $result.notes = @(Get-AdsServiceAccountSettingsNote)
        }
        if ($checked.Tls12) {
            $valueChanges = Get-AdsTlsChanges -Views $checked.Tls12.Views
            $changes += $valueChanges
        }
        $pending = @($changes | Where-Object { $_.Status -eq 'pending' })
        $refused = @($changes | Where-Object { $_.Status -eq 'refused' })
        $publish = { $result.changes = @($changes | ForEach-Object { ConvertTo-AdsFixChangeRecord -Change $_ }) }

        if ($preview) {
            $result.mode = 'preview'
            $ConfirmPreference = $ask
            try {
                foreach ($c in $pending) { [void]$PSCmdlet.ShouldProcess($c.Target, (Get-AdsFixWhat -Change $c)) }
                if ($RestartService) { [void]$PSCmdlet.ShouldProcess('service ADSync', 'Restart it when no sync cycle runs (it reads machine.config only when it starts)') }
            } finally { $ConfirmPreference = 'None' }
            $result.status = 'preview'
            if ($refused.Count -gt 0) { $result.status = 'refused'; $result.error = 'nothing would be changed: ' + (($refused | ForEach-Object { "$($_.Target): $($_.Reason)" }) -join '; ') }
            elseif ($pending.Count -eq 0) { $result.status = 'nothing-to-do' }
            & $publish
            return $result
        }

        if (-not $result.elevated) {
            $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord (New-Object UnauthorizedAccessException 'changing machine.config and HKLM needs an elevated session (Run as administrator); nothing was changed'), 'AadsyncNotElevated', 'PermissionDenied', $null))
        }
        & $publish
        if ($refused.Count -gt 0) {
            $result.status = 'refused'
            $result.error = 'nothing was changed: ' + (($refused | ForEach-Object { "$($_.Target): $($_.Reason)" }) -join '; ')
            return $result
        }
        if ($pending.Count -eq 0) {
            $result.status = 'nothing-to-do'
            if ($RestartService) { $ConfirmPreference = $ask; try { $result.restart = Restart-AADSyncService -TimeoutSeconds $RestartTimeoutSeconds } finally { $ConfirmPreference = 'None' } }
            return $result
        }
        if (-not $OutDir) {
            $PSCmdlet.ThrowTerminatingError((New-Object System.Management.Automation.ErrorRecord (New-Object ArgumentException 'OutDir is needed to apply (the journal goes there)'), 'AadsyncNoOutDir', 'InvalidArgument', $null))
        }

        Assert-AdsFixWritable
        $id = New-AdsFixId
        $me = Get-AdsCurrentIdentity
        $journalDir = New-AdsFixJournalFolder -OutDir $OutDir -HostName $result.host -Id $id
        $journalPath = Join-Path $journalDir 'journal.json'
        $result.journalPath = $journalPath
        $journal = [ordered]@{
            schema = $script:AdsFixJournalSchema; id = $id; host = $result.host; user = [string]$me.Name; simulated = $result.simulated
            startedAt = (Format-AdsDate (Get-Date)); finishedAt = $null; status = 'applying'; error = $null
            plan = (ConvertTo-AdsFixPlanRecord -Plan $checked); changes = @(); restart = $null; undo = $null
        }
        $save = {
            & $publish
            $journal.changes = $result.changes
            Save-AdsFixJournal -Journal $journal -Path $journalPath
        }
        & $save
        $applied = New-Object System.Collections.Generic.List[object]
        $current = $null
        try {
            foreach ($c in $pending) {
                $current = $c
                $ConfirmPreference = $ask
                try { $go = $PSCmdlet.ShouldProcess($c.Target, (Get-AdsFixWhat -Change $c)) } finally { $ConfirmPreference = 'None' }
                if (-not $go) { $c.Status = 'declined'; & $save; continue }
                Write-Verbose "Applying: $($c.Target)"
                Invoke-AdsFixChange -Change $c -Id $id
                $applied.Add($c)
                & $save
            }
            $current = $null
            $journal.status = 'applied'
            if ($applied.Count -eq 0) { $journal.status = 'declined' }
        } catch {
            $err = Get-AdsErrorText $_
            if ($current -and $current.Status -ne 'applied') { $current.Status = 'failed'; $current.Reason = $err }
            $journal.status = 'rolled-back'
            for ($i = $applied.Count - 1; $i -ge 0; $i--) {
                $a = $applied[$i]
                try { [void](Restore-AdsFixChange -Change $a); Remove-AdsFixBackup -Change $a; $a.Status = 'rolled-back' }
                catch { $a.Status = 'rollback-failed'; $a.Reason = Get-AdsErrorText $_; $journal.status = 'rollback-failed' }
            }
            # A change that failed after it swapped the file in (its check afterwards) is rolled back too.
            if ($current -and $current.Status -eq 'applied') {
                try { [void](Restore-AdsFixChange -Change $current); Remove-AdsFixBackup -Change $current; $current.Status = 'rolled-back'; $current.Reason = $err }
                catch { $current.Status = 'rollback-failed'; $current.Reason = "$err; rollback: $(Get-AdsErrorText $_)"; $journal.status = 'rollback-failed' }
            }
            $journal.error = $err
        }
        $journal.finishedAt = Format-AdsDate (Get-Date)
        & $save
        $result.status = $journal.status
        $result.error = $journal.error
        if ($journal.status -eq 'applied' -and $RestartService) {
            $ConfirmPreference = $ask
            try { $result.restart = Restart-AADSyncService -TimeoutSeconds $RestartTimeoutSeconds } finally { $ConfirmPreference = 'None' }
            $journal.restart = $result.restart
            & $save
        }
        return $result
    }
}
