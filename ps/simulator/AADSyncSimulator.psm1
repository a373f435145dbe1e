#Requires -Version 5.1
# AADSyncSimulator.psm1 - answers the collector's reads of the machine from a scenario folder, so the
# SAME collector (ps/Invoke-AADSyncDiagnose.ps1) runs on any OS for `run --simulate` and for tests.
#
# Enable-AdsSimulation loads a scenario, defines a Get-WinEvent stand-in that behaves like the real cmdlet
# (NoMatchingEventsFound as a non-terminating error, the faults of 'winEventFaults') and returns the
# stand-ins of the collector's seam (registry, netsh, service, files, known folders, identity); the
# collector installs them through its Set-AdsSeam (ps/AADSyncDiagnose/Private/Simulation.ps1). The ADSync cmdlets come from the stub module
# ps/simulator/ADSync, imported by the collector as if it were the real one.
#
# Scenario folder (scenarios/<name>/):
#   scenario.json   host, identity, service, registry, environment, ADSync scheduler/connectors/cycle
#   netsh-winhttp.txt   the text `netsh winhttp show proxy` prints
#   fs/C/...        files of the simulated C: drive (machine.config, miiserver.exe.config, trace logs;
#                   an ADSync.psd1 file there marks the module as installed)
#   events/*.xml    Application events (<Events> root) before the run; cycle-events/*.xml: events the
#                   sync engine writes once the simulated cycle starts.
# Times in the scenario are relative to its "now": they are shifted so that "now" is the real now
# (events stay inside the look-back window whenever the scenario is run).

Set-StrictMode -Version 2.0

$script:StateKey = 'AADSyncDiagnose.Simulation'

function Get-AdsSimState {
    $s = [AppDomain]::CurrentDomain.GetData($script:StateKey)
    if ($null -eq $s) { throw 'simulation not enabled' }
    return $s
}

function Get-AdsSimValue {
    # A property of the parsed scenario JSON, or $Default.
    param($Object, [string]$Name, $Default = $null)
    if ($null -eq $Object) { return $Default }
    $p = $Object.PSObject.Properties[$Name]
    if ($p -and $null -ne $p.Value) { return $p.Value }
    return $Default
}

