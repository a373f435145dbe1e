# The collector's events step alone, on a simulated server, with the time spent inside the
# Get-WinEvent stub (the simulator: reading and parsing the scenario's XML, filtering, sorting)
# kept apart from the collector's own time (Invoke-AdsEvents minus the stub). On a real server the
# stub's part is the event log service and EventLogRecord; it is not ours, and the simulator's version
# of it (XmlDocument per event in script) says nothing about the real one.
# Prints one JSON line: { stepMs, stubMs, stubCalls: [{ provider, ms, events }], collectorMs, events, notes }
param([Parameter(Mandatory = $true)][string]$ScenarioPath, [Parameter(Mandatory = $true)][string]$OutDir, [double]$SinceHours = 24)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$root = Split-Path -Parent $PSScriptRoot
Import-Module -Name (Join-Path $root 'ps/AADSyncDiagnose/AADSyncDiagnose.psd1') -DisableNameChecking -Force
Import-Module -Name (Join-Path $root 'ps/simulator/AADSyncSimulator.psm1') -DisableNameChecking -Force
& (Get-Module AADSyncDiagnose) { param($p) Enable-AdsSimulatorForSession -ScenarioPath $p } $ScenarioPath

# Time every call of the stub: a wrapper of the same name around it (one extra call per provider).
$global:StubInner = ${function:global:Get-WinEvent}
$global:StubCalls = New-Object System.Collections.ArrayList
function global:Get-WinEvent {
    [CmdletBinding()]
    param([hashtable]$FilterHashtable, [int64]$MaxEvents = -1)
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $n = 0
    try {
        $out = @(& $global:StubInner -FilterHashtable $FilterHashtable -MaxEvents $MaxEvents)
        $n = $out.Count
    } finally {
        [void]$global:StubCalls.Add([ordered]@{ provider = [string]$FilterHashtable['ProviderName']; ms = $sw.Elapsed.TotalMilliseconds; events = $n })
    }
    # Handed over as an array, as the real cmdlet's output is collected by @(...) in Get-AdsWinEvents.
    return $out
}

if (-not (Test-Path -LiteralPath $OutDir)) { [void](New-Item -ItemType Directory -Path $OutDir -Force) }
$sw = [Diagnostics.Stopwatch]::StartNew()
# Invoke-AdsEvents is private: called in the module's own scope.
$r = & (Get-Module AADSyncDiagnose) { param($o, $h) Invoke-AdsEvents -Context @{ OutDir = $o; SinceHours = $h } } $OutDir $SinceHours
$stepMs = $sw.Elapsed.TotalMilliseconds
$stubMs = 0
$events = 0
foreach ($c in $global:StubCalls) { $stubMs += $c.ms; $events += $c.events }
[Console]::Out.WriteLine((ConvertTo-Json -Compress -Depth 4 -InputObject ([ordered]@{
    status = $r.status; error = $r.error; stepMs = $stepMs; stubMs = $stubMs; collectorMs = ($stepMs - $stubMs)
    events = $events; stubCalls = $global:StubCalls.ToArray(); notes = @($r.notes)
})))
