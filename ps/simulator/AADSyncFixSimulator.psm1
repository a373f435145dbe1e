#Requires -Version 5.1
# AADSyncFixSimulator.psm1 - answers the fix seam (ps/AADSyncDiagnose/Private/Fix.Seam.ps1) from a
# simulated server, so the SAME fix code runs on any OS for `fix --simulate` and for tests.
#
# A simulated server is a copy of a scenario folder (scenarios/<name>) with a marker file
# .aadsync-simulated-server in it; nothing is ever written into a folder without the marker, so a
# shipped scenario cannot be changed by mistake. In it:
#   fs/C/...        the server's files: Windows paths map here, and the real file operations of the fix
#                   (temporary file, File.Replace, backup) run on them
#   scenario.json   "registry": HKLM values (a number is a REG_DWORD, a string a REG_SZ, {"hex": ...}
#                   REG_BINARY, a list REG_MULTI_SZ, {"kind": ..., "value": ...} any other kind);
#                   "service.startTime" moves when the service restarts and "fileTimes" when a file is
#                   written, so a collection afterwards sees what a real server would show.
#                   "fixFaults": failures to inject, each { "op": "replace" | "registry-set" | "restart",
#                   "path": <Windows path> (replace), "name"/"view" (registry-set) }.
#                   "elevated": false makes the session a non-elevated one (the read simulator answers it).

Set-StrictMode -Version 2.0

$script:FixServerPath = $null
$script:MarkerName = '.aadsync-simulated-server'

function Enable-AdsFixSimulation {
    param([Parameter(Mandatory = $true)][string]$ServerPath)
    if (-not (Test-Path -LiteralPath (Join-Path $ServerPath 'scenario.json') -PathType Leaf)) { throw "not a simulated server (no scenario.json): $ServerPath" }
    $script:FixServerPath = $ServerPath
    $target = Get-Module -Name AADSyncDiagnose
    if (-not $target) { throw 'AADSyncDiagnose module not loaded' }
    $map = @{
        'Assert-AdsFixWritable' = ${function:Assert-AdsFixSimWritable}
        'Resolve-AdsFixPath' = ${function:SimResolve-AdsFixPath}
        'Invoke-AdsFixReplace' = ${function:SimInvoke-AdsFixReplace}
        'Get-AdsFixRegistryValue' = ${function:SimGet-AdsFixRegistryValue}
        'Set-AdsFixRegistryValue' = ${function:SimSet-AdsFixRegistryValue}
        'Remove-AdsFixRegistryValue' = ${function:SimRemove-AdsFixRegistryValue}
        'Restart-AdsFixService' = ${function:SimRestart-AdsFixService}
    }
    & $target { param($m) Set-AdsFixSeam -Implementation $m } $map
}

function Assert-AdsFixSimWritable {
    # Writes go only into a marked copy, never into a shipped scenario.
    if (-not (Test-Path -LiteralPath (Join-Path $script:FixServerPath $script:MarkerName) -PathType Leaf)) {
        throw "refusing to change '$($script:FixServerPath)': it is not a simulated-server copy (no $($script:MarkerName) marker)"
    }
}

function Read-AdsFixSimScenario {
    return ([IO.File]::ReadAllText((Join-Path $script:FixServerPath 'scenario.json')) | ConvertFrom-Json)
}

function Save-AdsFixSimScenario {
    param([Parameter(Mandatory = $true)]$Scenario)
    $path = Join-Path $script:FixServerPath 'scenario.json'
    $tmp = $path + '.partial'
    [IO.File]::WriteAllText($tmp, (ConvertTo-Json -InputObject $Scenario -Depth 32), (New-Object System.Text.UTF8Encoding $false))
    Move-Item -LiteralPath $tmp -Destination $path -Force
}

function Set-AdsFixSimProperty {
    # Adds or replaces a property of a scenario object.
    param([Parameter(Mandatory = $true)]$Object, [Parameter(Mandatory = $true)][string]$Name, $Value)
    if ($Object.PSObject.Properties[$Name]) { $Object.$Name = $Value }
    else { $Object | Add-Member -NotePropertyName $Name -NotePropertyValue $Value }
}

function Get-AdsFixSimClock {
    # A time in the scenario's clock for the next simulated event (a write, a restart): each one a second
    # after the previous, all before the scenario's "now", so later collections see them in order.
    param([Parameter(Mandatory = $true)]$Scenario)
    $n = 0
    if ($Scenario.PSObject.Properties['fixClock']) { $n = [int]$Scenario.fixClock }
    $n++
    Set-AdsFixSimProperty -Object $Scenario -Name 'fixClock' -Value $n
    $now = [DateTime]::Parse([string]$Scenario.now, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal')
    return $now.AddSeconds(-600 + $n).ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)
}

