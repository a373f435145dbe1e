# Fix.Seam.ps1 - THE FIX SEAM: the only functions of `fix` that change the machine (and the one that
# says where a Windows path is on this machine). Seam.ps1 holds the reads the fix shares with the
# collector (elevation, host, identity, known folders, the ADSync service and module).
#
# The simulator (ps/simulator/AADSyncFixSimulator.psm1) replaces exactly these functions through
# Set-AdsFixSeam: Windows paths then point into a simulated server's file tree (a copy of a scenario),
# registry values live in its scenario.json, and a restart moves its service start time. Everything
# else of the fix - reading, editing, checking, writing the temporary file, hashing, rolling back - is
# the same code on a real server and in the tests. test/ps/Private/Fix.Seam.Tests.ps1 checks the list
# against this file.

$script:AdsFixSeam = @(
    'Assert-AdsFixWritable', 'Resolve-AdsFixPath', 'Invoke-AdsFixReplace', 'Get-AdsFixRegistryValue', 'Set-AdsFixRegistryValue',
    'Remove-AdsFixRegistryValue', 'Restart-AdsFixService'
)

function Set-AdsFixSeam {
    # Replaces fix seam functions (the simulator). Refuses any other name.
    param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Implementation)
    foreach ($name in @($Implementation.Keys)) {
        if ($script:AdsFixSeam -notcontains $name) { throw "not a fix seam function: $name" }
        Set-Item -Path "function:script:$name" -Value $Implementation[$name]
    }
}

function Assert-AdsFixWritable {
    # Called before the first write of an apply, undo or restart. On a server there is nothing more to
    # check (elevation is checked by the caller); the simulator refuses a folder that is not a marked
    # simulated-server copy, before even a temporary file is written into it.
}

function Resolve-AdsFixPath {
    # Where a Windows path of the server is on this machine: itself, on the server.
    param([Parameter(Mandatory = $true)][string]$Path)
    return $Path
}

function Invoke-AdsFixReplace {
    # Puts $Source in the place of $Destination in one step, the old file becoming $Backup (or gone when
    # $Backup is empty). On Windows File.Replace is ReplaceFile, which keeps the destination's ACL,
    # attributes and creation time (https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-replacefilew);
    # both files must be on one volume, so the caller writes $Source beside $Destination.
    param([Parameter(Mandatory = $true)][string]$Source, [Parameter(Mandatory = $true)][string]$Destination, [string]$Backup)
    # A [string] parameter turns $null into '': File.Replace needs a real null to keep no backup.
    if ($Backup) { [IO.File]::Replace($Source, $Destination, $Backup, $false) }
    else { [IO.File]::Replace($Source, $Destination, [NullString]::Value, $false) }
}

function Get-AdsFixRegistryValue {
    # One HKLM value in one view: @{ KeyExists; Exists; Kind ('DWord', 'String', ...); Value }.
    param([Parameter(Mandatory = $true)][ValidateSet('64', '32')][string]$View, [Parameter(Mandatory = $true)][string]$SubKey,
          [Parameter(Mandatory = $true)][string]$Name)
    $base = Open-AdsFixRegistryBase -View $View
    try {
        $key = $base.OpenSubKey($SubKey, $false)
        if ($null -eq $key) { return @{ KeyExists = $false; Exists = $false; Kind = $null; Value = $null } }
        try {
            if (@($key.GetValueNames()) -notcontains $Name) { return @{ KeyExists = $true; Exists = $false; Kind = $null; Value = $null } }
            $kind = [string]$key.GetValueKind($Name)
            $value = $key.GetValue($Name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
            return @{ KeyExists = $true; Exists = $true; Kind = $kind; Value = $value }
        } finally { $key.Dispose() }
    } finally { $base.Dispose() }
}

function Set-AdsFixRegistryValue {
    # Writes one HKLM value in one view, creating the key when it is missing. Returns @{ KeyCreated }.
    param([Parameter(Mandatory = $true)][ValidateSet('64', '32')][string]$View, [Parameter(Mandatory = $true)][string]$SubKey,
          [Parameter(Mandatory = $true)][string]$Name, [Parameter(Mandatory = $true)][string]$Kind, [Parameter(Mandatory = $true)][AllowEmptyString()]$Value)
    $base = Open-AdsFixRegistryBase -View $View
    try {
        $existing = $base.OpenSubKey($SubKey, $false)
        $created = ($null -eq $existing)
        if ($existing) { $existing.Dispose() }
        $key = $base.CreateSubKey($SubKey)
        try { $key.SetValue($Name, $Value, [Microsoft.Win32.RegistryValueKind]$Kind) } finally { $key.Dispose() }
        return @{ KeyCreated = $created }
    } finally { $base.Dispose() }
}

function Remove-AdsFixRegistryValue {
    # Deletes one HKLM value in one view; with -RemoveKeyIfEmpty also the key, when nothing is left in it
    # (a key this fix created).
    param([Parameter(Mandatory = $true)][ValidateSet('64', '32')][string]$View, [Parameter(Mandatory = $true)][string]$SubKey,
          [Parameter(Mandatory = $true)][string]$Name, [switch]$RemoveKeyIfEmpty)
    $base = Open-AdsFixRegistryBase -View $View
    try {
        $key = $base.OpenSubKey($SubKey, $true)
        if ($null -eq $key) { return }
        $empty = $false
        try {
            if (@($key.GetValueNames()) -contains $Name) { $key.DeleteValue($Name) }
            $empty = (@($key.GetValueNames()).Count -eq 0 -and $key.SubKeyCount -eq 0)
        } finally { $key.Dispose() }
        if ($RemoveKeyIfEmpty -and $empty) { $base.DeleteSubKey($SubKey, $false) }
    } finally { $base.Dispose() }
}

function Restart-AdsFixService {
    # Restarts a service and waits until it runs again. Returns @{ State; StartTime } of the new process.
    param([Parameter(Mandatory = $true)][string]$Name, [ValidateRange(1, 86400)][int]$TimeoutSeconds = 300)
    Restart-Service -Name $Name -Force -ErrorAction Stop -WarningAction SilentlyContinue
    $svc = Get-Service -Name $Name -ErrorAction Stop
    # 'Running' as a string: PowerShell converts it to ServiceControllerStatus, whose assembly 5.1 does not load at start.
    $svc.WaitForStatus('Running', [TimeSpan]::FromSeconds($TimeoutSeconds))
    $info = Get-AdsServiceInfo -Name $Name
    $started = $null
    if ($info -and $info.ProcessId -gt 0) { $started = Get-AdsProcessStartTime -ProcessId $info.ProcessId }
    return @{ State = [string]$info.State; StartTime = $started }
}
