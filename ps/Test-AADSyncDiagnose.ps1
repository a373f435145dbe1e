#Requires -Version 5.1
<#
.SYNOPSIS
    Self-test of the aadsync-diagnose collector: runs its read-only parts against this machine.

.DESCRIPTION
    Every OS read the collector makes is tried once (registry, netsh, service, process, files, events,
    the ADSync module and Get-ADSyncScheduler). Nothing is written, no sync cycle is started.
    One line per check on standard output:
        ##aadsync {"event":"check","name":"netsh winhttp","status":"ok","detail":"..."}
    status: ok (works), absent (works, the thing is not on this machine), failed (the read itself failed).
    Exit code 0 when no check failed, 1 otherwise.

.PARAMETER SimulationPath
    Test only: answer every read from a scenario folder (see Invoke-AADSyncDiagnose.ps1).
#>
[CmdletBinding()]
param([string]$SimulationPath = '')

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Version 2.0

Import-Module -Name (Join-Path $PSScriptRoot 'AADSyncDiagnose.psm1') -DisableNameChecking -Force
if ($SimulationPath) {
    Import-Module -Name (Join-Path (Join-Path $PSScriptRoot 'simulator') 'AADSyncSimulator.psm1') -DisableNameChecking -Force
    Enable-AdsSimulation -ScenarioPath ((Resolve-Path -LiteralPath $SimulationPath).ProviderPath)
}
$mod = Get-Module -Name AADSyncDiagnose
$failed = 0

function Invoke-Check([string]$Name, [scriptblock]$Body) {
    $status = 'ok'
    $detail = $null
    try {
        # Run inside the module so the (possibly simulated) wrappers are the ones the collector uses.
        $r = & $mod $Body
        if ($r -is [hashtable]) { $status = $r.status; $detail = $r.detail } else { $detail = [string]$r }
    } catch {
        $status = 'failed'
        $detail = Get-AdsErrorText $_
        $script:failed++
    }
    Write-AdsProgress -Event ([ordered]@{ event = 'check'; name = $Name; status = $status; detail = $detail })
}

Invoke-Check 'PowerShell version' { "$($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition))" }
Invoke-Check 'elevation' { if (Test-AdsElevated) { 'elevated' } else { @{ status = 'absent'; detail = 'not elevated: run as Administrator for the full collection' } } }
Invoke-Check 'current identity' { $i = Get-AdsCurrentIdentity; "$($i.Name) ($($i.Sid))" }
Invoke-Check 'ADSync service (Win32_Service)' {
    $s = Get-AdsServiceInfo -Name 'ADSync'
    if (-not $s) { return @{ status = 'absent'; detail = 'service ADSync is not installed' } }
    $t = Get-AdsProcessStartTime -ProcessId $s.ProcessId
    "$($s.State), account $($s.StartName), started $(Format-AdsDate $t)"
}
Invoke-Check 'ADSync module' {
    $m = Find-AdsADSyncModule
    if (-not $m) { return @{ status = 'absent'; detail = 'ADSync.psd1 not found' } }
    Import-AdsADSyncModule -Path $m.Path
    $s = Get-ADSyncScheduler -ErrorAction Stop
    "$($m.Path); scheduler: staging=$($s.StagingModeEnabled) suspended=$($s.SchedulerSuspended) inProgress=$($s.SyncCycleInProgress)"
}
Invoke-Check 'machine.config (Framework64)' {
    $p = Join-AdsWinPath (Get-AdsKnownFolder -Name SystemRoot) 'Microsoft.NET\Framework64\v4.0.30319\Config\machine.config'
    $f = Get-AdsFileInfo -Path $p
    if (-not $f) { return @{ status = 'absent'; detail = "$p not found" } }
    "$($f.Length) bytes, modified $(Format-AdsDate $f.LastWriteTimeUtc)"
}
Invoke-Check 'netsh winhttp show proxy' { ((Invoke-AdsNetshWinHttp) -split "`r?`n" | Where-Object { $_ -match 'Proxy Server|Direct access' } | Select-Object -First 1).Trim() }
Invoke-Check 'WinINET (current user)' {
    $v = Get-AdsRegistryValues -Key 'HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
    if ($null -eq $v) { return @{ status = 'absent'; detail = 'key not found' } }
    "ProxyEnable=$(Get-AdsProp $v 'ProxyEnable') ProxyServer=$(Get-AdsProp $v 'ProxyServer')"
}
Invoke-Check 'loaded user hives (HKU)' { "$(@(Get-AdsRegistrySubKeyNames -Key 'HKU').Count) subkeys" }
Invoke-Check 'environment variables' { $n = 0; foreach ($s in 'Process', 'User', 'Machine') { $n += @((Get-AdsEnvironmentVariables -Scope $s).Keys).Count }; "$n variables read" }
Invoke-Check 'Get-WinEvent (ADSync, last 24h)' {
    $e = @(Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = 'ADSync'; StartTime = (Get-Date).AddHours(-24) } -MaxEvents 50)
    "$($e.Count) event(s) (at most 50 read)"
}
Invoke-Check 'wizard trace logs' {
    $d = Join-AdsWinPath (Get-AdsKnownFolder -Name ProgramData) 'AADConnect'
    $f = @(Get-AdsChildFiles -Directory $d -Filter 'trace-*.log')
    if ($f.Count -eq 0) { return @{ status = 'absent'; detail = "no trace-*.log in $d" } }
    "$($f.Count) file(s)"
}
Invoke-Check 'stoppable worker runspace' {
    $ctx = @{ ModulePath = (Join-Path $PSScriptRoot 'AADSyncDiagnose.psm1'); SimulatorPath = $null; ScenarioPath = $null; ModuleImported = $false; AdSync = (New-AdsAdSyncRecord) }
    $w = New-AdsWorker -Context $ctx
    try {
        $ps = $w.PowerShell
        [void]$ps.AddScript('Start-Sleep -Seconds 30')
        $h = $ps.BeginInvoke()
        [void]$h.AsyncWaitHandle.WaitOne(200)
        $stop = $ps.BeginStop($null, $null)
        if (-not $stop.AsyncWaitHandle.WaitOne(5000)) { throw 'a sleeping step could not be stopped within 5 s' }
        'a running step can be stopped'
    } finally { Close-AdsWorker $w }
}

Write-AdsProgress -Event ([ordered]@{ event = 'done'; failed = $failed })
if ($failed -gt 0) { exit 1 }
exit 0
