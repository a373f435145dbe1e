function Test-AADSyncDiagnose {
    <#
    .SYNOPSIS
        Self-test of the aadsync-diagnose collector: tries its read-only parts against this machine.

    .DESCRIPTION
        Every read the collector makes is tried once (registry, netsh, service, process, files, events,
        the ADSync module and Get-ADSyncScheduler), and the assumptions that can only be checked on a
        real server are printed. Nothing is written and no sync cycle is started (with -TryTaskPrincipal,
        one disabled scheduled task is registered and removed).

        Returns one object per check: Name, Status and Detail. Status is ok (works), absent (works, the
        thing is not on this machine), skipped (not tried, the detail says why) or failed (the read
        itself failed). The checks of what cannot be verified off a real server: 'language mode',
        'execution policy', 'console encoding', 'run history time Kind' and 'scheduled task as the
        service account'. With -ProgressLines each check
        is also written to standard output for the aadsync-diagnose driver:
            ##aadsync {"event":"check","name":"netsh winhttp","status":"ok","detail":"..."}

    .PARAMETER SimulationPath
        Test only: answer every read from a scenario folder (see Invoke-AADSyncDiagnose).

    .PARAMETER ProgressLines
        Also write each check as a ##aadsync line on standard output.

    .PARAMETER TryTaskPrincipal
        Also register one DISABLED scheduled task with the ADSync service account as its principal (never
        started) and remove it: whether Task Scheduler accepts that account for run --as-service. Without
        it, that check only says what would be tried.

    .EXAMPLE
        Test-AADSyncDiagnose | Format-Table -AutoSize

        Shows every check of this server in a table.

    .OUTPUTS
        PSCustomObject with Name, Status, Detail.
    #>
    [CmdletBinding()]
    param(
        [string]$SimulationPath = '',
        [switch]$ProgressLines,
        [switch]$TryTaskPrincipal
    )

    $ErrorActionPreference = 'Stop'
    $ProgressPreference = 'SilentlyContinue'
    if ($SimulationPath) { Enable-AdsSimulatorForSession -ScenarioPath $SimulationPath }

    $checks = @(
        @{ name = 'PowerShell version'; body = { "$($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition))" } },
        @{ name = 'language mode'; body = {
            # AppLocker / WDAC put scripts into Constrained Language mode (issue 13.10).
            if (Test-AdsFullLanguage) { return 'FullLanguage: runspaces, per-step time limits and live probes available' }
            "$($script:LanguageMode): the collector runs its steps one after another, without per-step time limits or live probes (sign the scripts or run them from an allowed path for the full collector)"
        } },
        @{ name = 'execution policy'; body = {
            # A Group Policy scope beats -ExecutionPolicy Bypass (about_Execution_Policies).
            $list = @(Get-ExecutionPolicy -List)
            $text = ($list | ForEach-Object { "$($_.Scope)=$($_.ExecutionPolicy)" }) -join ' '
            $gpo = @($list | Where-Object { ([string]$_.Scope -eq 'MachinePolicy' -or [string]$_.Scope -eq 'UserPolicy') -and [string]$_.ExecutionPolicy -ne 'Undefined' })
            if ($gpo.Count -gt 0) { $text += "; set by Group Policy ($($gpo[0].Scope)): -ExecutionPolicy Bypass does not override it" }
            "$text; effective: $(Get-ExecutionPolicy)"
        } },
        @{ name = 'console encoding'; body = {
            # The driver reads ASCII JSON (non-ASCII escaped), whatever these are (issue 13.6).
            if (-not (Test-AdsFullLanguage)) { return "unknown in $($script:LanguageMode) mode ([Console] is not available); the collector's JSON lines are ASCII" }
            "output $([Console]::OutputEncoding.WebName) (code page $([Console]::OutputEncoding.CodePage)), input code page $([Console]::InputEncoding.CodePage), stdout redirected: $([Console]::IsOutputRedirected); the collector's JSON lines are ASCII"
        } },
        @{ name = 'elevation'; body = { if (Test-AdsElevated) { 'elevated' } else { @{ status = 'absent'; detail = 'not elevated: run as Administrator for the full collection' } } } },
        @{ name = 'current identity'; body = { $i = Get-AdsCurrentIdentity; "$($i.Name) ($($i.Sid))" } },
        @{ name = 'ADSync service (Win32_Service)'; body = {
            $s = Get-AdsServiceInfo -Name 'ADSync'
            if (-not $s) { return @{ status = 'absent'; detail = 'service ADSync is not installed' } }
            $t = Get-AdsProcessStartTime -ProcessId $s.ProcessId
            "$($s.State), account $($s.StartName), started $(Format-AdsDate $t)"
        } },
        @{ name = 'ADSync module'; body = {
            $m = Find-AdsADSyncModule
            if (-not $m) { return @{ status = 'absent'; detail = 'ADSync.psd1 not found' } }
            Import-AdsADSyncModule -Path $m.Path
            $s = Get-ADSyncScheduler -ErrorAction Stop
            "$($m.Path); scheduler: staging=$($s.StagingModeEnabled) suspended=$($s.SchedulerSuspended) inProgress=$($s.SyncCycleInProgress)"
        } },
        @{ name = 'run history time Kind'; body = {
            # The collector reads run times without a zone as UTC (issue 13.2): say what this server returns.
            if (-not (Get-Command -Name Get-ADSyncRunProfileResult -ErrorAction SilentlyContinue)) { return @{ status = 'absent'; detail = 'the ADSync module is not loaded' } }
            $run = @(Get-ADSyncRunProfileResult -NumberRequested 1 -ErrorAction Stop) | Select-Object -First 1
            if ($null -eq $run) { return @{ status = 'absent'; detail = 'no run in the run history' } }
            $start = Get-AdsProp $run 'StartDate'
            if (-not ($start -is [datetime])) { return @{ status = 'failed'; detail = "StartDate is not a DateTime: $start" } }
            $text = "StartDate Kind $($start.Kind), read as $(Format-AdsRunTime $start) (run $(Get-AdsProp $run 'RunNumber') of $(Get-AdsProp $run 'ConnectorName'))"
            if ($start.Kind -eq [DateTimeKind]::Local) { return @{ status = 'failed'; detail = "$text; the collector assumes UTC without a zone: report this" } }
            $text
        } },
        @{ name = 'scheduled task as the service account'; body = {
            $s = Get-AdsServiceInfo -Name 'ADSync'
            $account = $null
            if ($s) { $account = $s.StartName }
            Test-AdsTaskPrincipal -Account $account -Register:$TryTaskPrincipal
        } },
        @{ name = 'machine.config (Framework64)'; body = {
            $p = Join-AdsWinPath (Get-AdsKnownFolder -Name SystemRoot) 'Microsoft.NET\Framework64\v4.0.30319\Config\machine.config'
            $f = Get-AdsFileInfo -Path $p
            if (-not $f) { return @{ status = 'absent'; detail = "$p not found" } }
            "$($f.Length) bytes, modified $(Format-AdsDate $f.LastWriteTimeUtc)"
        } },
        @{ name = 'netsh winhttp show proxy'; body = {
            # The lines under the heading, in whatever language netsh speaks here (never matched on words).
            $lines = @((Invoke-AdsNetshWinHttp) -split "`r?`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ })
            if ($lines.Count -lt 2) { return @{ status = 'failed'; detail = "unexpected output: $($lines -join ' ')" } }
            ($lines[1..($lines.Count - 1)] -join '; ')
        } },
        @{ name = 'WinINET (current user)'; body = {
            $v = Get-AdsRegistryValues -Key 'HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
            if ($null -eq $v) { return @{ status = 'absent'; detail = 'key not found' } }
            "ProxyEnable=$(Get-AdsProp $v 'ProxyEnable') ProxyServer=$(Get-AdsProp $v 'ProxyServer')"
        } },
        @{ name = 'loaded user hives (HKU)'; body = { "$(@(Get-AdsRegistrySubKeyNames -Key 'HKU').Count) subkeys" } },
        @{ name = 'environment variables'; body = { $n = 0; foreach ($s in 'Process', 'User', 'Machine') { $n += @((Get-AdsEnvironmentVariables -Scope $s).Keys).Count }; "$n variables read" } },
        @{ name = 'Get-WinEvent (ADSync, last 24h)'; body = {
            $r = Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = 'ADSync'; StartTime = (Get-Date).AddHours(-24) } -MaxEvents 50
            $text = "$(@($r.Events).Count) event(s) (at most 50 read)"
            if (@($r.Problems).Count -gt 0) { $text += "; $(@($r.Problems).Count) could not be read: $(@($r.Problems)[0].text)" }
            if (@($r.Events).Count -eq 0 -and $r.Absent -and $r.Absent -ne 'none') { $text += " ($($r.Absent))" }
            $text
        } },
        @{ name = 'wizard trace logs'; body = {
            $d = Join-AdsWinPath (Get-AdsKnownFolder -Name ProgramData) 'AADConnect'
            $f = @(Get-AdsChildFiles -Directory $d -Filter 'trace-*.log')
            if ($f.Count -eq 0) { return @{ status = 'absent'; detail = "no trace-*.log in $d" } }
            "$($f.Count) file(s)"
        } },
        @{ name = 'stoppable worker runspace'; body = {
            if (-not (Test-AdsFullLanguage)) { return @{ status = 'skipped'; detail = "runspaces are blocked in $($script:LanguageMode) mode: the collector runs its steps one after another" } }
            $ctx = @{ ModulePath = (Join-Path $script:ModuleRoot 'AADSyncDiagnose.psd1'); SimulatorPath = $null; ScenarioPath = $null; ModuleImported = $false; AdSync = (New-AdsAdSyncRecord) }
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
        } }
    )

    foreach ($c in $checks) {
        $status = 'ok'
        $detail = $null
        Write-Verbose "Check: $($c.name)"
        try {
            $r = & $c.body
            if ($r -is [hashtable]) { $status = $r.status; $detail = $r.detail } else { $detail = [string]$r }
        } catch {
            $status = 'failed'
            $detail = Get-AdsErrorText $_
        }
        if ($ProgressLines) { Write-AdsProgress -Event ([ordered]@{ event = 'check'; name = $c.name; status = $status; detail = $detail }) }
        New-Object PSObject -Property ([ordered]@{ Name = $c.name; Status = $status; Detail = $detail })
    }
    if ($ProgressLines) { Write-AdsProgress -Event ([ordered]@{ event = 'done' }) }
}
