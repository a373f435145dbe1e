#Requires -Version 5.1
<#
.SYNOPSIS
    Collects the evidence aadsync-diagnose needs on an Azure AD Connect (Entra Connect Sync) server.

.DESCRIPTION
    Writes a support-bundle folder (docs/bundle-format.md): the proxy layers (machine.config,
    miiserver.exe.config, netsh winhttp, WinINET per user hive, environment), the ADSync service and
    scheduler, one sync cycle and its run-profile results, the Application events of ADSync,
    Directory Synchronization, PasswordResetService and Connect Health in the look-back window, and
    the wizard trace logs of that window.

    Each step (preflight, proxy-config, sync-cycle, events, traces, probes) has a time limit and is
    recorded in manifest.json with its status (ok, failed, skipped, timeout) as soon as it ends.
    The only change made to the server is the sync cycle it starts (use -Sync None to start none).

    Progress goes to standard output as one line per step event:
        ##aadsync {"event":"step-start","step":"events"}
        ##aadsync {"event":"step-end","step":"events","status":"ok","durationMs":812,"error":null}

    Exit code: 0 when every step was ok or skipped, 3 when a step failed or timed out, 2 on bad parameters.

.PARAMETER OutDir
    The bundle folder. Created if missing; must be empty if it exists.

.PARAMETER Sync
    Delta (default), Initial or None. No cycle is started in staging mode, with a suspended scheduler,
    or while a cycle is already running.

.PARAMETER SinceHours
    Look-back window for events and trace logs, in hours (default 24).

.PARAMETER StepTimeoutSeconds
    Time limit of each step (default 600). The sync-cycle wait is bounded by it too.

.PARAMETER NoProbe
    Do not run the live network probes.

.PARAMETER SimulationPath
    Test and demo only: a scenario folder (scenarios/<name>). Every read of the machine is answered by
    the simulator in ps/simulator instead. Never use it on a real server.

.EXAMPLE
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Invoke-AADSyncDiagnose.ps1 -OutDir C:\Temp\aadsync -Sync None -SinceHours 48
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$OutDir,
    [ValidateSet('Delta', 'Initial', 'None')][string]$Sync = 'Delta',
    [ValidateRange(0.01, 8760)][double]$SinceHours = 24,
    [ValidateRange(1, 86400)][int]$StepTimeoutSeconds = 600,
    [switch]$NoProbe,
    [string]$ToolVersion = '',
    [string]$SimulationPath = ''
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Progress lines are ASCII JSON, but error texts may be localized: ask for UTF-8 where a console allows it.
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
Set-StrictMode -Version 2.0

$modulePath = Join-Path $PSScriptRoot 'AADSyncDiagnose.psm1'
Import-Module -Name $modulePath -DisableNameChecking -Force

function Write-Fatal([string]$Message, [int]$Code) {
    [Console]::Error.WriteLine('Invoke-AADSyncDiagnose: ' + $Message)
    exit $Code
}

# --- the bundle folder: new, or empty -------------------------------------------------------------
try {
    if (Test-Path -LiteralPath $OutDir -PathType Leaf) { Write-Fatal "OutDir '$OutDir' is a file" 2 }
    if (Test-Path -LiteralPath $OutDir) {
        if (@(Get-ChildItem -LiteralPath $OutDir -Force).Count -gt 0) { Write-Fatal "OutDir '$OutDir' is not empty" 2 }
    } else {
        [void](New-Item -ItemType Directory -Path $OutDir -Force)
    }
    $OutDir = (Resolve-Path -LiteralPath $OutDir).ProviderPath
} catch { Write-Fatal ("cannot create OutDir: " + $_.Exception.Message) 2 }

$simulatorPath = $null
if ($SimulationPath) {
    if (-not (Test-Path -LiteralPath $SimulationPath -PathType Container)) { Write-Fatal "scenario folder '$SimulationPath' not found" 2 }
    $SimulationPath = (Resolve-Path -LiteralPath $SimulationPath).ProviderPath
    $simulatorPath = Join-Path $PSScriptRoot 'simulator\AADSyncSimulator.psm1'
    $simulatorPath = $simulatorPath -replace '\\', [IO.Path]::DirectorySeparatorChar
}

if (-not $ToolVersion) {
    $ToolVersion = 'standalone'
    $pkg = Join-Path (Split-Path -Parent $PSScriptRoot) 'package.json'
    if (Test-Path -LiteralPath $pkg) {
        try { $ToolVersion = [string](Get-Content -LiteralPath $pkg -Raw | ConvertFrom-Json).version } catch { }
    }
}