function Get-AdsFixSimFault {
    # The first injected fault of this operation, or $null.
    param([Parameter(Mandatory = $true)]$Scenario, [Parameter(Mandatory = $true)][string]$Op, [hashtable]$Match = @{})
    if (-not $Scenario.PSObject.Properties['fixFaults']) { return $null }
    foreach ($f in @($Scenario.fixFaults)) {
        if ([string]$f.op -ne $Op) { continue }
        $all = $true
        foreach ($k in $Match.Keys) {
            if ($f.PSObject.Properties[$k] -and [string]$f.$k -ine [string]$Match[$k]) { $all = $false }
        }
        if ($all) { return $f }
    }
    return $null
}

function ConvertTo-AdsFixSimWindowsPath {
    # The Windows path of a local path under fs/ (for fileTimes and faults).
    param([Parameter(Mandatory = $true)][string]$LocalPath)
    $root = (Join-Path $script:FixServerPath 'fs') + [IO.Path]::DirectorySeparatorChar
    if (-not $LocalPath.StartsWith($root, [StringComparison]::Ordinal)) { return $null }
    $rest = $LocalPath.Substring($root.Length) -split '[\\/]'
    return ($rest[0] + ':\' + (($rest | Select-Object -Skip 1) -join '\'))
}

function SimResolve-AdsFixPath {
    param([Parameter(Mandatory = $true)][string]$Path)
    if ($Path -notmatch '^(?<drive>[A-Za-z]):\\(?<rest>.*)$') { throw "not a Windows path: $Path" }
    $rest = $Matches['rest'].TrimEnd('\') -replace '\\', [IO.Path]::DirectorySeparatorChar
    return (Join-Path (Join-Path (Join-Path $script:FixServerPath 'fs') $Matches['drive'].ToUpperInvariant()) $rest)
}

function SimInvoke-AdsFixReplace {
    param([Parameter(Mandatory = $true)][string]$Source, [Parameter(Mandatory = $true)][string]$Destination, [string]$Backup)
    Assert-AdsFixSimWritable
    $scenario = Read-AdsFixSimScenario
    $win = ConvertTo-AdsFixSimWindowsPath -LocalPath $Destination
    if (Get-AdsFixSimFault -Scenario $scenario -Op 'replace' -Match @{ path = $win }) {
        throw (New-Object System.IO.IOException "The process cannot access the file '$win' because it is being used by another process. (simulated)")
    }
    # A [string] parameter turns $null into '': File.Replace needs a real null to keep no backup.
    if ($Backup) { [IO.File]::Replace($Source, $Destination, $Backup, $false) }
    else { [IO.File]::Replace($Source, $Destination, [NullString]::Value, $false) }
    if ($win) {
        if (-not $scenario.PSObject.Properties['fileTimes']) { Set-AdsFixSimProperty -Object $scenario -Name 'fileTimes' -Value (New-Object PSObject) }
        Set-AdsFixSimProperty -Object $scenario.fileTimes -Name $win -Value (Get-AdsFixSimClock -Scenario $scenario)
        Save-AdsFixSimScenario -Scenario $scenario
    }
}

function Get-AdsFixSimRegistryKey {
    # The scenario's registry key object of a view's subkey (created with -Create), or $null.
    param([Parameter(Mandatory = $true)]$Scenario, [string]$View, [string]$SubKey, [switch]$Create)
    $name = 'HKLM\' + $SubKey
    if ($View -eq '32' -and $SubKey -match '^(?i:SOFTWARE)\\(.*)$') { $name = 'HKLM\SOFTWARE\WOW6432Node\' + $Matches[1] }
    if (-not $Scenario.PSObject.Properties['registry']) {
        if (-not $Create) { return $null }
        Set-AdsFixSimProperty -Object $Scenario -Name 'registry' -Value (New-Object PSObject)
    }
    foreach ($p in $Scenario.registry.PSObject.Properties) { if ($p.Name -ieq $name) { return @{ Name = $p.Name; Key = $p.Value } } }
    if (-not $Create) { return $null }
    $key = New-Object PSObject
    Set-AdsFixSimProperty -Object $Scenario.registry -Name $name -Value $key
    return @{ Name = $name; Key = $key; Created = $true }
}

function SimGet-AdsFixRegistryValue {
    param([string]$View, [string]$SubKey, [string]$Name)
    $k = Get-AdsFixSimRegistryKey -Scenario (Read-AdsFixSimScenario) -View $View -SubKey $SubKey
    if ($null -eq $k) { return @{ KeyExists = $false; Exists = $false; Kind = $null; Value = $null } }
    $p = $null
    foreach ($q in $k.Key.PSObject.Properties) { if ($q.Name -ieq $Name) { $p = $q } }
    if ($null -eq $p) { return @{ KeyExists = $true; Exists = $false; Kind = $null; Value = $null } }
    $v = $p.Value
    if ($v -is [long] -or $v -is [int]) { return @{ KeyExists = $true; Exists = $true; Kind = 'DWord'; Value = [int]([long]$v -band 0xFFFFFFFFL) } }
    if ($v -is [string]) { return @{ KeyExists = $true; Exists = $true; Kind = 'String'; Value = $v } }
    if ($v -is [array]) { return @{ KeyExists = $true; Exists = $true; Kind = 'MultiString'; Value = [string[]]@($v) } }
    if ($v.PSObject.Properties['hex']) {
        $hex = [string]$v.hex
        $bytes = New-Object byte[] ($hex.Length / 2)
        for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring($i * 2, 2), 16) }
        return @{ KeyExists = $true; Exists = $true; Kind = 'Binary'; Value = $bytes }
    }
    return @{ KeyExists = $true; Exists = $true; Kind = [string]$v.kind; Value = $v.value }
}

function SimSet-AdsFixRegistryValue {
    param([string]$View, [string]$SubKey, [string]$Name, [string]$Kind, $Value)
    Assert-AdsFixSimWritable
    $scenario = Read-AdsFixSimScenario
    if (Get-AdsFixSimFault -Scenario $scenario -Op 'registry-set' -Match @{ name = $Name; view = $View }) {
        throw (New-Object System.UnauthorizedAccessException "Requested registry access is not allowed. (simulated: $Name, $View-bit)")
    }
    $k = Get-AdsFixSimRegistryKey -Scenario $scenario -View $View -SubKey $SubKey -Create
    switch ($Kind) {
        'DWord' { $stored = [long]([uint32]([long]$Value -band 0xFFFFFFFFL)) }
        'String' { $stored = [string]$Value }
        'MultiString' { $stored = @([string[]]$Value) }
        'Binary' { $stored = New-Object PSObject -Property @{ hex = ((@([byte[]]$Value) | ForEach-Object { $_.ToString('x2') }) -join '') } }
        default { $stored = New-Object PSObject -Property ([ordered]@{ kind = $Kind; value = $Value }) }
    }
    $existing = $null
    foreach ($q in $k.Key.PSObject.Properties) { if ($q.Name -ieq $Name) { $existing = $q.Name } }
    if ($existing) { $k.Key.$existing = $stored } else { $k.Key | Add-Member -NotePropertyName $Name -NotePropertyValue $stored }
    Save-AdsFixSimScenario -Scenario $scenario
    return @{ KeyCreated = ($k.ContainsKey('Created') -and $k.Created) }
}

function SimRemove-AdsFixRegistryValue {
    param([string]$View, [string]$SubKey, [string]$Name, [switch]$RemoveKeyIfEmpty)
    Assert-AdsFixSimWritable
    $scenario = Read-AdsFixSimScenario
    $k = Get-AdsFixSimRegistryKey -Scenario $scenario -View $View -SubKey $SubKey
    if ($null -eq $k) { return }
    foreach ($q in @($k.Key.PSObject.Properties)) { if ($q.Name -ieq $Name) { $k.Key.PSObject.Properties.Remove($q.Name) } }
    if ($RemoveKeyIfEmpty -and @($k.Key.PSObject.Properties).Count -eq 0) { $scenario.registry.PSObject.Properties.Remove($k.Name) }
    Save-AdsFixSimScenario -Scenario $scenario
}

function SimRestart-AdsFixService {
    param([string]$Name, [int]$TimeoutSeconds)
    Assert-AdsFixSimWritable
    $scenario = Read-AdsFixSimScenario
    if (Get-AdsFixSimFault -Scenario $scenario -Op 'restart') { throw "Service '$Name' cannot be started (simulated)" }
    if (-not $scenario.PSObject.Properties['service']) { throw "Cannot find any service with service name '$Name'." }
    Set-AdsFixSimProperty -Object $scenario.service -Name 'state' -Value 'Running'
    Set-AdsFixSimProperty -Object $scenario.service -Name 'startTime' -Value (Get-AdsFixSimClock -Scenario $scenario)
    Save-AdsFixSimScenario -Scenario $scenario
    return @{ State = 'Running'; StartTime = [DateTime]::UtcNow }
}

Export-ModuleMember -Function Enable-AdsFixSimulation
