#Requires -Version 5.1
# AADSyncDiagnose.psm1 - the functions of the aadsync-diagnose collector.
#
# Runs on Windows PowerShell 5.1 (the ADSync module is a Windows PowerShell module). Tested on pwsh 7
# with stubs, so: no PS7-only syntax or cmdlets, ASCII only (see docs/DEVELOPING.md).
#
# Layout of this file:
#   1. OS wrappers      - the ONLY functions that touch the machine (registry, netsh, services, files,
#                         events). Tests mock them; the simulator (ps/simulator) replaces them.
#   2. Output helpers   - JSON, UTF-8 files, dates, progress lines, safe bundle paths.
#   3. Steps            - preflight, proxy-config, sync-cycle, events, traces, probes. Each takes the
#                         run context (a hashtable) and returns @{ status; error; notes; data }.
#   4. Bounded runner   - runs a step in a worker runspace that can be stopped (or abandoned) on timeout.
#
# Nothing here changes the server except Start-ADSyncSyncCycle in the sync-cycle step.

Set-StrictMode -Version 2.0

$script:SchemaPrefix = 'aadsync-diagnose'
$script:Utf8NoBom = New-Object System.Text.UTF8Encoding $false
$script:InternetSettingsKey = 'Software\Microsoft\Windows\CurrentVersion\Internet Settings'
$script:ProxyEnvNames = @('HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY')
# Classic Application-log sources of the sync engine, writeback and Connect Health (knowledge.md 4.1).
# The Health agent's source names are not enumerated by any source: a wildcard catches them.
$script:EventProviders = @('ADSync', 'Directory Synchronization', 'PasswordResetService', 'AzureADConnectHealth*')
# Characters XML 1.0 does not allow, removed from rendered messages (compiled once: used per event).
$script:XmlControlChars = New-Object System.Text.RegularExpressions.Regex '[\x00-\x08\x0B\x0C\x0E-\x1F]', ([System.Text.RegularExpressions.RegexOptions]::Compiled)

# ---------------------------------------------------------------------------------------------------
# 1. OS wrappers
# ---------------------------------------------------------------------------------------------------

function Join-AdsWinPath {
    # Joins Windows paths as strings: Join-Path would insist that the drive exists, which breaks the
    # simulator on Linux and needlessly touches the file system on Windows.
    param([Parameter(Mandatory = $true)][string]$Parent, [Parameter(Mandatory = $true)][string]$Child)
    return $Parent.TrimEnd('\') + '\' + $Child.TrimStart('\')
}

function Split-AdsWinPath {
    # Parent folder (or -Leaf: the name) of a Windows path, as strings.
    param([Parameter(Mandatory = $true)][string]$Path, [switch]$Leaf)
    $p = $Path.TrimEnd('\')
    $i = $p.LastIndexOf('\')
    if ($Leaf) { return $p.Substring($i + 1) }
    if ($i -lt 0) { return '' }
    return $p.Substring(0, $i)
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

function Expand-AdsHiveName {
    param([string]$Key)
    $k = $Key -replace '^HKLM\\', 'HKEY_LOCAL_MACHINE\' -replace '^HKCU\\', 'HKEY_CURRENT_USER\' -replace '^HKU\\', 'HKEY_USERS\'
    return $k
}

function Invoke-AdsNetshWinHttp {
    # The text of `netsh winhttp show proxy`, lines joined with CRLF as the console shows them.
    $netsh = Join-AdsWinPath (Get-AdsKnownFolder -Name SystemRoot) 'System32\netsh.exe'
    $lines = & $netsh winhttp show proxy 2>&1
    $exit = $LASTEXITCODE
    $text = (@($lines) | ForEach-Object { [string]$_ }) -join "`r`n"
    if ($exit -ne 0) { throw "netsh winhttp show proxy exited with code ${exit}: $text" }
    return $text + "`r`n"
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

# Events kept per provider and run: a busy server logs a 906 every 30 minutes per connector, so this
# is weeks of them; the cap bounds the bundle on a server that logs thousands an hour.
$script:MaxEventsPerProvider = 20000

function Get-AdsWinEvents {
    # Get-WinEvent with a FilterHashtable (filtered in the event-log service, never Where-Object).
    # "No events were found" is an empty result; anything else throws.
    param([Parameter(Mandatory = $true)][hashtable]$FilterHashtable, [int]$MaxEvents = $script:MaxEventsPerProvider)
    try {
        return @(Get-WinEvent -FilterHashtable $FilterHashtable -MaxEvents $MaxEvents -ErrorAction Stop)
    } catch {
        $fqid = [string]$_.FullyQualifiedErrorId
        # windows-facts 5: match the id, never the (localized) text.
        if ($fqid -like 'NoMatchingEventsFound*') { return @() }
        # A provider that is not registered on this machine (no writeback, no Health agent): also empty.
        # The id is an assumption (UNVERIFIED); the message check is the English fallback.
        if ($fqid -like 'NoMatchingProvidersFound*' -or $fqid -like '*ProviderNotFound*' -or
            [string]$_.Exception.Message -like 'There is not an event provider*') { return @() }
        throw
    }
}

# ---------------------------------------------------------------------------------------------------
# 2. Output helpers
# ---------------------------------------------------------------------------------------------------

function Format-AdsDate {
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('o') }
    if ($Value -is [DateTimeOffset]) { return $Value.UtcDateTime.ToString('o') }
    return [string]$Value
}

function ConvertTo-AdsJson {
    # The one JSON writer: dates must already be strings (Format-AdsDate).
    param([Parameter(Mandatory = $true)][AllowNull()]$InputObject)
    return (ConvertTo-Json -InputObject $InputObject -Depth 10 -Compress)
}

function Resolve-AdsBundlePath {
    # A path inside the bundle. Refuses anything that would leave it.
    param([Parameter(Mandatory = $true)][string]$OutDir, [Parameter(Mandatory = $true)][string]$RelativePath)
    if ($RelativePath -match '(^|[\\/])\.\.([\\/]|$)' -or [IO.Path]::IsPathRooted($RelativePath) -or $RelativePath -match ':') {
        throw "refusing to write outside the bundle: '$RelativePath'"
    }
    $parts = $RelativePath -split '[\\/]'
    $full = $OutDir
    foreach ($p in $parts) { if ($p) { $full = Join-Path $full $p } }
    return $full
}

function Write-AdsTextFile {
    # UTF-8 without BOM, the whole file at once (a crash leaves either the old file or the new one).
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text)
    $dir = Split-Path -Parent $Path
    if ($dir -and -not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir -Force) }
    $tmp = $Path + '.partial'
    [IO.File]::WriteAllText($tmp, $Text, $script:Utf8NoBom)
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
    [IO.File]::Move($tmp, $Path)
}

function Write-AdsBundleJson {
    param([Parameter(Mandatory = $true)][hashtable]$Context, [Parameter(Mandatory = $true)][string]$RelativePath,
          [Parameter(Mandatory = $true)]$Object)
    $path = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $RelativePath
    Write-AdsTextFile -Path $path -Text (ConvertTo-AdsJson -InputObject $Object)
}

function Write-AdsProgress {
    # One machine-readable line per step event on stdout; the TypeScript driver parses these.
    param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Event)
    [Console]::Out.WriteLine('##aadsync ' + (ConvertTo-AdsJson -InputObject $Event))
    [Console]::Out.Flush()
}

function Get-AdsProp {
    # A property of an object whose exact shape is not documented (ADSync classes), or $null.
    param($Object, [string]$Name)
    if ($null -eq $Object) { return $null }
    # The comma keeps arrays (a REG_BINARY byte[], RunStepResults) from being unrolled on return.
    if ($Object -is [System.Collections.IDictionary]) {
        if ($Object.Contains($Name)) { return , $Object[$Name] }
        return $null
    }
    $p = $Object.PSObject.Properties[$Name]
    if ($p) { return , $p.Value }
    return $null
}

function Get-AdsErrorText {
    param($ErrorRecord)
    if ($null -eq $ErrorRecord) { return $null }
    $ex = $ErrorRecord
    if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $ex = $ErrorRecord.Exception }
    if ($ex -is [System.Management.Automation.MethodInvocationException] -and $ex.InnerException) { $ex = $ex.InnerException }
    $msg = [string]$ex.Message
    if ($ex -is [Exception] -and $ex.InnerException -and $msg -notmatch [regex]::Escape([string]$ex.InnerException.Message)) {
        $msg = $msg + ' ---> ' + [string]$ex.InnerException.Message
    }
    return ($msg -replace '\s+', ' ').Trim()
}