function ConvertTo-AdsSimTime {
    # A scenario time (ISO string) moved by the scenario shift (or $Shift) into the real present.
    param([string]$Iso, [TimeSpan]$Shift)
    if (-not $Iso) { return $null }
    $t = [DateTime]::Parse($Iso, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal')
    return $t.Add($Shift)
}

function Enable-AdsSimulation {
    param([Parameter(Mandatory = $true)][string]$ScenarioPath)
    $state = [AppDomain]::CurrentDomain.GetData($script:StateKey)
    if ($null -eq $state -or $state.Path -ne $ScenarioPath) {
        # First runspace of the run: load the scenario. Later workers (after a timeout) share the state.
        $json = Get-Content -LiteralPath (Join-Path $ScenarioPath 'scenario.json') -Raw | ConvertFrom-Json
        $scenarioNow = [DateTime]::Parse([string]$json.now, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal')
        $state = [hashtable]::Synchronized(@{
            Path = $ScenarioPath; Scenario = $json; ScenarioNow = $scenarioNow; Shift = ([DateTime]::UtcNow - $scenarioNow)
            CycleStartedAt = $null; CyclePolicy = $null; SchedulerPolls = 0; CycleEvents = @(); NextRecordId = 900000; ScenarioEvents = $null
        })
        [AppDomain]::CurrentDomain.SetData($script:StateKey, $state)
    }
    $map = @{
        'Get-AdsKnownFolder' = ${function:SimGet-AdsKnownFolder}
        'Get-AdsComputerName' = ${function:SimGet-AdsComputerName}
        'Test-AdsElevated' = ${function:SimTest-AdsElevated}
        'Get-AdsCurrentIdentity' = ${function:SimGet-AdsCurrentIdentity}
        'ConvertTo-AdsSid' = ${function:SimConvertTo-AdsSid}
        'ConvertFrom-AdsSid' = ${function:SimConvertFrom-AdsSid}
        'Get-AdsRegistryValues' = ${function:SimGet-AdsRegistryValues}
        'Get-AdsRegistrySubKeyNames' = ${function:SimGet-AdsRegistrySubKeyNames}
        'Invoke-AdsNetshWinHttp' = ${function:SimInvoke-AdsNetshWinHttp}
        'Get-AdsServiceInfo' = ${function:SimGet-AdsServiceInfo}
        'Get-AdsProcessStartTime' = ${function:SimGet-AdsProcessStartTime}
        'Get-AdsFileInfo' = ${function:SimGet-AdsFileInfo}
        'Get-AdsChildFiles' = ${function:SimGet-AdsChildFiles}
        'Copy-AdsFile' = ${function:SimCopy-AdsFile}
        'Get-AdsFileProductVersion' = ${function:SimGet-AdsFileProductVersion}
        'Get-AdsEnvironmentVariables' = ${function:SimGet-AdsEnvironmentVariables}
        'Import-AdsADSyncModule' = ${function:SimImport-AdsADSyncModule}
    }
    # Get-WinEvent does not exist on Linux pwsh; a function of that name wins over the cmdlet on Windows.
    Set-Item -Path function:global:Get-WinEvent -Value ${function:SimGet-WinEvent}
    # The seam implementations: the collector installs them itself (Enable-AdsSimulatorForSession calls
    # its Set-AdsSeam), so this module never reaches into its scope - which Constrained Language forbids
    # across language boundaries, and which keeps the seam named in one place.
    return $map
}

# --- paths of the simulated C: drive -------------------------------------------------------------

function ConvertTo-AdsSimFsPath {
    param([string]$WindowsPath)
    $s = Get-AdsSimState
    if ($WindowsPath -notmatch '^(?<drive>[A-Za-z]):\\(?<rest>.*)$') { return $null }
    $rest = $Matches['rest'].TrimEnd('\') -replace '\\', [IO.Path]::DirectorySeparatorChar
    return (Join-Path (Join-Path (Join-Path $s.Path 'fs') $Matches['drive'].ToUpperInvariant()) $rest)
}

function Get-AdsSimFileTime {
    # Modification time of a simulated file: scenario fileTimes (by Windows path), else 30 days before now.
    param([string]$WindowsPath)
    $s = Get-AdsSimState
    $times = Get-AdsSimValue $s.Scenario 'fileTimes'
    if ($times) {
        foreach ($p in $times.PSObject.Properties) {
            if ($p.Name -ieq $WindowsPath) { return ConvertTo-AdsSimTime -Iso ([string]$p.Value) -Shift $s.Shift }
        }
    }
    return $s.ScenarioNow.Add($s.Shift).AddDays(-30)
}

function SimGet-AdsKnownFolder {
    param([string]$Name)
    switch ($Name) { 'SystemRoot' { 'C:\Windows' } 'ProgramData' { 'C:\ProgramData' } 'ProgramFiles' { 'C:\Program Files' } }
}
function SimGet-AdsComputerName { return [string](Get-AdsSimValue (Get-AdsSimState).Scenario 'host' 'AADC01') }
function SimTest-AdsElevated { return [bool](Get-AdsSimValue (Get-AdsSimState).Scenario 'elevated' $true) }
function SimGet-AdsCurrentIdentity {
    $u = Get-AdsSimValue (Get-AdsSimState).Scenario 'currentUser'
    return @{ Name = [string](Get-AdsSimValue $u 'name'); Sid = [string](Get-AdsSimValue $u 'sid') }
}
function SimConvertTo-AdsSid {
    param([string]$Account)
    $accounts = Get-AdsSimValue (Get-AdsSimState).Scenario 'accounts'
    if ($accounts) { foreach ($p in $accounts.PSObject.Properties) { if ($p.Name -ieq $Account) { return [string]$p.Value } } }
    return $null
}
function SimConvertFrom-AdsSid {
    param([string]$Sid)
    $accounts = Get-AdsSimValue (Get-AdsSimState).Scenario 'accounts'
    if ($accounts) { foreach ($p in $accounts.PSObject.Properties) { if ([string]$p.Value -ieq $Sid) { return $p.Name } } }
    return $null
}

function Get-AdsSimRegistryKeys {
    # Scenario registry with HKCU resolved to the simulated user's HKU\<sid>.
    $s = Get-AdsSimState
    $reg = Get-AdsSimValue $s.Scenario 'registry'
    $sid = [string](Get-AdsSimValue (Get-AdsSimValue $s.Scenario 'currentUser') 'sid')
    $keys = @{}
    if ($reg) {
        foreach ($p in $reg.PSObject.Properties) { $keys[($p.Name -replace '^HKCU\\', "HKU\$sid\").ToUpperInvariant()] = $p.Value }
    }
    return $keys
}

function SimGet-AdsRegistryValues {
    param([string]$Key)
    $s = Get-AdsSimState
    $sid = [string](Get-AdsSimValue (Get-AdsSimValue $s.Scenario 'currentUser') 'sid')
    $k = ($Key -replace '^HKCU\\', "HKU\$sid\").ToUpperInvariant()
    $keys = Get-AdsSimRegistryKeys
    if (-not $keys.ContainsKey($k)) { return $null }
    $values = [ordered]@{}
    foreach ($p in $keys[$k].PSObject.Properties) {
        $v = $p.Value
        if ($v -is [psobject] -and $v.PSObject.Properties['hex']) {
            $hex = [string]$v.hex
            $bytes = New-Object byte[] ($hex.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring($i * 2, 2), 16) }
            $v = $bytes
        } elseif ($v -is [long] -or $v -is [int]) {
            # A REG_DWORD comes back from RegistryKey.GetValue as Int32: 0xffffffff (4294967295 in the
            # scenario, dword:ffffffff in a reg export) reads as -1.
            if ($v -gt [int]::MaxValue) { $v = [int]([long]$v - 4294967296) } else { $v = [int]$v }
        }
        $values[$p.Name] = $v
    }
    return $values
}

function SimGet-AdsRegistrySubKeyNames {
    param([string]$Key)
    $prefix = ($Key.TrimEnd('\') + '\').ToUpperInvariant()
    $names = @{}
    foreach ($k in (Get-AdsSimRegistryKeys).Keys) {
        if ($k.StartsWith($prefix)) { $names[($k.Substring($prefix.Length) -split '\\')[0]] = $true }
    }
    # Preserve the SID case of the scenario (SIDs are upper-case S- anyway).
    return @($names.Keys | Sort-Object)
}

function SimInvoke-AdsNetshWinHttp {
    $path = Join-Path (Get-AdsSimState).Path 'netsh-winhttp.txt'
    if (-not (Test-Path -LiteralPath $path)) { throw 'netsh winhttp show proxy exited with code 1: The following command was not found: winhttp show proxy.' }
    return [IO.File]::ReadAllText($path)
}

function SimGet-AdsServiceInfo {
    param([string]$Name)
    $svc = Get-AdsSimValue (Get-AdsSimState).Scenario 'service'
    if (-not $svc -or $Name -ne 'ADSync') { return $null }
    return @{ Name = 'ADSync'; State = [string](Get-AdsSimValue $svc 'state' 'Running'); StartName = [string](Get-AdsSimValue $svc 'account')
              ProcessId = [int](Get-AdsSimValue $svc 'processId' 4242); PathName = [string](Get-AdsSimValue $svc 'pathName')
              DisplayName = 'Microsoft Azure AD Sync' }
}

function SimGet-AdsProcessStartTime {
    param([int]$ProcessId)
    $s = Get-AdsSimState
    $svc = Get-AdsSimValue $s.Scenario 'service'
    return ConvertTo-AdsSimTime -Iso ([string](Get-AdsSimValue $svc 'startTime')) -Shift $s.Shift
}

function SimGet-AdsFileInfo {
    param([string]$Path)
    $fs = ConvertTo-AdsSimFsPath $Path
    if (-not $fs -or -not (Test-Path -LiteralPath $fs -PathType Leaf)) { return $null }
    return @{ FullName = $Path; Length = [long](Get-Item -LiteralPath $fs).Length; LastWriteTimeUtc = (Get-AdsSimFileTime $Path) }
}

function SimGet-AdsChildFiles {
    param([string]$Directory, [string]$Filter = '*')
    $fs = ConvertTo-AdsSimFsPath $Directory
    if (-not $fs -or -not (Test-Path -LiteralPath $fs -PathType Container)) { return @() }
    $out = @()
    foreach ($f in @(Get-ChildItem -LiteralPath $fs -File | Sort-Object Name)) {
        if ($f.Name -like $Filter) {
            $win = $Directory.TrimEnd('\') + '\' + $f.Name
            $out += @{ FullName = $win; Length = [long]$f.Length; LastWriteTimeUtc = (Get-AdsSimFileTime $win) }
        }
    }
    return $out
}

function SimCopy-AdsFile {
    param([string]$Source, [string]$Destination)
    $fs = ConvertTo-AdsSimFsPath $Source
    if (-not $fs -or -not (Test-Path -LiteralPath $fs -PathType Leaf)) { throw "Could not find file '$Source'." }
    $dir = Split-Path -Parent $Destination
    if (-not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir -Force) }
    [IO.File]::Copy($fs, $Destination, $false)
}

function SimGet-AdsFileProductVersion {
    param([string]$Path)
    if (-not (SimGet-AdsFileInfo -Path $Path)) { return $null }
    return [string](Get-AdsSimValue (Get-AdsSimState).Scenario 'productVersion')
}

function SimGet-AdsEnvironmentVariables {
    param([string]$Scope)
    $envs = Get-AdsSimValue (Get-AdsSimState).Scenario 'environment'
    $out = @{}
    $vars = Get-AdsSimValue $envs $Scope.ToLowerInvariant()
    if ($vars) { foreach ($p in $vars.PSObject.Properties) { $out[$p.Name] = [string]$p.Value } }
    return $out
}

function SimImport-AdsADSyncModule {
    # The scenario's fs holds a marker ADSync.psd1; the cmdlets come from the simulated module.
    param([string]$Path)
    if (-not (SimGet-AdsFileInfo -Path $Path)) { throw "The specified module '$Path' was not loaded because no valid module file was found in any module directory." }
    $stub = Join-Path (Join-Path $PSScriptRoot 'ADSync') 'ADSync.psd1'
    Import-Module -Name $stub -Global -DisableNameChecking -ErrorAction Stop -Verbose:$false | Out-Null
}

# --- events ----------------------------------------------------------------------------------------

function ConvertTo-AdsSimEvent {
    # One scenario <Event> (raw text, as ToXml() writes it) -> an object with the members of
    # EventLogRecord the collector uses: ProviderName, Id, RecordId, TimeCreated, LevelDisplayName,
    # Message, ToXml(). $Shift moves SystemTime into the present.
    param([string]$Raw, [TimeSpan]$Shift, [int]$RecordId = 0)
    $doc = New-Object System.Xml.XmlDocument
    $doc.LoadXml($Raw)
    $ns = New-Object System.Xml.XmlNamespaceManager $doc.NameTable
    $ns.AddNamespace('e', 'http://schemas.microsoft.com/win/2004/08/events/event')
    $sys = $doc.SelectSingleNode('/e:Event/e:System', $ns)
    $time = ConvertTo-AdsSimTime -Iso $sys.SelectSingleNode('e:TimeCreated', $ns).GetAttribute('SystemTime') -Shift $Shift
    $rid = [long]$sys.SelectSingleNode('e:EventRecordID', $ns).InnerText
    if ($RecordId -gt 0) { $rid = $RecordId }
    $level = [int]$sys.SelectSingleNode('e:Level', $ns).InnerText
    $msgNode = $doc.SelectSingleNode('/e:Event/e:RenderingInfo/e:Message', $ns)
    if ($msgNode) { $message = $msgNode.InnerText }
    else { $message = (@($doc.SelectNodes('/e:Event/e:EventData/e:Data', $ns) | ForEach-Object { $_.InnerText }) -join [Environment]::NewLine) }
    # ToXml() carries no RenderingInfo; keep the scenario's bytes otherwise (single-quoted attributes).
    $xml = [regex]::Replace($Raw, '<RenderingInfo\b.*?</RenderingInfo>', '', 'Singleline')
    $xml = [regex]::Replace($xml, "SystemTime='[^']*'", ("SystemTime='" + $time.ToString('yyyy-MM-ddTHH:mm:ss.fffffff') + "Z'"))
    $xml = [regex]::Replace($xml, '<EventRecordID>\d+</EventRecordID>', "<EventRecordID>$rid</EventRecordID>")
    $xml = [regex]::Replace($xml, '>\s+<', '><').Trim()
    $levelName = @{ 0 = 'Information'; 1 = 'Critical'; 2 = 'Error'; 3 = 'Warning'; 4 = 'Information'; 5 = 'Verbose' }[$level]
    # The EventLogRecord members the collector reads (ToXml() aside): Qualifiers, Task, Keywords,
    # MachineName and Properties (the EventData values) are what it builds an event from in
    # Constrained Language mode, where ToXml() cannot be called.
    $idNode = $sys.SelectSingleNode('e:EventID', $ns)
    $qualifiers = $null
    if ($idNode.HasAttribute('Qualifiers')) { $qualifiers = [int]$idNode.GetAttribute('Qualifiers') }
    $taskNode = $sys.SelectSingleNode('e:Task', $ns)
    $task = $null
    if ($taskNode) { $task = [int]$taskNode.InnerText }
    $kwNode = $sys.SelectSingleNode('e:Keywords', $ns)
    $keywords = $null
    if ($kwNode) { $keywords = [Convert]::ToInt64(($kwNode.InnerText -replace '^0x', ''), 16) }
    $computerNode = $sys.SelectSingleNode('e:Computer', $ns)
    $properties = @(@($doc.SelectNodes('/e:Event/e:EventData/e:Data', $ns)) | ForEach-Object { [pscustomobject]@{ Value = $_.InnerText } })
    $o = [pscustomobject]@{
        ProviderName = $sys.SelectSingleNode('e:Provider', $ns).GetAttribute('Name')
        Id = [int]$idNode.InnerText; Qualifiers = $qualifiers; Task = $task; Keywords = $keywords
        RecordId = $rid; TimeCreated = $time.ToLocalTime(); Level = $level; LevelDisplayName = $levelName
        LogName = $sys.SelectSingleNode('e:Channel', $ns).InnerText; MachineName = $(if ($computerNode) { $computerNode.InnerText } else { $null })
        Message = $message; Properties = $properties
    }
    $o | Add-Member -MemberType NoteProperty -Name XmlText -Value $xml
    $o | Add-Member -MemberType ScriptMethod -Name ToXml -Value { return $this.XmlText }
    $o | Add-Member -MemberType ScriptMethod -Name FormatDescription -Value { return $this.Message }
    return $o
}

function Get-AdsSimEventsFromFile {
    param([string]$Path, [TimeSpan]$Shift, [ref]$NextRecordId)
    $text = [IO.File]::ReadAllText($Path)
    # A list, not `$out +=` (which copies the array on every event: quadratic for a 100k-event scenario).
    $out = New-Object System.Collections.Generic.List[object]
    foreach ($m in [regex]::Matches($text, '<Event\b.*?</Event>', 'Singleline')) {
        $rid = 0
        if ($NextRecordId) { $rid = $NextRecordId.Value; $NextRecordId.Value++ }
        $out.Add((ConvertTo-AdsSimEvent -Raw $m.Value -Shift $Shift -RecordId $rid))
    }
    return $out.ToArray()
}

function Get-AdsSimWinEventFaults {
    # The scenario's winEventFaults whose "provider" is one of the names asked for (as written, any case).
    param([object[]]$Providers)
    $out = @()
    foreach ($f in @(Get-AdsSimValue (Get-AdsSimState).Scenario 'winEventFaults' @())) {
        foreach ($p in $Providers) { if ($null -ne $p -and [string]$f.provider -ieq [string]$p) { $out += $f } }
    }
    return $out
}

function Write-AdsSimWinEventError {
    # A non-terminating error of the Get-WinEvent stand-in. The real cmdlet's FullyQualifiedErrorId is
    # "<Id>,Microsoft.PowerShell.Commands.GetWinEventCommand"; a function's gets ",Get-WinEvent" appended
    # after that, so the id STARTS the same (the collector matches the start). The real exception types
    # (EventLogException and its kin) cannot be created off Windows.
    param([string]$Id, [string]$Message, [string]$Category)
    $ex = New-Object System.Exception $Message
    $er = New-Object System.Management.Automation.ErrorRecord $ex, ($Id + ',Microsoft.PowerShell.Commands.GetWinEventCommand'), $Category, $null
    $PSCmdlet.WriteError($er)
}

function SimGet-WinEvent {
    # Real parameter names; FilterHashtable keys LogName, ProviderName (wildcards), ID, Level, StartTime, EndTime.
    [CmdletBinding()]
    param([hashtable]$FilterHashtable, [int64]$MaxEvents = -1, [string[]]$LogName, [string]$FilterXPath, [string]$Path, [switch]$Oldest)
    $s = Get-AdsSimState
    $registered = @(Get-AdsSimValue $s.Scenario 'eventProviders' @('ADSync', 'Directory Synchronization'))
    # The scenario's events/*.xml are read once per run (the collector asks once per provider; a
    # 100k-event benchmark scenario would otherwise be parsed four times).
    if ($null -eq $s.ScenarioEvents) {
        $parsed = New-Object System.Collections.Generic.List[object]
        $dir = Join-Path $s.Path 'events'
        if (Test-Path -LiteralPath $dir) {
            foreach ($f in @(Get-ChildItem -LiteralPath $dir -Filter '*.xml' | Sort-Object Name)) { $parsed.AddRange([object[]]@(Get-AdsSimEventsFromFile -Path $f.FullName -Shift $s.Shift)) }
        }
        $s.ScenarioEvents = $parsed.ToArray()
    }
    $all = New-Object System.Collections.Generic.List[object]
    $all.AddRange([object[]]$s.ScenarioEvents)
    foreach ($c in @($s.CycleEvents)) { if ($null -ne $c) { $all.Add($c) } }
    $providers = @($FilterHashtable['ProviderName'])
    # Provider-level faults of the scenario come first: such a provider is registered, its log is the problem.
    foreach ($f in @(Get-AdsSimWinEventFaults -Providers $providers)) {
        switch ([string]$f.fault) {
            'logs-dont-overlap' {
                # GetEventCommand.cs: a provider that does not write to any of the given logs.
                Write-AdsSimWinEventError -Id 'LogsAndProvidersDontOverlap' -Message 'The specified providers do not write events to any of the specified logs.' -Category 'InvalidArgument'
                return
            }
            'provider-metadata' {
                # GetEventCommand.cs AddLogsForProviderToInternalMap: the provider is then left out of the
                # query, so Application no longer overlaps with any provider: both errors, no events.
                $detail = [string](Get-AdsSimValue $f 'message' 'The locale specific resource for the desired message is not present')
                Write-AdsSimWinEventError -Id 'ProviderMetadataUnavailable' -Message ('Could not retrieve information about the {0} provider. Error: {1}.' -f [string]$f.provider, $detail) -Category 'NotSpecified'
                Write-AdsSimWinEventError -Id 'LogsAndProvidersDontOverlap' -Message 'The specified providers do not write events to any of the specified logs.' -Category 'InvalidArgument'
                return
            }
        }
    }
    if ($providers.Count -gt 0 -and $null -ne $providers[0]) {
        $known = @($registered | Where-Object { $n = $_; @($providers | Where-Object { $n -like $_ }).Count -gt 0 })
        if ($known.Count -eq 0) {
            # Windows answers an unregistered provider name with this error (id UNVERIFIED, see Get-AdsWinEvents).
            $ex = New-Object System.Exception ('There is not an event provider on the localhost computer that matches "' + ($providers -join ',') + '".')
            $er = New-Object System.Management.Automation.ErrorRecord $ex, 'NoMatchingProvidersFound,Microsoft.PowerShell.Commands.GetWinEventCommand', 'ObjectNotFound', $null
            $PSCmdlet.WriteError($er)
            return
        }
    }
    # foreach statements and a list: no pipeline and no array copy per event (linear in the scenario size).
    $result = New-Object System.Collections.Generic.List[object]
    $byProvider = ($providers.Count -gt 0 -and $null -ne $providers[0])
    foreach ($e in $all) {
        if ($FilterHashtable.ContainsKey('LogName') -and $e.LogName -notlike [string]$FilterHashtable['LogName']) { continue }
        if ($byProvider) {
            $pn = $e.ProviderName
            $match = $false
            foreach ($p in $providers) { if ($pn -like $p) { $match = $true; break } }
            if (-not $match) { continue }
        }
        if ($FilterHashtable.ContainsKey('ID') -and @($FilterHashtable['ID']) -notcontains $e.Id) { continue }
        if ($FilterHashtable.ContainsKey('Level') -and @($FilterHashtable['Level']) -notcontains $e.Level) { continue }
        if ($FilterHashtable.ContainsKey('StartTime') -and $e.TimeCreated -lt [datetime]$FilterHashtable['StartTime']) { continue }
        if ($FilterHashtable.ContainsKey('EndTime') -and $e.TimeCreated -gt [datetime]$FilterHashtable['EndTime']) { continue }
        $result.Add($e)
    }
    # Faults of the scenario ("winEventFaults"), each as Get-WinEvent reports it: non-terminating errors
    # whose FullyQualifiedErrorId is what the real cmdlet writes (issue 13.3).
    foreach ($f in @(Get-AdsSimWinEventFaults -Providers $providers)) {
        switch ([string]$f.fault) {
            'unreadable-record' {
                # ReadEvent failed: the record is lost, the error id is the exception's message. Real text:
                # "Get-WinEvent : The data is invalid", FullyQualifiedErrorId "The data is invalid,
                # Microsoft.PowerShell.Commands.GetWinEventCommand", EventLogInvalidDataException
                # (PowerShell/PowerShell#10637; xme/powershell_scripts#2).
                $n = [int](Get-AdsSimValue $f 'count' 1)
                $msg = [string](Get-AdsSimValue $f 'message' 'The data is invalid')
                for ($i = 0; $i -lt $n -and $result.Count -gt 0; $i++) {
                    $result.RemoveAt(0)
                    Write-AdsSimWinEventError -Id $msg -Message $msg -Category 'NotSpecified'
                }
            }
            'message-unavailable' {
                # FormatDescription failed (a missing or broken message DLL): the error is written and the
                # event is still output, with Get-WinEvent's own placeholder as Message (resource
                # NoEventMessage, GetEventResources.resx). The exception text here is UNVERIFIED.
                $n = [int](Get-AdsSimValue $f 'count' 1)
                $msg = [string](Get-AdsSimValue $f 'message' 'The specified resource type cannot be found in the image file')
                for ($i = 0; $i -lt $n -and $i -lt $result.Count; $i++) {
                    $e = $result[$i].PSObject.Copy()
                    $e.Message = 'Cannot retrieve event message text.'
                    $e | Add-Member -MemberType NoteProperty -Name FormatError -Value $msg -Force
                    $e | Add-Member -MemberType ScriptMethod -Name FormatDescription -Value { throw $this.FormatError } -Force
                    $result[$i] = $e
                    Write-AdsSimWinEventError -Id $msg -Message $msg -Category 'NotSpecified'
                }
            }
        }
    }
    if ($result.Count -eq 0) {
        $ex = New-Object System.Exception 'No events were found that match the specified selection criteria.'
        $er = New-Object System.Management.Automation.ErrorRecord $ex, 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand', 'ObjectNotFound', $null
        $PSCmdlet.WriteError($er)
        return
    }
    # Newest first, like the event log service.
    $sorted = @($result | Sort-Object -Property TimeCreated, RecordId -Descending)
    if ($MaxEvents -gt 0 -and $sorted.Count -gt $MaxEvents) { $sorted = $sorted[0..($MaxEvents - 1)] }
    return $sorted
}

Export-ModuleMember -Function Enable-AdsSimulation, Get-AdsSimState, Get-AdsSimValue, ConvertTo-AdsSimTime, Get-AdsSimEventsFromFile, ConvertTo-AdsSimEvent