$context = @{
    OutDir = $OutDir; Sync = $Sync; SinceHours = $SinceHours; StepTimeoutSeconds = $StepTimeoutSeconds
    SyncWaitSeconds = [Math]::Max(5, $StepTimeoutSeconds - 15)
    NoProbe = [bool]$NoProbe
    ModulePath = $modulePath; SimulatorPath = $simulatorPath; ScenarioPath = $SimulationPath; Simulated = [bool]$SimulationPath
    ProbeScript = (Join-Path $PSScriptRoot 'Invoke-AADSyncProbes.ps1')
    AdSync = (New-AdsAdSyncRecord); ModuleImported = $false; InstallBin = $null; MiiServerExe = $null
    Host = $null; CurrentIdentity = $null; ProxySummary = $null
}

$sinceText = if ($SinceHours -eq [Math]::Floor($SinceHours)) { '{0}h' -f [int]$SinceHours } else { '{0}m' -f [int][Math]::Round($SinceHours * 60) }
$manifest = [ordered]@{
    schema = 'aadsync-diagnose/manifest@1'
    tool = [ordered]@{ name = 'aadsync-diagnose'; version = $ToolVersion; collector = 'ps/Invoke-AADSyncDiagnose.ps1'; simulated = [bool]$SimulationPath }
    host = [Environment]::MachineName
    startedAt = (Format-AdsDate (Get-Date)); finishedAt = $null
    options = [ordered]@{ sync = $Sync.ToLowerInvariant(); since = $sinceText; probe = (-not $NoProbe); stepTimeoutSeconds = $StepTimeoutSeconds }
    steps = @(); files = @()
    # Filled in by the bundle writer when it redacts (src/bundle); the collector itself redacts nothing.
    redaction = $null
}
$hashCache = @{}
$steps = New-Object System.Collections.ArrayList

function Save-Manifest {
    $manifest.steps = $steps.ToArray()
    $manifest.files = Get-AdsBundleFileList -OutDir $OutDir -Cache $hashCache
    if ($context.Host) { $manifest.host = $context.Host }
    Write-AdsTextFile -Path (Join-Path $OutDir 'manifest.json') -Text (ConvertTo-AdsJson -InputObject $manifest)
}

$plan = @(
    @{ name = 'preflight'; fn = 'Invoke-AdsPreflight'; args = @{} },
    @{ name = 'proxy-config'; fn = 'Invoke-AdsProxyConfig'; args = @{} },
    @{ name = 'sync-cycle'; fn = 'Invoke-AdsSyncCycle'; args = @{} },
    @{ name = 'events'; fn = 'Invoke-AdsEvents'; args = @{} },
    @{ name = 'traces'; fn = 'Invoke-AdsTraces'; args = @{} },
    @{ name = 'probes'; fn = 'Invoke-AdsProbes'; args = @{} }
)

Save-Manifest
Write-AdsProgress -Event ([ordered]@{ event = 'start'; outDir = $OutDir; steps = @($plan | ForEach-Object { $_.name }) })

$worker = $null
$abandoned = $false
foreach ($step in $plan) {
    Write-AdsProgress -Event ([ordered]@{ event = 'step-start'; step = $step.name })
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $r = $null
    try {
        if (-not $worker) { $worker = New-AdsWorker -Context $context }
        $r = Invoke-AdsBoundedStep -Worker $worker -Function $step.fn -Context $context -Arguments $step.args -TimeoutSeconds $StepTimeoutSeconds
    } catch {
        $r = @{ status = 'failed'; error = (Get-AdsErrorText $_); notes = @(); abandoned = $false }
    }
    $watch.Stop()
    if ($r.status -eq 'timeout') {
        # A timed-out worker is never reused: the next step gets a fresh one.
        if ($r.abandoned) { $abandoned = $true } else { Close-AdsWorker $worker }
        $worker = $null
    }
    $record = [ordered]@{ name = $step.name; status = $r.status; durationMs = [long]$watch.ElapsedMilliseconds; error = $r.error; notes = @($r.notes) }
    [void]$steps.Add($record)
    try { Save-Manifest } catch { [Console]::Error.WriteLine('manifest: ' + $_.Exception.Message) }
    Write-AdsProgress -Event ([ordered]@{ event = 'step-end'; step = $step.name; status = $record.status; durationMs = $record.durationMs; error = $record.error })
}
if (-not $abandoned) { Close-AdsWorker $worker }

$manifest.finishedAt = Format-AdsDate (Get-Date)
Save-Manifest
$exitCode = 0
foreach ($s in $steps) { if ($s.status -eq 'failed' -or $s.status -eq 'timeout') { $exitCode = 3 } }
Write-AdsProgress -Event ([ordered]@{ event = 'done'; exitCode = $exitCode })
if ($abandoned) {
    # A step thread that ignored Stop() would keep the process alive: end it explicitly.
    [Console]::Out.Flush()
    [Environment]::Exit($exitCode)
}
exit $exitCode
