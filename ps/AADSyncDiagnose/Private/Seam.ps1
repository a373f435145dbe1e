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
    $value = $null
    $item = Get-Item -LiteralPath ('Env:' + $Name) -ErrorAction SilentlyContinue
    if ($item) { $value = $item.Value }
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
    if (Test-AdsFullLanguage) { return [Environment]::MachineName }
    return $env:COMPUTERNAME
}

function Test-AdsElevated {
    if (Test-AdsFullLanguage) {
        $principal = New-Object Security.Principal.WindowsPrincipal ([Security.Principal.WindowsIdentity]::GetCurrent())
        return [bool]$principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    }
    # Constrained Language: the token's integrity level, S-1-16-12288 (High) when elevated, from
    # 'whoami /groups' (the SID is the same in every language). UNVERIFIED on a CLM server.
    $r = Invoke-AdsNativeCommand -FilePath (Join-AdsWinPath (Get-AdsKnownFolder -Name SystemRoot) 'System32\whoami.exe') -ArgumentList @('/groups', '/fo', 'csv', '/nh')
    if ($r.ExitCode -ne 0) { throw "whoami /groups exited with code $($r.ExitCode): $($r.Text)" }
    return ($r.Text -match 'S-1-16-(12288|16384)')
}

function Get-AdsCurrentIdentity {
    # @{ Name = 'CONTOSO\admin'; Sid = 'S-1-5-21-...' }
    if (Test-AdsFullLanguage) {
        $id = [Security.Principal.WindowsIdentity]::GetCurrent()
        return @{ Name = $id.Name; Sid = $id.User.Value }
    }
    # Constrained Language: 'whoami /user /fo csv /nh' prints "domain\user","S-1-5-..." (UNVERIFIED on a CLM server).
    $r = Invoke-AdsNativeCommand -FilePath (Join-AdsWinPath (Get-AdsKnownFolder -Name SystemRoot) 'System32\whoami.exe') -ArgumentList @('/user', '/fo', 'csv', '/nh')
    if ($r.ExitCode -ne 0 -or $r.Text -notmatch '^"(?<name>[^"]*)","(?<sid>S-1-[0-9-]+)"') { throw "whoami /user: $($r.Text)" }
    return @{ Name = $Matches['name']; Sid = $Matches['sid'] }
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
    if (-not (Test-AdsFullLanguage)) {
        # Constrained Language: a virtual service account's SID from 'sc.exe showsid <service>' (the SID
        # pattern is the same in every language); other accounts stay unresolved. UNVERIFIED on a CLM server.
        if ($name -match '^NT SERVICE\\(?<svc>[A-Za-z0-9_.-]+)$') {
            $r = Invoke-AdsNativeCommand -FilePath (Join-AdsWinPath (Get-AdsKnownFolder -Name SystemRoot) 'System32\sc.exe') -ArgumentList @('showsid', $Matches['svc'])
            if ($r.Text -match '(S-1-5-80-[0-9-]+)') { return $Matches[1] }
        }
        return $null
    }
    try {
        $nt = New-Object Security.Principal.NTAccount $name
        return $nt.Translate([Security.Principal.SecurityIdentifier]).Value
    } catch {
        return $null
    }
}

function ConvertFrom-AdsSid {
    param([string]$Sid)
    # Constrained Language cannot translate SIDs (.NET Security types): the user stays unknown.
    if (-not (Test-AdsFullLanguage)) { return $null }
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
    $values = [ordered]@{}
    if (-not (Test-AdsFullLanguage)) {
        # Constrained Language: Get-ItemProperty (REG_EXPAND_SZ values come back expanded here).
        $props = Get-ItemProperty -LiteralPath $psPath -ErrorAction Stop
        foreach ($p in $props.PSObject.Properties) {
            if ($p.Name -in 'PSPath', 'PSParentPath', 'PSChildName', 'PSDrive', 'PSProvider') { continue }
            $values[$p.Name] = $p.Value
        }
        return $values
    }
    $item = Get-Item -LiteralPath $psPath -ErrorAction Stop
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
    # Get-ChildItem -Name: the subkey names, in both language modes.
    return @(Get-ChildItem -LiteralPath $psPath -Name -ErrorAction Stop)
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
    if (-not (Test-AdsFullLanguage)) {
        # Constrained Language: Copy-Item (it fails on a trace log the wizard holds open for writing,
        # where the FileStream below shares it). Never over an existing file.
        if (Test-Path -LiteralPath $Destination) { throw "the bundle already has $Destination" }
        Copy-Item -LiteralPath $Source -Destination $Destination -ErrorAction Stop
        return
    }
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
    if (Test-AdsFullLanguage) {
        $target = [EnvironmentVariableTarget]$Scope
        return [Environment]::GetEnvironmentVariables($target)
    }
    # Constrained Language: the Env: drive, and the registry keys .NET reads for User and Machine.
    $out = @{}
    if ($Scope -eq 'Process') {
        foreach ($i in @(Get-ChildItem -LiteralPath 'Env:')) { $out[$i.Name] = [string]$i.Value }
        return $out
    }
    $key = 'HKCU\Environment'
    if ($Scope -eq 'Machine') { $key = 'HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment' }
    $v = Get-AdsRegistryValues -Key $key
    if ($null -ne $v) { foreach ($k in @($v.Keys)) { $out[$k] = [string]$v[$k] } }
    return $out
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