function Get-AdsFileSha256 {
    param([Parameter(Mandatory = $true)][string]$Path)
    $sha = [Security.Cryptography.SHA256]::Create()
    $fs = [IO.File]::Open($Path, [IO.FileMode]::Open, [IO.FileAccess]::Read, [IO.FileShare]::ReadWrite)
    try { $hash = $sha.ComputeHash($fs) } finally { $fs.Dispose(); $sha.Dispose() }
    return (($hash | ForEach-Object { $_.ToString('x2') }) -join '')
}

function Get-AdsBundleFileList {
    # Every file of the bundle (except the manifest itself) with size and SHA-256. $Cache avoids
    # re-hashing files that did not change since the last manifest write.
    param([Parameter(Mandatory = $true)][string]$OutDir, [hashtable]$Cache = @{})
    $root = (Resolve-Path -LiteralPath $OutDir).ProviderPath.TrimEnd('\', '/')
    $list = New-Object System.Collections.ArrayList
    foreach ($f in @(Get-ChildItem -LiteralPath $root -Recurse -File -Force | Sort-Object FullName)) {
        $rel = $f.FullName.Substring($root.Length + 1) -replace '\\', '/'
        if ($rel -eq 'manifest.json' -or $rel -like '*.partial') { continue }
        $key = '{0}|{1}|{2}' -f $rel, $f.Length, $f.LastWriteTimeUtc.Ticks
        if (-not $Cache.ContainsKey($key)) { $Cache[$key] = Get-AdsFileSha256 -Path $f.FullName }
        [void]$list.Add([ordered]@{ path = $rel; bytes = [long]$f.Length; sha256 = $Cache[$key] })
    }
    return , $list.ToArray()
}

function ConvertTo-AdsHex {
    param([byte[]]$Bytes)
    if ($null -eq $Bytes) { return $null }
    return (($Bytes | ForEach-Object { $_.ToString('x2') }) -join '')
}

function Save-AdsAdSyncJson {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    Write-AdsBundleJson -Context $Context -RelativePath 'config/adsync.json' -Object $Context.AdSync
}

function New-AdsAdSyncRecord {
    return [ordered]@{
        schema = "$script:SchemaPrefix/adsync@1"; elevated = $null
        module = [ordered]@{ found = $false; path = $null; error = $null }
        service = [ordered]@{ found = $false; name = 'ADSync'; status = $null; account = $null; startTime = $null; error = $null }
        product = [ordered]@{ version = $null }
        scheduler = $null; connectors = @(); configFiles = @()
    }
}

# ---------------------------------------------------------------------------------------------------
# 3. Steps
# ---------------------------------------------------------------------------------------------------

function Find-AdsADSyncModule {
    # The ADSync module: the install directory from the service's Parameters key first (the path the
    # product itself uses), then the classic folder, then renamed Entra Connect folders (UNVERIFIED names).
    $candidates = New-Object System.Collections.ArrayList
    $params = $null
    try { $params = Get-AdsRegistryValues -Key 'HKLM\SYSTEM\CurrentControlSet\Services\ADSync\Parameters' } catch { $params = $null }
    $installDir = Get-AdsProp $params 'Path'
    if ($installDir) { [void]$candidates.Add((Join-AdsWinPath ([string]$installDir) 'Bin\ADSync\ADSync.psd1')) }
    $pf = Get-AdsKnownFolder -Name ProgramFiles
    foreach ($folder in @('Microsoft Azure AD Sync', 'Microsoft Entra Connect Sync', 'Microsoft Entra Sync', 'Microsoft Entra Connect')) {
        [void]$candidates.Add((Join-AdsWinPath $pf "$folder\Bin\ADSync\ADSync.psd1"))
    }
    foreach ($c in $candidates) {
        if (Get-AdsFileInfo -Path $c) {
            $bin = Split-AdsWinPath (Split-AdsWinPath $c)
            return @{ Path = $c; InstallBin = $bin }
        }
    }
    return $null
}

function Import-AdsADSyncModule {
    # Once per worker. Import-Module -Global so the ADSync cmdlets are visible to every step function.
    param([Parameter(Mandatory = $true)][string]$Path)
    $old = $global:WarningPreference
    try {
        $global:WarningPreference = 'SilentlyContinue'
        Import-Module -Name $Path -Global -DisableNameChecking -ErrorAction Stop | Out-Null
    } finally { $global:WarningPreference = $old }
}

function Invoke-AdsPreflight {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $ad = $Context.AdSync
    $notes = New-Object System.Collections.ArrayList
    try { $ad.elevated = [bool](Test-AdsElevated) } catch { $ad.elevated = $null; [void]$notes.Add('elevation unknown: ' + (Get-AdsErrorText $_)) }
    if ($ad.elevated -eq $false) { [void]$notes.Add('not elevated: ADSync cmdlets and other users'' hives may be refused') }
    $Context.Host = Get-AdsComputerName
    $Context.CurrentIdentity = Get-AdsCurrentIdentity

    # Service: account (StartName) and start time (its process).
    try {
        $svc = Get-AdsServiceInfo -Name 'ADSync'
        if ($svc) {
            $ad.service.found = $true
            $ad.service.status = $svc.State
            $ad.service.account = $svc.StartName
            try { $ad.service.startTime = Format-AdsDate (Get-AdsProcessStartTime -ProcessId $svc.ProcessId) }
            catch { $ad.service.error = 'start time unknown: ' + (Get-AdsErrorText $_) }
            if ($svc.PathName -match '^"?(?<exe>[^"]*miiserver\.exe)') { $Context.MiiServerExe = $Matches['exe'] }
        }
    } catch { $ad.service.error = Get-AdsErrorText $_ }

    # Module: found where, imported once.
    $found = Find-AdsADSyncModule
    if ($found) {
        $ad.module.found = $true
        $ad.module.path = $found.Path
        $Context.InstallBin = $found.InstallBin
        if (-not $Context.MiiServerExe) { $Context.MiiServerExe = Join-AdsWinPath $found.InstallBin 'miiserver.exe' }
        try {
            Import-AdsADSyncModule -Path $found.Path
            $Context.ModuleImported = $true
        } catch {
            $ad.module.error = 'import failed: ' + (Get-AdsErrorText $_)
        }
    } else {
        $ad.module.error = 'ADSync.psd1 not found in the install directory (HKLM\SYSTEM\CurrentControlSet\Services\ADSync\Parameters Path) or under Program Files'
    }

    try { if ($Context.MiiServerExe) { $ad.product.version = Get-AdsFileProductVersion -Path $Context.MiiServerExe } }
    catch { [void]$notes.Add('product version unknown: ' + (Get-AdsErrorText $_)) }

    if ($Context.ModuleImported) {
        try {
            $list = New-Object System.Collections.ArrayList
            foreach ($c in @(Get-ADSyncConnector -ErrorAction Stop)) {
                [void]$list.Add([ordered]@{ name = [string](Get-AdsProp $c 'Name'); type = [string](Get-AdsProp $c 'ConnectorTypeName')
                                            identifier = [string](Get-AdsProp $c 'Identifier') })
            }
            $ad.connectors = $list.ToArray()
        } catch { [void]$notes.Add('Get-ADSyncConnector: ' + (Get-AdsErrorText $_)) }
    }
    Save-AdsAdSyncJson -Context $Context
    return @{ status = 'ok'; error = $null; notes = $notes.ToArray() }
}

function Get-AdsInternetSettingsRecord {
    # One wininet.json hive entry. $Root is 'HKCU', 'HKLM' or 'HKU\<sid>'.
    param([string]$Hive, [string]$Root, [string]$User, [string]$Sid)
    $keyPath = "$Root\$script:InternetSettingsKey"
    if ($Root -eq 'HKCU' -and $Sid) { $keyPath = "HKU\$Sid\$script:InternetSettingsKey" }
    $rec = [ordered]@{ hive = $Hive; user = $User; sid = $Sid; keyPath = $keyPath
                       values = [ordered]@{ ProxyEnable = $null; ProxyServer = $null; ProxyOverride = $null; AutoConfigURL = $null; AutoDetect = $null }
                       defaultConnectionSettings = $null; error = $null }
    try {
        $v = Get-AdsRegistryValues -Key "$Root\$script:InternetSettingsKey"
        if ($null -eq $v) { $rec.error = 'key not found'; return $rec }
        foreach ($n in @('ProxyEnable', 'ProxyServer', 'ProxyOverride', 'AutoConfigURL', 'AutoDetect')) {
            if ($v.Contains($n)) { $rec.values[$n] = $v[$n] }
        }
        $conn = Get-AdsRegistryValues -Key "$Root\$script:InternetSettingsKey\Connections"
        $blob = Get-AdsProp $conn 'DefaultConnectionSettings'
        if ($blob -is [byte[]]) { $rec.defaultConnectionSettings = ConvertTo-AdsHex $blob }
    } catch { $rec.error = Get-AdsErrorText $_ }
    return $rec
}

function Invoke-AdsProxyConfig {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $failures = New-Object System.Collections.ArrayList
    $notes = New-Object System.Collections.ArrayList
    $sysRoot = Get-AdsKnownFolder -Name SystemRoot

    # 1. .NET config files, byte for byte, with their modification time (restart-needed check).
    $files = @(
        @{ src = (Join-AdsWinPath $sysRoot 'Microsoft.NET\Framework64\v4.0.30319\Config\machine.config'); rel = 'config/Framework64/machine.config' },
        @{ src = (Join-AdsWinPath $sysRoot 'Microsoft.NET\Framework\v4.0.30319\Config\machine.config'); rel = 'config/Framework/machine.config' }
    )
    $bin = $Context.InstallBin
    if (-not $bin) { $bin = Join-AdsWinPath (Get-AdsKnownFolder -Name ProgramFiles) 'Microsoft Azure AD Sync\Bin' }
    $files += @{ src = (Join-AdsWinPath $bin 'miiserver.exe.config'); rel = 'config/miiserver.exe.config' }
    $configFiles = New-Object System.Collections.ArrayList
    foreach ($f in $files) {
        try {
            $info = Get-AdsFileInfo -Path $f.src
            if (-not $info) { [void]$notes.Add("not present: $($f.src)"); continue }
            Copy-AdsFile -Source $f.src -Destination (Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $f.rel)
            [void]$configFiles.Add([ordered]@{ path = $f.src; bundlePath = $f.rel; lastWriteTimeUtc = (Format-AdsDate $info.LastWriteTimeUtc) })
        } catch { [void]$failures.Add("$($f.src): $(Get-AdsErrorText $_)") }
    }
    $Context.AdSync.configFiles = $configFiles.ToArray()
    Save-AdsAdSyncJson -Context $Context

    # 2. WinHTTP.
    try {
        $text = Invoke-AdsNetshWinHttp
        Write-AdsTextFile -Path (Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath 'config/winhttp.txt') -Text $text
    } catch { [void]$failures.Add('netsh winhttp show proxy: ' + (Get-AdsErrorText $_)) }

    # 3. WinINET: policy, current user, the service account's hive, every other loaded hive.
    try {
        $policyValue = $null
        $pol = Get-AdsRegistryValues -Key "HKLM\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings"
        if ($pol -and $pol.Contains('ProxySettingsPerUser')) { $policyValue = [int]$pol['ProxySettingsPerUser'] }
        $hives = New-Object System.Collections.ArrayList
        $seen = @{}
        $me = $Context.CurrentIdentity
        if (-not $me) { $me = Get-AdsCurrentIdentity }
        [void]$hives.Add((Get-AdsInternetSettingsRecord -Hive 'current-user' -Root 'HKCU' -User $me.Name -Sid $me.Sid))
        $seen[[string]$me.Sid] = $true
        $loaded = @(Get-AdsRegistrySubKeyNames -Key 'HKU')
        $account = $Context.AdSync.service.account
        if ($account) {
            $sid = ConvertTo-AdsSid -Account $account
            if (-not $sid) {
                [void]$hives.Add([ordered]@{ hive = 'service-account'; user = $account; sid = $null; keyPath = $null; values = $null
                                             defaultConnectionSettings = $null; error = 'the account name could not be resolved to a SID' })
            } elseif ($loaded -contains $sid) {
                [void]$hives.Add((Get-AdsInternetSettingsRecord -Hive 'service-account' -Root "HKU\$sid" -User $account -Sid $sid))
                $seen[$sid] = $true
            } else {
                # Loading a hive would change the server; say why it is missing instead.
                [void]$hives.Add([ordered]@{ hive = 'service-account'; user = $account; sid = $sid; keyPath = "HKU\$sid\$script:InternetSettingsKey"; values = $null
                                             defaultConnectionSettings = $null; error = 'hive not loaded (the account has no running process or profile loaded); not loaded by this tool' })
            }
        }
        foreach ($name in $loaded) {
            if ($name -notmatch '^S-1-5-(18|19|20|21-[0-9-]+|80-[0-9-]+)$') { continue }
            if ($seen.ContainsKey($name)) { continue }
            $seen[$name] = $true
            [void]$hives.Add((Get-AdsInternetSettingsRecord -Hive "loaded:$name" -Root "HKU\$name" -User (ConvertFrom-AdsSid -Sid $name) -Sid $name))
        }
        if ($policyValue -eq 0) {
            # Per-machine proxy settings (policy): .NET reads the blob from HKLM then.
            [void]$hives.Add((Get-AdsInternetSettingsRecord -Hive 'machine' -Root 'HKLM' -User $null -Sid $null))
        }
        Write-AdsBundleJson -Context $Context -RelativePath 'config/wininet.json' -Object ([ordered]@{
            schema = "$script:SchemaPrefix/wininet@1"; policy = [ordered]@{ proxySettingsPerUser = $policyValue }; hives = $hives.ToArray() })
    } catch { [void]$failures.Add('WinINET settings: ' + (Get-AdsErrorText $_)) }

    # 4. Proxy environment variables (ignored by .NET Framework, used by other agents).
    try {
        $vars = New-Object System.Collections.ArrayList
        foreach ($scope in @('Process', 'User', 'Machine')) {
            $envs = Get-AdsEnvironmentVariables -Scope $scope
            foreach ($k in @($envs.Keys | Sort-Object)) {
                if ($script:ProxyEnvNames -contains ([string]$k).ToUpperInvariant()) {
                    [void]$vars.Add([ordered]@{ scope = $scope.ToLowerInvariant(); name = [string]$k; value = [string]$envs[$k] })
                }
            }
        }
        Write-AdsBundleJson -Context $Context -RelativePath 'config/environment.json' -Object ([ordered]@{
            schema = "$script:SchemaPrefix/environment@1"; variables = $vars.ToArray() })
    } catch { [void]$failures.Add('environment: ' + (Get-AdsErrorText $_)) }

    $Context.ProxySummary = Get-AdsServiceProxySummary -Context $Context
    if ($failures.Count -gt 0) { return @{ status = 'failed'; error = ($failures -join '; '); notes = $notes.ToArray() } }
    return @{ status = 'ok'; error = $null; notes = $notes.ToArray() }
}

function Get-AdsServiceProxySummary {
    # The proxy the sync service would use, for the probe hook: miiserver.exe.config overrides
    # machine.config (Framework64). A coarse reading; the analyzer does the real resolution.
    param([hashtable]$Context)
    foreach ($pair in @(@('config/miiserver.exe.config', 'miiserver.exe.config'), @('config/Framework64/machine.config', 'machine.config (Framework64)'))) {
        $path = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $pair[0]
        if (-not (Test-Path -LiteralPath $path)) { continue }
        try {
            $xml = New-Object System.Xml.XmlDocument
            $xml.XmlResolver = $null
            $xml.Load($path)
            $dp = $xml.SelectSingleNode('/configuration/system.net/defaultProxy')
            if ($null -eq $dp) { continue }
            $p = $dp.SelectSingleNode('proxy')
            $address = $null
            if ($p -and $p.Attributes['proxyaddress']) { $address = $p.Attributes['proxyaddress'].Value }
            $udc = $false
            if ($dp.Attributes['useDefaultCredentials']) { $udc = $dp.Attributes['useDefaultCredentials'].Value -eq 'true' }
            $bol = $false
            if ($p -and $p.Attributes['bypassonlocal']) { $bol = $p.Attributes['bypassonlocal'].Value -eq 'true' }
            $bypass = @(@($dp.SelectNodes('bypasslist/add')) | ForEach-Object { $_.GetAttribute('address') } | Where-Object { $_ })
            return [ordered]@{ address = $address; useDefaultCredentials = $udc; bypassOnLocal = $bol; bypassList = $bypass; source = $pair[1] }
        } catch { return [ordered]@{ address = $null; useDefaultCredentials = $false; source = $pair[1]; error = (Get-AdsErrorText $_) } }
    }
    return [ordered]@{ address = $null; useDefaultCredentials = $false; source = 'machine.config (Framework64): no defaultProxy' }
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

function Get-AdsStepErrors {
    # Error text of a run's steps. The shape of RunStepResults is UNVERIFIED (windows-facts 1.4/1.5):
    # read any *Errors string/XML property and non-success StepResult defensively.
    param($Run)
    $errors = New-Object System.Collections.ArrayList
    # Assigned first: Get-AdsProp returns the array as one object, and @() would wrap it again.
    $stepResults = Get-AdsProp $Run 'RunStepResults'
    foreach ($step in $stepResults) {
        if ($null -eq $step) { continue }
        $sr = [string](Get-AdsProp $step 'StepResult')
        foreach ($prop in $step.PSObject.Properties) {
            if ($prop.Name -notlike '*Errors*') { continue }
            $v = $prop.Value
            if ($null -eq $v) { continue }
            $text = $null
            if ($v -is [string]) { $text = $v }
            elseif ($v -is [xml]) { $text = $v.OuterXml }
            else {
                $xmlProp = Get-AdsProp $v 'SyncErrorsXml'
                if ($xmlProp) { $text = [string]$xmlProp }
            }
            if ($text -and $text.Trim()) { [void]$errors.Add($text.Trim()) }
        }
        if ($sr -and $sr -ne 'success' -and $errors.Count -eq 0) { [void]$errors.Add("step $(Get-AdsProp $step 'StepNumber'): $sr") }
    }
    return , $errors.ToArray()
}

function ConvertTo-AdsRunRecord {
    param($Run)
    return [ordered]@{
        RunHistoryId = [string](Get-AdsProp $Run 'RunHistoryId'); RunNumber = (Get-AdsProp $Run 'RunNumber')
        ConnectorName = [string](Get-AdsProp $Run 'ConnectorName'); RunProfileName = [string](Get-AdsProp $Run 'RunProfileName')
        Result = [string](Get-AdsProp $Run 'Result'); StartDate = (Format-AdsDate (Get-AdsProp $Run 'StartDate'))
        EndDate = (Format-AdsDate (Get-AdsProp $Run 'EndDate')); IsRunComplete = (Get-AdsProp $Run 'IsRunComplete')
        StepErrors = (Get-AdsStepErrors -Run $Run)
    }
}

function Save-AdsRunProfileResults {
    # Runs that started at or after $Since (the cycle's start, or the look-back window when no cycle ran).
    param([hashtable]$Context, [datetime]$Since, [string]$Scope)
    $list = New-Object System.Collections.ArrayList
    $sinceUtc = $Since.ToUniversalTime().AddSeconds(-5)
    foreach ($r in @(Get-ADSyncRunProfileResult -NumberRequested 100 -ErrorAction Stop)) {
        if ($null -eq $r) { continue }
        $start = Get-AdsProp $r 'StartDate'
        if ($start -is [datetime] -and $start.ToUniversalTime() -lt $sinceUtc) { continue }
        [void]$list.Add((ConvertTo-AdsRunRecord -Run $r))
    }
    Write-AdsBundleJson -Context $Context -RelativePath 'sync/run-profile-results.json' -Object ([ordered]@{
        schema = "$script:SchemaPrefix/run-profile-results@1"; scope = $Scope; since = (Format-AdsDate $Since.ToUniversalTime()); results = $list.ToArray() })
    return $list.Count
}

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
    elseif ((Get-AdsProp $sched 'StagingModeEnabled') -eq $true) { $reason = 'staging-mode' }
    elseif ((Get-AdsProp $sched 'SchedulerSuspended') -eq $true) { $reason = 'scheduler-suspended' }
    elseif (Test-AdsSyncBusy) { $reason = 'sync-in-progress' }

    $lookBack = (Get-Date).AddHours(-[double]$Context.SinceHours)
    if (-not $reason) {
        $policy = 'Delta'
        if ($requested -eq 'initial') { $policy = 'Initial' }
        $startedAt = (Get-Date)
        try {
            $startErrors = $null
            $r = Start-ADSyncSyncCycle -PolicyType $policy -ErrorAction Stop -ErrorVariable startErrors
            # -ErrorAction Stop makes the cmdlet's WriteError terminating; the error variable also
            # catches a command that writes an error and returns (a proxy function, a stub).
            if ($startErrors -and @($startErrors).Count -gt 0) { throw @($startErrors)[0] }
            $cycle.startResult = [ordered]@{ Result = [string](Get-AdsProp $r 'Result') }
        } catch {
            $text = Get-AdsErrorText $_
            # windows-facts 1.1: "Connector: <name> is busy." - another cycle won the race.
            if ($text -match 'Connector: .* is busy') { $reason = 'sync-in-progress'; $cycle.error = $text }
            else { $cycle.error = $text; & $save; throw }
        }
        if (-not $reason) {
            $cycle.started = $true
            $cycle.startedAt = Format-AdsDate $startedAt
            & $save
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

function Wait-AdsSyncCycle {
    # True when the cycle finished within the bound. Right after Start-ADSyncSyncCycle the scheduler may
    # not report the cycle yet, so "finished" needs: seen busy (or 30 s passed), then not busy.
    param([datetime]$StartedAt, [int]$TimeoutSeconds)
    $deadline = $StartedAt.AddSeconds([Math]::Max(5, $TimeoutSeconds))
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

function Get-AdsSafeFileName {
    param([string]$Name)
    return ($Name -replace '[^A-Za-z0-9 ._-]', '_')
}

function Write-AdsEventFile {
    # One events/Application-<Provider>.xml: each event's ToXml() with <RenderingInfo> (the rendered
    # message, what wevtutil /f:RenderedXml adds) before </Event>, so the message survives off the server.
    # Per event: foreach statements and .NET calls only, straight into one StreamWriter (no pipeline, no
    # function call, no string built for the whole event): a server can hold 100k events in the window.
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][object[]]$Events, [string]$Culture)
    $riOpen = "<RenderingInfo Culture='" + [Security.SecurityElement]::Escape($Culture) + "'><Message>"
    $w = New-Object IO.StreamWriter(($Path + '.partial'), $false, $script:Utf8NoBom, 65536)
    try {
        $w.Write("<?xml version='1.0' encoding='utf-8'?>`r`n<Events>`r`n")
        foreach ($e in $Events) {
            $msg = $null
            try { $msg = [string]$e.Message } catch { $msg = $null }
            $xml = [string]$e.ToXml()
            $i = -1
            if ($msg) { $i = $xml.LastIndexOf('</Event>', [StringComparison]::Ordinal) }
            if ($i -lt 0) { $w.Write($xml); $w.Write("`r`n"); continue }
            $lvl = $null
            try { $lvl = [string]$e.LevelDisplayName } catch { $lvl = $null }
            $w.Write($xml.Substring(0, $i))
            $w.Write($riOpen)
            $w.Write([Security.SecurityElement]::Escape($script:XmlControlChars.Replace($msg, '')))
            $w.Write('</Message>')
            if ($lvl) { $w.Write('<Level>'); $w.Write([Security.SecurityElement]::Escape($lvl)); $w.Write('</Level>') }
            $w.Write('</RenderingInfo>')
            $w.Write($xml.Substring($i))
            $w.Write("`r`n")
        }
        $w.Write("</Events>`r`n")
    } finally { $w.Dispose() }
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
    [IO.File]::Move($Path + '.partial', $Path)
}

function Invoke-AdsEvents {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $since = (Get-Date).AddHours(-[double]$Context.SinceHours)
    $failures = New-Object System.Collections.ArrayList
    $notes = New-Object System.Collections.ArrayList
    $culture = [Globalization.CultureInfo]::CurrentUICulture.Name
    if (-not $culture) { $culture = 'en-US' }
    foreach ($provider in $script:EventProviders) {
        try {
            $events = @(Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = $provider; StartTime = $since })
        } catch { [void]$failures.Add("${provider}: $(Get-AdsErrorText $_)"); continue }
        if ($events.Count -eq 0) { [void]$notes.Add("${provider}: none"); continue }
        # Get-WinEvent returns the newest first, so -MaxEvents keeps the newest: say that older events
        # of the window were left out, so nobody reads the bundle as the whole window.
        if ($events.Count -ge $script:MaxEventsPerProvider) {
            [void]$notes.Add("${provider}: only the newest $($script:MaxEventsPerProvider) events of the look-back window were collected; older ones exist (use a shorter -SinceHours to see a whole window)")
        }
        # A wildcard provider can return several sources: one file per source (in the order first seen),
        # oldest first. Grouped and sorted with .NET collections: Group-Object and Sort-Object cost a
        # pipeline step per event.
        # Case-insensitive, like Group-Object (and like the file names on Windows).
        $groups = New-Object 'System.Collections.Generic.Dictionary[string,System.Collections.Generic.List[object]]' ([StringComparer]::OrdinalIgnoreCase)
        $order = New-Object System.Collections.Generic.List[string]
        foreach ($e in $events) {
            $name = [string]$e.ProviderName
            $list = $null
            if (-not $groups.TryGetValue($name, [ref]$list)) {
                $list = New-Object System.Collections.Generic.List[object]
                $groups.Add($name, $list)
                $order.Add($name)
            }
            $list.Add($e)
        }
        foreach ($name in $order) {
            $group = $groups[$name].ToArray()
            $keys = New-Object 'long[]' $group.Length
            for ($k = 0; $k -lt $group.Length; $k++) { $keys[$k] = [long]$group[$k].RecordId }
            # The non-generic Sort(keys, items, IComparer): with two arguments PowerShell binds the generic
            # overload and sorts a converted copy of the items, leaving $group as it was.
            [Array]::Sort($keys, $group, [System.Collections.Comparer]::DefaultInvariant)
            $rel = 'events/Application-' + (Get-AdsSafeFileName $name) + '.xml'
            $path = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $rel
            $dir = Split-Path -Parent $path
            if (-not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir -Force) }
            Write-AdsEventFile -Path $path -Events $group -Culture $culture
            [void]$notes.Add("${name}: $($group.Length)")
        }
    }
    if ($failures.Count -gt 0) { return @{ status = 'failed'; error = ($failures -join '; '); notes = $notes.ToArray() } }
    return @{ status = 'ok'; error = $null; notes = $notes.ToArray() }
}

function Invoke-AdsTraces {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $sinceUtc = (Get-Date).ToUniversalTime().AddHours(-[double]$Context.SinceHours)
    $dir = Join-AdsWinPath (Get-AdsKnownFolder -Name ProgramData) 'AADConnect'
    $copied = 0
    $failures = New-Object System.Collections.ArrayList
    foreach ($f in @(Get-AdsChildFiles -Directory $dir -Filter 'trace-*.log')) {
        if ($f.LastWriteTimeUtc -lt $sinceUtc) { continue }
        $name = Split-AdsWinPath -Leaf $f.FullName
        try {
            Copy-AdsFile -Source $f.FullName -Destination (Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath ("traces/" + (Get-AdsSafeFileName $name)))
            $copied++
        } catch { [void]$failures.Add("${name}: $(Get-AdsErrorText $_)") }
    }
    if ($failures.Count -gt 0) { return @{ status = 'failed'; error = ($failures -join '; '); notes = @("$copied copied") } }
    return @{ status = 'ok'; error = $null; notes = @("$copied trace log(s) modified in the window") }
}

function Invoke-AdsProbes {
    # Hook for the live probes (ps/Invoke-AADSyncProbes.ps1, written beside the collector by the probes
    # work): if the script is there, it runs in this process with -OutDir <bundle>/probes and
    # -ProxyJson <bundle>/probes/proxy-input.json (the proxy the sync service would use). Probing as the
    # service account (--as-service) is driven by the TypeScript side (src/collect/as-service.ts).
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    if ($Context.NoProbe) { return @{ status = 'skipped'; error = 'not requested (-NoProbe)'; notes = @() } }
    if ($Context.Simulated) { return @{ status = 'skipped'; error = 'simulated server: no live network probes'; notes = @() } }
    $script = $Context.ProbeScript
    if (-not $script -or -not (Test-Path -LiteralPath $script -PathType Leaf)) {
        return @{ status = 'skipped'; error = 'live probes are not available (Invoke-AADSyncProbes.ps1 not found beside the collector)'; notes = @() }
    }
    $probeDir = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath 'probes'
    if (-not (Test-Path -LiteralPath $probeDir)) { [void](New-Item -ItemType Directory -Path $probeDir -Force) }
    # Set by the proxy-config step; absent when that step failed (strict mode: ask before reading).
    $proxy = $null
    if ($Context.ContainsKey('ProxySummary')) { $proxy = $Context.ProxySummary }
    if (-not $proxy) { $proxy = Get-AdsServiceProxySummary -Context $Context }
    $probeInput = [ordered]@{ schema = "$script:SchemaPrefix/probe-input@1"; timeoutMs = 10000 }
    if ($proxy.address) { $probeInput.proxy = $proxy }
    Write-AdsBundleJson -Context $Context -RelativePath 'probes/proxy-input.json' -Object $probeInput
    # In this process (one PowerShell per run): a script called with & keeps its strict mode and
    # $ErrorActionPreference in its own scope, and its `exit N` ends only the script, setting
    # $LASTEXITCODE. Its parameters are data (paths), never code.
    $global:LASTEXITCODE = 0
    try {
        $out = & $script -OutDir $probeDir -As admin -ProxyJson (Join-Path $probeDir 'proxy-input.json') 2>&1
    } catch {
        return @{ status = 'failed'; error = "probe script failed: $($_.Exception.Message)"; notes = @() }
    }
    $code = $LASTEXITCODE
    if ($code -ne 0) {
        $first = @($out | ForEach-Object { [string]$_ } | Where-Object { $_.Trim() }) | Select-Object -First 1
        return @{ status = 'failed'; error = "probe script exited with code ${code}: $first"; notes = @() }
    }
    return @{ status = 'ok'; error = $null; notes = @() }
}

# ---------------------------------------------------------------------------------------------------
# 4. Bounded runner: steps run in a worker runspace the main thread can stop or abandon on timeout.
# ---------------------------------------------------------------------------------------------------

function New-AdsWorker {
    # A runspace with this module (and the simulator, when simulating) imported. $Context is shared
    # by reference: steps record what later steps need (module imported, install dir, proxy summary).
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault()
    $rs = [runspacefactory]::CreateRunspace($iss)
    $rs.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $rs
    $init = {
        param($ModulePath, $SimulatorPath, $ScenarioPath, $Ctx)
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        Import-Module -Name $ModulePath -DisableNameChecking
        if ($SimulatorPath) {
            Import-Module -Name $SimulatorPath -DisableNameChecking
            Enable-AdsSimulation -ScenarioPath $ScenarioPath
        }
        # After a hang forced a new worker: import ADSync again (once per worker).
        # Called inside the module: the simulator replaces module-internal functions, not the exports.
        if ($Ctx.ModuleImported -and $Ctx.AdSync.module.path) {
            & (Get-Module -Name AADSyncDiagnose) { param($p) Import-AdsADSyncModule -Path $p } $Ctx.AdSync.module.path
        }
    }
    [void]$ps.AddScript($init).AddArgument($Context.ModulePath).AddArgument($Context.SimulatorPath).AddArgument($Context.ScenarioPath).AddArgument($Context)
    [void]$ps.Invoke()
    if ($ps.HadErrors -and $ps.Streams.Error.Count -gt 0) { throw ('worker initialisation failed: ' + (Get-AdsErrorText $ps.Streams.Error[0])) }
    return @{ PowerShell = $ps; Runspace = $rs }
}

function Invoke-AdsBoundedStep {
    # Runs "<Function> -Context $Context" in the worker with a time limit.
    # Returns @{ status; error; notes; abandoned } - abandoned = the worker could not be stopped.
    param([Parameter(Mandatory = $true)][hashtable]$Worker, [Parameter(Mandatory = $true)][string]$Function,
          [Parameter(Mandatory = $true)][hashtable]$Context, [hashtable]$Arguments = @{}, [int]$TimeoutSeconds = 600)
    $ps = $Worker.PowerShell
    $ps.Commands.Clear()
    $ps.Streams.ClearStreams()
    $body = {
        param($Fn, $Ctx, $ArgTable)
        $ErrorActionPreference = 'Stop'
        try {
            $r = & $Fn -Context $Ctx @ArgTable
            return , @{ ok = $true; result = $r }
        } catch {
            return , @{ ok = $false; error = (Get-AdsErrorText $_) }
        }
    }
    [void]$ps.AddScript($body).AddArgument($Function).AddArgument($Context).AddArgument($Arguments)
    $handle = $ps.BeginInvoke()
    $done = $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds([Math]::Max(1, $TimeoutSeconds)))
    if (-not $done) {
        # Stop() interrupts script code and well-behaved cmdlets; a cmdlet blocked in native code
        # may ignore it, so wait a little and then leave the worker behind.
        $stop = $ps.BeginStop($null, $null)
        $stopped = $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(5))
        $how = 'stopped'
        if (-not $stopped) { $how = 'it ignored the stop request and was abandoned' }
        return @{ status = 'timeout'; error = "no answer within ${TimeoutSeconds}s; $how"; notes = @(); abandoned = (-not $stopped) }
    }
    try {
        $out = @($ps.EndInvoke($handle))
    } catch {
        return @{ status = 'failed'; error = (Get-AdsErrorText $_); notes = @(); abandoned = $false }
    }
    $res = $null
    if ($out.Count -gt 0) { $res = $out[$out.Count - 1] }
    if ($null -eq $res -or -not ($res -is [hashtable])) { return @{ status = 'failed'; error = 'the step returned nothing'; notes = @(); abandoned = $false } }
    if (-not $res.ok) { return @{ status = 'failed'; error = $res.error; notes = @(); abandoned = $false } }
    $r = $res.result
    $notes = @()
    if (-not ($r -is [System.Collections.IDictionary]) -or -not $r.Contains('status')) { return @{ status = 'failed'; error = 'the step returned no status'; notes = @(); abandoned = $false } }
    if ($r.Contains('notes') -and $r.notes) { $notes = @($r.notes) }
    return @{ status = [string]$r.status; error = $r.error; notes = $notes; abandoned = $false }
}

function Close-AdsWorker {
    param([hashtable]$Worker)
    if (-not $Worker) { return }
    try { $Worker.PowerShell.Dispose() } catch { }
    try { $Worker.Runspace.Dispose() } catch { }
}

Export-ModuleMember -Function *-Ads*
