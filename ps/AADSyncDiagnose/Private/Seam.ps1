# Seam.ps1 - THE SEAM: the only functions of the collector that read the machine.
#
# Everything else in the module works on what these return. The simulator (ps/simulator) replaces
# exactly the functions named in $script:AdsSeam through Set-AdsSeam, and defines the cmdlets named
# in $script:AdsCmdletSeam (Get-WinEvent as a global function, the ADSync cmdlets as a stub module
# that Import-AdsADSyncModule imports); Pester tests mock the same names. A function that reads the
# machine and is not listed here is a bug: test/ps/Module.Tests.ps1 checks the list against this file.

$script:AdsSeam = @(
    'Get-AdsKnownFolder', 'Get-AdsComputerName', 'Test-AdsElevated', 'Get-AdsCurrentIdentity',
    'ConvertTo-AdsSid', 'ConvertFrom-AdsSid', 'Get-AdsRegistryValues', 'Get-AdsRegistrySubKeyNames',
    'Invoke-AdsNetshWinHttp', 'Get-AdsServiceInfo', 'Get-AdsProcessStartTime', 'Get-AdsFileInfo',
    'Get-AdsChildFiles', 'Copy-AdsFile', 'Get-AdsFileProductVersion', 'Get-AdsEnvironmentVariables',
    'Import-AdsADSyncModule'
)
# Cmdlets the collector calls directly; the simulator provides stand-ins with the real parameter names.
$script:AdsCmdletSeam = @(
    'Get-WinEvent', 'Get-ADSyncScheduler', 'Start-ADSyncSyncCycle', 'Get-ADSyncConnectorRunStatus',
    'Get-ADSyncRunProfileResult', 'Get-ADSyncConnector',
    # Only for the self-test's -TryTaskPrincipal (not simulated: absent off Windows).
    'New-ScheduledTaskAction', 'New-ScheduledTaskPrincipal', 'New-ScheduledTaskSettingsSet', 'Register-ScheduledTask', 'Unregister-ScheduledTask'
)

function Set-AdsSeam {
    # Replaces seam functions by other implementations (the simulator). Refuses any name that is not
    # in the seam, so nothing else of the collector can be swapped out behind its back.
    param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Implementation)
    foreach ($name in @($Implementation.Keys)) {
        if ($script:AdsSeam -notcontains $name) { throw "not a seam function: $name" }
        Set-Item -Path "function:script:$name" -Value $Implementation[$name]
    }
}

function Get-AdsKnownFolder {
    # SystemRoot / ProgramData / ProgramFiles, from the environment (a wrapper so the simulator can
    # answer with Windows paths on Linux).
    param([Parameter(Mandatory = $true)][ValidateSet('SystemRoot', 'ProgramData', 'ProgramFiles')][string]$Name)
    $value = [Environment]::GetEnvironmentVariable($Name)
    if (-not $value) {
        switch ($Name) {
            'SystemRoot' { $value = 'C:\Windows' }
            'ProgramData' { $value = 'C:\ProgramData' }
            'ProgramFiles' { $value = 'C:\Program Files' }
        }
    }
    return $value
}

function Get-AdsComputerName {
    return [Environment]::MachineName
}

