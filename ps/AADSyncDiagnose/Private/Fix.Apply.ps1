# Fix.Apply.ps1 - making one change and taking it back, for Invoke-AADSyncFix (apply, and roll back
# on a failure) and Undo-AADSyncFix. Each function checks the state it starts from (the file or value as
# the preview saw it), changes one thing in one step, and checks the state it leaves.

function Write-AdsFixTempFile {
    # $Bytes into a new file, flushed to the disk before the caller swaps it in.
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][AllowEmptyCollection()][byte[]]$Bytes)
    $fs = New-Object IO.FileStream($Path, [IO.FileMode]::CreateNew, [IO.FileAccess]::Write, [IO.FileShare]::None)
    try {
        $fs.Write($Bytes, 0, $Bytes.Length)
        $fs.Flush($true)
    } finally { $fs.Dispose() }
}

function Get-AdsFileSha256OrNull {
    # SHA-256 of a file, or $null when it does not exist.
    param([Parameter(Mandatory = $true)][string]$Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { return $null }
    return (Get-AdsBytesSha256 -Bytes ([IO.File]::ReadAllBytes($Path)))
}

function Get-AdsFixWhat {
    # The operation's words for ShouldProcess ("What if: Performing the operation ... on target ...").
    param([Parameter(Mandatory = $true)][hashtable]$Change, [switch]$Undo)
    if ($Undo) {
        if ($Change.Kind -eq 'file') { return "Restore from $($Change.BackupPath) (byte for byte)" }
        if ([bool](Get-AdsProp $Change.Before 'exists')) { return "Restore $($Change.Name) in $($Change.Key) to its previous value" }
        return "Remove $($Change.Name) from $($Change.Key) (it did not exist before the fix)"
    }
    if ($Change.Kind -eq 'file') { return "Write the <defaultProxy> section ($($Change.Summary)), keeping a backup beside the file" }
    return "Set $($Change.Name) in $($Change.Key) to 1 (REG_DWORD)"
}

function Invoke-AdsFixChange {
    # Makes one pending change. A file: the same bytes as at the preview (SHA-256), the new bytes written
    # to a temporary file beside it and read back, then one atomic replace that turns the original into
    # the backup (<file>.aadsync-diagnose-<id>.bak). A value: as at the preview, then set, then read back.
    # Sets $Change.Status to 'applied' as soon as the machine was changed, so a rollback knows to undo it.
    param([Parameter(Mandatory = $true)][hashtable]$Change, [Parameter(Mandatory = $true)][string]$Id)
    if ($Change.Kind -eq 'file') {
        $local = $Change.LocalPath
        if ((Get-AdsFileSha256OrNull -Path $local) -ne $Change.Before.sha256) { throw "$($Change.Path) changed since the preview; not written" }
        $Change.BackupPath = "$($Change.Path).aadsync-diagnose-$Id.bak"
        $backupLocal = Resolve-AdsFixPath -Path $Change.BackupPath
        if (Test-Path -LiteralPath $backupLocal) { throw "the backup $($Change.BackupPath) already exists; not written" }
        $tmp = "$local.aadsync-diagnose-$Id.tmp"
        try {
            Write-AdsFixTempFile -Path $tmp -Bytes $Change.NewBytes
            if ((Get-AdsFileSha256OrNull -Path $tmp) -ne $Change.After.sha256) { throw "the new $($Change.Target) did not read back as written; not swapped in" }
            Invoke-AdsFixReplace -Source $tmp -Destination $local -Backup $backupLocal
            $Change.Status = 'applied'
        } finally {
            if (Test-Path -LiteralPath $tmp) { Remove-Item -LiteralPath $tmp -Force -ErrorAction SilentlyContinue }
        }
        if ((Get-AdsFileSha256OrNull -Path $local) -ne $Change.After.sha256) { throw "$($Change.Path) does not hold what was written" }
        if ((Get-AdsFileSha256OrNull -Path $backupLocal) -ne $Change.Before.sha256) { throw "the backup $($Change.BackupPath) is not the original file" }
        return
    }
    $now = ConvertTo-AdsRegistryState -Answer (Get-AdsFixRegistryValue -View $Change.View -SubKey $Change.SubKey -Name $Change.Name)
    if (-not (Test-AdsRegistryStateEqual -A $now -B $Change.Before)) { throw "$($Change.Name) in $($Change.Key) changed since the preview; not written" }
    $r = Set-AdsFixRegistryValue -View $Change.View -SubKey $Change.SubKey -Name $Change.Name -Kind ([string]$Change.After.kind) -Value (ConvertFrom-AdsRegistryState -State $Change.After)
    $Change.Status = 'applied'
    $Change.KeyCreated = ([bool]$r.KeyCreated -and -not [bool](Get-AdsProp $Change.Before 'keyExists'))
    $check = ConvertTo-AdsRegistryState -Answer (Get-AdsFixRegistryValue -View $Change.View -SubKey $Change.SubKey -Name $Change.Name)
    if (-not (Test-AdsRegistryStateEqual -A $check -B $Change.After)) { throw "$($Change.Name) in $($Change.Key) does not hold what was written" }
}

function Get-AdsFixRestoreState {
    # Where an applied change stands now: 'after' (as the fix left it: it can be restored), 'before'
    # (already restored), or 'changed' (someone changed it since: not touched).
    param([Parameter(Mandatory = $true)][hashtable]$Change)
    if ($Change.Kind -eq 'file') {
        $sha = Get-AdsFileSha256OrNull -Path $Change.LocalPath
        if ($sha -eq $Change.Before.sha256) { return 'before' }
        if ($sha -eq $Change.After.sha256) { return 'after' }
        return 'changed'
    }
    $now = ConvertTo-AdsRegistryState -Answer (Get-AdsFixRegistryValue -View $Change.View -SubKey $Change.SubKey -Name $Change.Name)
    if (Test-AdsRegistryStateEqual -A $now -B $Change.Before) { return 'before' }
    if (Test-AdsRegistryStateEqual -A $now -B $Change.After) { return 'after' }
    return 'changed'
}

function Restore-AdsFixChange {
    # Takes one applied change back, exactly: the file's bytes from its backup (checked against the
    # SHA-256 the journal holds, swapped in atomically), or the value's previous kind and data, or its
    # absence (and the key, when the fix created it and nothing else is in it). Returns 'restored' or
    # 'already' (it was already as before); throws when the change was changed since.
    param([Parameter(Mandatory = $true)][hashtable]$Change)
    $state = Get-AdsFixRestoreState -Change $Change
    if ($state -eq 'before') { return 'already' }
    if ($state -eq 'changed') {
        if ($Change.Kind -eq 'file') { throw "$($Change.Path) was changed after the fix (it is neither as the fix left it nor as before); restore it by hand from $($Change.BackupPath) if that is still wanted" }
        throw "$($Change.Name) in $($Change.Key) was changed after the fix; not touched"
    }
    if ($Change.Kind -eq 'file') {
        $backupLocal = Resolve-AdsFixPath -Path $Change.BackupPath
        $bytes = $null
        if (Test-Path -LiteralPath $backupLocal -PathType Leaf) { $bytes = [IO.File]::ReadAllBytes($backupLocal) }
        if ($null -eq $bytes -or (Get-AdsBytesSha256 -Bytes $bytes) -ne $Change.Before.sha256) { throw "the backup $($Change.BackupPath) is missing or not the original file; $($Change.Path) not restored" }
        $tmp = "$($Change.LocalPath).aadsync-diagnose-undo-$(New-AdsFixId).tmp"
        try {
            Write-AdsFixTempFile -Path $tmp -Bytes $bytes
            Invoke-AdsFixReplace -Source $tmp -Destination $Change.LocalPath -Backup $null
        } finally {
            if (Test-Path -LiteralPath $tmp) { Remove-Item -LiteralPath $tmp -Force -ErrorAction SilentlyContinue }
        }
    } elseif ([bool](Get-AdsProp $Change.Before 'exists')) {
        [void](Set-AdsFixRegistryValue -View $Change.View -SubKey $Change.SubKey -Name $Change.Name -Kind ([string](Get-AdsProp $Change.Before 'kind')) -Value (ConvertFrom-AdsRegistryState -State $Change.Before))
    } else {
        Remove-AdsFixRegistryValue -View $Change.View -SubKey $Change.SubKey -Name $Change.Name -RemoveKeyIfEmpty:([bool]$Change.KeyCreated)
    }
    if ((Get-AdsFixRestoreState -Change $Change) -ne 'before') { throw "$($Change.Target) is not as before after the restore" }
    return 'restored'
}

function Remove-AdsFixBackup {
    # After a rollback the file is its backup again, byte for byte: the backup goes, so a failed fix
    # leaves the server exactly as it was (an undo keeps its backups: they are the record of the fix).
    param([Parameter(Mandatory = $true)][hashtable]$Change)
    if ($Change.Kind -ne 'file' -or -not $Change.BackupPath) { return }
    $backupLocal = Resolve-AdsFixPath -Path $Change.BackupPath
    if ((Get-AdsFileSha256OrNull -Path $backupLocal) -eq (Get-AdsFileSha256OrNull -Path $Change.LocalPath)) {
        Remove-Item -LiteralPath $backupLocal -Force
        $Change.BackupPath = $null
    }
}

function Get-AdsFixUndoDiff {
    # The diff an undo would make for one applied change: as it is now -> as it was before the fix.
    param([Parameter(Mandatory = $true)][hashtable]$Change)
    if ($Change.Kind -eq 'file') {
        $backupLocal = Resolve-AdsFixPath -Path $Change.BackupPath
        if (-not (Test-Path -LiteralPath $backupLocal -PathType Leaf) -or -not (Test-Path -LiteralPath $Change.LocalPath -PathType Leaf)) { return '' }
        $now = ConvertFrom-AdsFileBytes -Bytes ([IO.File]::ReadAllBytes($Change.LocalPath))
        $was = ConvertFrom-AdsFileBytes -Bytes ([IO.File]::ReadAllBytes($backupLocal))
        return Get-AdsUnifiedDiff -OldText $now.Text -NewText $was.Text -OldLabel $Change.Path -NewLabel "$($Change.Path) (after the undo)"
    }
    $now = ConvertTo-AdsRegistryState -Answer (Get-AdsFixRegistryValue -View $Change.View -SubKey $Change.SubKey -Name $Change.Name)
    $label = "$($Change.Key) ($($Change.View)-bit view)"
    return Get-AdsUnifiedDiff -OldText (Format-AdsRegistryLine -Name $Change.Name -State $now) -NewText (Format-AdsRegistryLine -Name $Change.Name -State $Change.Before) `
        -OldLabel $label -NewLabel "$label, after the undo"
}

function New-AdsFixResult {
    # What Invoke-AADSyncFix / Undo-AADSyncFix return (and the entry script writes as JSON for the
    # driver, schema aadsync-diagnose/fix-result@1).
    param([Parameter(Mandatory = $true)][string]$Mode, [bool]$Elevated, [bool]$Simulated, [string]$HostName)
    return [ordered]@{ schema = 'aadsync-diagnose/fix-result@1'; mode = $Mode; status = $null; elevated = $Elevated; simulated = $Simulated
                       host = $HostName; changes = @(); journalPath = $null; restart = $null; error = $null; notes = @() }
}

function Get-AdsServiceAccountSettingsNote {
    # Why the proxy goes into machine.config and not into the service account's own Internet Options,
    # which some admins set instead (runas ... inetcpl.cpl, or ProxyServer/ProxyEnable under HKU\<SID>).
    # docs/proxy-layers.md has the layers this rests on.
    return ('Some admins give the proxy to the service account''s own Internet Options instead (runas with inetcpl.cpl, or ProxyEnable/ProxyServer ' +
        'under HKU\<its SID>). .NET reads those only when machine.config names no proxy, and only for processes of that one account: it covers the ' +
        'sync service and the wizard''s Configure page, not the wizard''s sign-in page, PowerShell run by an admin, 32-bit tools or the Health agent. ' +
        'It is lost when the service account changes (a custom install, a gMSA, a reinstall), the virtual account NT SERVICE\ADSync cannot sign in ' +
        'to set it, the ProxySettingsPerUser=0 policy makes Windows ignore per-account settings, and nobody reading machine.config - where Microsoft ' +
        'documents the proxy for Azure AD Connect - sees it. machine.config is read by every .NET process on the server under any account, and ' +
        'Azure AD Connect upgrades leave it alone (they replace miiserver.exe.config).')
}
