# Runner.ps1 - the bounded runner: each step runs in a worker runspace that the main thread can stop
# (or abandon) when it exceeds its time limit.

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
            & (Get-Module -Name AADSyncDiagnose) { param($p) Enable-AdsSimulatorForSession -ScenarioPath $p } $ScenarioPath
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
    # Runs "<Function> -Context $Context" (a private function of this module) in the worker with a
    # time limit. Returns @{ status; error; notes; abandoned; verbose } - abandoned = the worker could
    # not be stopped; verbose = the step's Write-Verbose messages, for the caller to show.
    param([Parameter(Mandatory = $true)][hashtable]$Worker, [Parameter(Mandatory = $true)][string]$Function,
          [Parameter(Mandatory = $true)][hashtable]$Context, [hashtable]$Arguments = @{}, [int]$TimeoutSeconds = 600,
          [string]$VerbosePreferenceValue = 'SilentlyContinue')
    $ps = $Worker.PowerShell
    $ps.Commands.Clear()
    $ps.Streams.ClearStreams()
    # Runs in the worker's global scope: the preferences set here are the ones the module sees.
    $body = {
        param($Fn, $Ctx, $ArgTable, $Verbose)
        $ErrorActionPreference = 'Stop'
        $VerbosePreference = $Verbose
        & (Get-Module -Name AADSyncDiagnose) {
            param($Fn, $Ctx, $ArgTable)
            try {
                $r = & $Fn -Context $Ctx @ArgTable
                return , @{ ok = $true; result = $r }
            } catch {
                return , @{ ok = $false; error = (Get-AdsErrorText $_) }
            }
        } $Fn $Ctx $ArgTable
    }
    [void]$ps.AddScript($body).AddArgument($Function).AddArgument($Context).AddArgument($Arguments).AddArgument($VerbosePreferenceValue)
    $handle = $ps.BeginInvoke()
    $limit = $TimeoutSeconds
    if ($limit -lt 1) { $limit = 1 }
    $done = $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($limit))
    $verbose = @($ps.Streams.Verbose | ForEach-Object { [string]$_.Message })
    if (-not $done) {
        # Stop() interrupts script code and well-behaved cmdlets; a cmdlet blocked in native code
        # may ignore it, so wait a little and then leave the worker behind.
        $stop = $ps.BeginStop($null, $null)
        $stopped = $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(5))
        $how = 'stopped'
        if (-not $stopped) { $how = 'it ignored the stop request and was abandoned' }
        return @{ status = 'timeout'; error = "no answer within ${TimeoutSeconds}s; $how"; notes = @(); abandoned = (-not $stopped); verbose = $verbose }
    }
    try {
        $out = @($ps.EndInvoke($handle))
    } catch {
        return @{ status = 'failed'; error = (Get-AdsErrorText $_); notes = @(); abandoned = $false; verbose = $verbose }
    }
    $verbose = @($ps.Streams.Verbose | ForEach-Object { [string]$_.Message })
    $res = $null
    if ($out.Count -gt 0) { $res = $out[$out.Count - 1] }
    if ($null -eq $res -or -not ($res -is [hashtable])) { return @{ status = 'failed'; error = 'the step returned nothing'; notes = @(); abandoned = $false; verbose = $verbose } }
    if (-not $res.ok) { return @{ status = 'failed'; error = $res.error; notes = @(); abandoned = $false; verbose = $verbose } }
    $r = $res.result
    $notes = @()
    if (-not ($r -is [System.Collections.IDictionary]) -or -not $r.Contains('status')) { return @{ status = 'failed'; error = 'the step returned no status'; notes = @(); abandoned = $false; verbose = $verbose } }
    if ($r.Contains('notes') -and $r.notes) { $notes = @($r.notes) }
    return @{ status = [string]$r.status; error = $r.error; notes = $notes; abandoned = $false; verbose = $verbose }
}

function Close-AdsWorker {
    param([hashtable]$Worker)
    if (-not $Worker) { return }
    try { $Worker.PowerShell.Dispose() } catch { }
    try { $Worker.Runspace.Dispose() } catch { }
}

function Invoke-AdsSequentialStep {
    # The fallback for Constrained Language mode (AppLocker/WDAC), where runspaces are blocked: the step
    # runs here, after the previous one, without a time limit of its own (the aadsync-diagnose driver's
    # watchdog still bounds the whole run and records a hung step as timeout). Same result shape as
    # Invoke-AdsBoundedStep; the step's Write-Verbose messages reach the caller directly.
    param([Parameter(Mandatory = $true)][string]$Function, [Parameter(Mandatory = $true)][hashtable]$Context)
    $fail = @{ status = 'failed'; error = $null; notes = @(); abandoned = $false; verbose = @() }
    try {
        $r = & $Function -Context $Context
    } catch {
        $fail.error = Get-AdsErrorText $_
        return $fail
    }
    if (-not ($r -is [System.Collections.IDictionary]) -or -not $r.Contains('status')) { $fail.error = 'the step returned no status'; return $fail }
    $notes = @()
    if ($r.Contains('notes') -and $r.notes) { $notes = @($r.notes) }
    return @{ status = [string]$r.status; error = $r.error; notes = $notes; abandoned = $false; verbose = @() }
}