function Test-AdsElevated {
    $principal = New-Object Security.Principal.WindowsPrincipal ([Security.Principal.WindowsIdentity]::GetCurrent())
    return [bool]$principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

function Get-AdsCurrentIdentity {
    # @{ Name = 'CONTOSO\admin'; Sid = 'S-1-5-21-...' }
    $id = [Security.Principal.WindowsIdentity]::GetCurrent()
    return @{ Name = $id.Name; Sid = $id.User.Value }
}

function ConvertTo-AdsSid {
    # Account name (Win32_Service StartName) -> SID string, or $null when it cannot be resolved.
    param([string]$Account)
    if (-not $Account) { return $null }
    switch -Regex ($Account) {
        '^(LocalSystem|NT AUTHORITY\\SYSTEM)$' { return 'S-1-5-18' }
        '^NT AUTHORITY\\LOCAL ?SERVICE$' { return 'S-1-5-19' }
        '^NT AUTHORITY\\NETWORK ?SERVICE$' { return 'S-1-5-20' }
    }
    $name = $Account
    if ($name.StartsWith('.\')) { $name = (Get-AdsComputerName) + $name.Substring(1) }
    try {
        $nt = New-Object Security.Principal.NTAccount $name
        return $nt.Translate([Security.Principal.SecurityIdentifier]).Value
    } catch {
        return $null
    }
}

function ConvertFrom-AdsSid {
    param([string]$Sid)
    try {
        $s = New-Object Security.Principal.SecurityIdentifier $Sid
        return $s.Translate([Security.Principal.NTAccount]).Value
    } catch {
        return $null
    }
}

function Get-AdsRegistryValues {
    # Reads every value of one key. $Key is 'HKLM\...', 'HKCU\...' or 'HKU\...'.
    # Returns an ordered dictionary name -> value (REG_BINARY as byte[]), or $null when the key is absent.
    param([Parameter(Mandatory = $true)][string]$Key)
    $psPath = 'Registry::' + (Expand-AdsHiveName $Key)
    if (-not (Test-Path -LiteralPath $psPath)) { return $null }
    $item = Get-Item -LiteralPath $psPath -ErrorAction Stop
    $values = [ordered]@{}
    foreach ($name in $item.GetValueNames()) {
        # DoNotExpandEnvironmentNames: report what is stored, not what this session would expand.
        $values[$name] = $item.GetValue($name, $null, 'DoNotExpandEnvironmentNames')
    }
    return $values
}

function Get-AdsRegistrySubKeyNames {
    param([Parameter(Mandatory = $true)][string]$Key)
    $psPath = 'Registry::' + (Expand-AdsHiveName $Key)
    if (-not (Test-Path -LiteralPath $psPath)) { return @() }
    return @((Get-Item -LiteralPath $psPath -ErrorAction Stop).GetSubKeyNames())
}

function Invoke-AdsNetshWinHttp {
    # The text of `netsh winhttp show proxy`, lines joined with CRLF as the console shows them.
    $netsh = Join-AdsWinPath (Get-AdsKnownFolder -Name SystemRoot) 'System32\netsh.exe'
    $r = Invoke-AdsNativeCommand -FilePath $netsh -ArgumentList @('winhttp', 'show', 'proxy')
    if ($r.ExitCode -ne 0) { throw "netsh winhttp show proxy exited with code $($r.ExitCode): $($r.Text)" }
    return $r.Text + "`r`n"
}

function Get-AdsServiceInfo {
    # Win32_Service facts of one service, or $null when it is not installed.
    param([Parameter(Mandatory = $true)][string]$Name)
    $svc = Get-CimInstance -ClassName Win32_Service -Filter ("Name='{0}'" -f ($Name -replace "'", "''")) -ErrorAction Stop
    if (-not $svc) { return $null }
    return @{ Name = [string]$svc.Name; State = [string]$svc.State; StartName = [string]$svc.StartName
              ProcessId = [int]$svc.ProcessId; PathName = [string]$svc.PathName; DisplayName = [string]$svc.DisplayName }
}

function Get-AdsProcessStartTime {
    param([Parameter(Mandatory = $true)][int]$ProcessId)
    if ($ProcessId -le 0) { return $null }
    $p = Get-Process -Id $ProcessId -ErrorAction Stop
    return $p.StartTime
}

function Get-AdsFileInfo {
    # @{ FullName; Length; LastWriteTimeUtc } of one file, or $null when absent.
    param([Parameter(Mandatory = $true)][string]$Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { return $null }
    $f = Get-Item -LiteralPath $Path -Force -ErrorAction Stop
    return @{ FullName = $f.FullName; Length = [long]$f.Length; LastWriteTimeUtc = $f.LastWriteTimeUtc }
}

function Get-AdsChildFiles {
    # Files directly in $Directory matching $Filter (wildcard), as Get-AdsFileInfo hashtables.
    param([Parameter(Mandatory = $true)][string]$Directory, [string]$Filter = '*')
    if (-not (Test-Path -LiteralPath $Directory -PathType Container)) { return @() }
    $out = @()
    foreach ($f in @(Get-ChildItem -LiteralPath $Directory -File -Force -ErrorAction Stop)) {
        if ($f.Name -like $Filter) {
            $out += @{ FullName = $f.FullName; Length = [long]$f.Length; LastWriteTimeUtc = $f.LastWriteTimeUtc }
        }
    }
    return $out
}

function Copy-AdsFile {
    # Byte-for-byte copy into the bundle. The source is only read.
    param([Parameter(Mandatory = $true)][string]$Source, [Parameter(Mandatory = $true)][string]$Destination)
    $dir = Split-Path -Parent $Destination
    if (-not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir -Force) }
    # FileShare.ReadWrite: the wizard may still hold its trace log open.
    $in = New-Object IO.FileStream($Source, [IO.FileMode]::Open, [IO.FileAccess]::Read, [IO.FileShare]'ReadWrite, Delete')
    try {
        $out = New-Object IO.FileStream($Destination, [IO.FileMode]::CreateNew, [IO.FileAccess]::Write, [IO.FileShare]::None)
        try { $in.CopyTo($out) } finally { $out.Dispose() }
    } finally { $in.Dispose() }
}

function Get-AdsFileProductVersion {
    param([Parameter(Mandatory = $true)][string]$Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { return $null }
    return [string](Get-Item -LiteralPath $Path -ErrorAction Stop).VersionInfo.ProductVersion
}

function Get-AdsEnvironmentVariables {
    param([Parameter(Mandatory = $true)][ValidateSet('Process', 'User', 'Machine')][string]$Scope)
    $target = [EnvironmentVariableTarget]$Scope
    return [Environment]::GetEnvironmentVariables($target)
}

function Import-AdsADSyncModule {
    # Once per worker. Import-Module -Global so the ADSync cmdlets are visible to every step function.
    param([Parameter(Mandatory = $true)][string]$Path)
    $old = $global:WarningPreference
    try {
        $global:WarningPreference = 'SilentlyContinue'
        Import-Module -Name $Path -Global -DisableNameChecking -ErrorAction Stop -Verbose:$false | Out-Null
    } finally { $global:WarningPreference = $old }
}
