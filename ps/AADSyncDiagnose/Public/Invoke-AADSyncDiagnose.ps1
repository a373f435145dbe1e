function Invoke-AADSyncDiagnose {
    <#
    .SYNOPSIS
        Collects the evidence aadsync-diagnose needs on an Azure AD Connect (Entra Connect Sync) server.

    .DESCRIPTION
        Writes a support-bundle folder (docs/bundle-format.md): the proxy layers (machine.config,
        miiserver.exe.config, netsh winhttp, WinINET per user hive, environment), the ADSync service and
        scheduler, one sync cycle and its run-profile results, the Application events of ADSync,
        Directory Synchronization, PasswordResetService and Connect Health in the look-back window, the
        wizard trace logs of that window, and the live network probes.

        Each step (preflight, proxy-config, sync-cycle, events, traces, probes) has a time limit and is
        recorded in manifest.json with its status (ok, failed, skipped, timeout) as soon as it ends.
        The only change made to the server is the sync cycle it starts: -Sync None starts none, and
        -WhatIf or -Confirm decide about it before the first step.

        Progress goes to standard output as one line per step event, for the aadsync-diagnose driver:
            ##aadsync {"event":"step-start","step":"events"}
            ##aadsync {"event":"step-end","step":"events","status":"ok","durationMs":812,"error":null}
        Use -Verbose to see what each step does.

        No secret is written into the folder: every file passes the secret rules of aadsync-diagnose
        (schema/redaction-rules.json; proxy passwords in user:password@ form, password, key and token
        values, Authorization headers, private keys...) before or as it is written, and manifest.json
        counts what was removed (collectorRedaction). User, host and domain names stay: the folder is not
        to be attached to a ticket as it is. The run ends by saying so, and how to get a report that is
        safe to attach: aadsync-diagnose analyze <folder> --redact on a machine with the tool.

        Returns an object with ExitCode (0: every step ok or skipped; 3: a step failed or timed out),
        OutDir, Steps and SecretsRemoved. Bad parameters are a terminating error of category
        InvalidArgument; missing redaction rules (schema/redaction-rules.json not beside the module) one
        of category NotInstalled, before anything is written.

    .PARAMETER OutDir
        The bundle folder. Created if missing; must be empty if it exists.

    .PARAMETER Sync
        Delta (default), Initial or None. No cycle is started in staging mode, with a suspended
        scheduler, or while a cycle is already running.

    .PARAMETER SinceHours
        Look-back window for events and trace logs, in hours (default 24).

    .PARAMETER StepTimeoutSeconds
        Time limit of each step (default 600). The sync-cycle wait is bounded by it too.

    .PARAMETER NoProbe
        Do not run the live network probes.

    .PARAMETER ToolVersion
        The version written into manifest.json (the driver passes its own).

    .PARAMETER SimulationPath
        Test and demo only: a scenario folder (scenarios/<name>). Every read of the machine is answered
        by the simulator in ps/simulator instead. Never use it on a real server.

    .EXAMPLE
        Invoke-AADSyncDiagnose -OutDir C:\Temp\aadsync -Sync None -SinceHours 48

        Collects without starting a sync cycle, with two days of events.

    .EXAMPLE
        Invoke-AADSyncDiagnose -OutDir C:\Temp\aadsync -WhatIf

        Collects everything and says which sync cycle it would have started, without starting it.

    .OUTPUTS
        PSCustomObject with ExitCode, OutDir, Steps, SecretsRemoved.

    .LINK
        https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory = $true)][string]$OutDir,
        [ValidateSet('Delta', 'Initial', 'None')][string]$Sync = 'Delta',
        [ValidateRange(0.01, 8760)][double]$SinceHours = 24,
        [ValidateRange(1, 86400)][int]$StepTimeoutSeconds = 600,
        [switch]$NoProbe,
        [string]$ToolVersion = '',
        [string]$SimulationPath = ''
    )

    $ProgressPreference = 'SilentlyContinue'

    # -WhatIf / -Confirm are about the sync cycle only, and decided here, before anything else: the
    # steps run in a worker runspace that cannot ask. Declined = no cycle (recorded as not requested).
    # Everything after this writes only into OutDir and must not be asked about or skipped.
    $cycleDeclined = $false
    if ($Sync -ne 'None') {
        $what = "Start-ADSyncSyncCycle -PolicyType $Sync (unless in staging mode, with a suspended scheduler or while a cycle runs)"
        if (Test-AdsFullLanguage) {
            if (-not $PSCmdlet.ShouldProcess('the sync engine of this server', $what)) { $cycleDeclined = $true }
        } elseif ($WhatIfPreference -or ((@($PSBoundParameters.Keys) -contains 'Confirm') -and [bool]$PSBoundParameters['Confirm'])) {
            # Constrained Language blocks $PSCmdlet.ShouldProcess (a method of a non-core type): -WhatIf is
            # honoured from its preference, and -Confirm, which cannot ask here, declines.
            Write-Host "What if: Performing the operation `"$what`" on target `"the sync engine of this server`"."
            $cycleDeclined = $true
        }
    }
    $WhatIfPreference = $false
    $ConfirmPreference = 'None'

    # --- the secret rules: without them nothing is collected (a bundle must never hold a secret) ----
    if ($script:AdsRedaction.Error) {
        Write-Error -Message ($script:AdsRedaction.Error + '; nothing was collected. Use the module as shipped (AADSyncDiagnose-<version>.zip, or ps\ with schema\ beside it).') -Category NotInstalled -ErrorId 'AadsyncNoRedactionRules'
        return
    }

    # --- the bundle folder: new, or empty ----------------------------------------------------------
    $bad = $null
    try {
        if (Test-Path -LiteralPath $OutDir -PathType Leaf) { $bad = "OutDir '$OutDir' is a file" }
        elseif (Test-Path -LiteralPath $OutDir) {
            if (@(Get-ChildItem -LiteralPath $OutDir -Force -ErrorAction Stop).Count -gt 0) { $bad = "OutDir '$OutDir' is not empty" }
        } else {
            [void](New-Item -ItemType Directory -Path $OutDir -Force -ErrorAction Stop)
        }
        if (-not $bad) { $OutDir = (Resolve-Path -LiteralPath $OutDir -ErrorAction Stop).ProviderPath }
    } catch { $bad = 'cannot create OutDir: ' + $_.Exception.Message }
    # Written with the caller's -ErrorAction (Stop for the entry script): bad input is not a failed step.
    if ($bad) { Write-Error -Message $bad -Category InvalidArgument -ErrorId 'AadsyncBadOutDir'; return }

    $simulatorPath = $null
    if ($SimulationPath) {
        if (-not (Test-Path -LiteralPath $SimulationPath -PathType Container)) {
            Write-Error -Message "scenario folder '$SimulationPath' not found" -Category InvalidArgument -ErrorId 'AadsyncBadScenario'; return
        }
        $SimulationPath = (Resolve-Path -LiteralPath $SimulationPath).ProviderPath
        $simulatorPath = Get-AdsSimulatorPath
    }

    $ErrorActionPreference = 'Stop'
    if (-not $ToolVersion) {
        $ToolVersion = 'standalone'
        $pkg = Join-Path (Split-Path -Parent (Split-Path -Parent $script:ModuleRoot)) 'package.json'
        if (Test-Path -LiteralPath $pkg) {
            try { $ToolVersion = [string](Get-Content -LiteralPath $pkg -Raw | ConvertFrom-Json).version } catch { }
        }
    }

    $waitSeconds = $StepTimeoutSeconds - 15
    if ($waitSeconds -lt 5) { $waitSeconds = 5 }
    $context = @{
        OutDir = $OutDir; Sync = $Sync; SinceHours = $SinceHours; StepTimeoutSeconds = $StepTimeoutSeconds
        SyncWaitSeconds = $waitSeconds; SyncDeclined = $cycleDeclined
        NoProbe = [bool]$NoProbe
        ModulePath = (Join-Path $script:ModuleRoot 'AADSyncDiagnose.psd1'); SimulatorPath = $simulatorPath
        ScenarioPath = $SimulationPath; Simulated = [bool]$SimulationPath
        ProbeScript = (Join-Path (Split-Path -Parent $script:ModuleRoot) 'Invoke-AADSyncProbes.ps1')
        AdSync = (New-AdsAdSyncRecord); ModuleImported = $false; InstallBin = $null; MiiServerExe = $null
        Host = $null; CurrentIdentity = $null; ProxySummary = $null; Sequential = $false
        # Secrets removed per bundle file (Set-AdsRedactionCount), for the manifest's collectorRedaction.
        Redaction = @{}
    }

    $sinceText = '{0}m' -f [int]($SinceHours * 60)
    if (($SinceHours % 1) -eq 0) { $sinceText = '{0}h' -f [int]$SinceHours }

    # Constrained Language mode (AppLocker/WDAC): no runspaces, no Add-Type, only core .NET types. The
    # steps then run one after another in this session (no per-step time limit; the driver's watchdog
    # bounds the run) and the live probes are skipped. Said in one line before the first step.
    $sequential = -not (Test-AdsFullLanguage)
    $hostName = $env:COMPUTERNAME
    if (-not $hostName -and -not $sequential) { $hostName = [Environment]::MachineName }
    $manifest = [ordered]@{
        schema = 'aadsync-diagnose/manifest@1'
        tool = [ordered]@{ name = 'aadsync-diagnose'; version = $ToolVersion; collector = 'ps/Invoke-AADSyncDiagnose.ps1'; simulated = [bool]$SimulationPath }
        host = $hostName
        startedAt = (Format-AdsDate (Get-Date)); finishedAt = $null
        options = [ordered]@{ sync = $Sync.ToLowerInvariant(); since = $sinceText; probe = (-not $NoProbe); stepTimeoutSeconds = $StepTimeoutSeconds
                              languageMode = $script:LanguageMode; runner = $(if ($sequential) { 'sequential' } else { 'runspace' }) }
        steps = @(); files = @()
        # Filled in by the zip writer (src/bundle), which also replaces identities.
        redaction = $null
        # What the collector removed itself: secrets only, counts only (Get-AdsRedactionSummary).
        collectorRedaction = $null
    }
    $hashCache = @{}
    $steps = @()
    $saveManifest = {
        $manifest.steps = @($steps)
        $manifest.files = Get-AdsBundleFileList -OutDir $OutDir -Cache $hashCache
        if ($context.Host) { $manifest.host = $context.Host }
        $manifest.collectorRedaction = Get-AdsRedactionSummary -Context $context
        # The step texts were redacted when recorded; this pass over the whole text is the safety net.
        Write-AdsTextFile -Path (Join-Path $OutDir 'manifest.json') -Text (Invoke-AdsRedactText -Text (ConvertTo-AdsJson -InputObject $manifest)).Text
    }

    $plan = @(
        @{ name = 'preflight'; fn = 'Invoke-AdsPreflight' },
        @{ name = 'proxy-config'; fn = 'Invoke-AdsProxyConfig' },
        @{ name = 'sync-cycle'; fn = 'Invoke-AdsSyncCycle' },
        @{ name = 'events'; fn = 'Invoke-AdsEvents' },
        @{ name = 'traces'; fn = 'Invoke-AdsTraces' },
        @{ name = 'probes'; fn = 'Invoke-AdsProbes' }
    )

    if ($sequential) {
        $context.Sequential = $true
        $notice = "PowerShell runs in $($script:LanguageMode) mode (an AppLocker or WDAC policy): the steps run one after another without runspaces or per-step time limits, and the live probes are skipped. For the full collector, sign the ps\ scripts with your organisation's code-signing certificate (README: 'Signing for servers that run only signed scripts') or run them from a path the policy allows."
        Write-Warning $notice
        Write-AdsProgress -Event ([ordered]@{ event = 'notice'; message = $notice })
        # The steps run in this session, so the simulator (test and demo only) is enabled here.
        if ($SimulationPath) { Enable-AdsSimulatorForSession -ScenarioPath $SimulationPath }
    }

    & $saveManifest
    Write-AdsProgress -Event ([ordered]@{ event = 'start'; outDir = $OutDir; steps = @($plan | ForEach-Object { $_.name }) })
    Write-Verbose "Collecting into $OutDir (steps: $(@($plan | ForEach-Object { $_.name }) -join ', '); each limited to ${StepTimeoutSeconds}s)"

    $worker = $null
    $abandoned = $false
    foreach ($step in $plan) {
        Write-AdsProgress -Event ([ordered]@{ event = 'step-start'; step = $step.name })
        Write-Verbose "Step $($step.name): started"
        $started = Get-Date
        $r = $null
        try {
            if ($sequential) {
                $r = Invoke-AdsSequentialStep -Function $step.fn -Context $context
            } else {
                if (-not $worker) { $worker = New-AdsWorker -Context $context }
                $r = Invoke-AdsBoundedStep -Worker $worker -Function $step.fn -Context $context -TimeoutSeconds $StepTimeoutSeconds -VerbosePreferenceValue $VerbosePreference
            }
        } catch {
            $r = @{ status = 'failed'; error = (Get-AdsErrorText $_); notes = @(); abandoned = $false; verbose = @() }
        }
        foreach ($v in @($r.verbose)) { if ($v) { Write-Verbose "Step $($step.name): $v" } }
        $durationMs = [long]((Get-Date) - $started).TotalMilliseconds
        if ($r.status -eq 'timeout') {
            # A timed-out worker is never reused: the next step gets a fresh one.
            if ($r.abandoned) { $abandoned = $true } else { Close-AdsWorker $worker }
            $worker = $null
        }
        # An error or a note may quote what the step read (a proxy URL with its password): redacted here,
        # before it reaches the manifest or the progress line.
        $removed = 0
        $stepError = $r.error
        if ($stepError) { $red = Invoke-AdsRedactText -Text ([string]$stepError); $stepError = $red.Text; $removed += $red.Secrets }
        $stepNotes = @(foreach ($note in @($r.notes)) { $red = Invoke-AdsRedactText -Text ([string]$note); $removed += $red.Secrets; $red.Text })
        if ($removed -gt 0) { Set-AdsRedactionCount -Context $context -RelativePath 'manifest.json' -Secrets $removed -Add }
        $record = [ordered]@{ name = $step.name; status = $r.status; durationMs = $durationMs; error = $stepError; notes = @($stepNotes) }
        $steps += @($record)
        try { & $saveManifest } catch { Write-Warning ('manifest: ' + $_.Exception.Message) }
        Write-AdsProgress -Event ([ordered]@{ event = 'step-end'; step = $step.name; status = $record.status; durationMs = $record.durationMs; error = $record.error })
        $suffix = ''
        if ($record.error) { $suffix = ': ' + $record.error }
        Write-Verbose "Step $($step.name): $($record.status) in $durationMs ms$suffix"
    }
    if (-not $abandoned -and $worker) { Close-AdsWorker $worker }

    $manifest.finishedAt = Format-AdsDate (Get-Date)
    & $saveManifest
    $exitCode = 0
    foreach ($s in $steps) { if ($s.status -eq 'failed' -or $s.status -eq 'timeout') { $exitCode = 3 } }
    Write-AdsProgress -Event ([ordered]@{ event = 'done'; exitCode = $exitCode })
    # What may leave the server (issue 15 A6): the folder has no secrets, but it has identities. The
    # words follow what `aadsync-diagnose run` says of its own folder and zip (src/cli/run.ts).
    $summary = Get-AdsRedactionSummary -Context $context
    Write-Host "bundle folder: $OutDir (secrets removed: $($summary.secrets); identities kept: user, host and domain names)"
    Write-Host 'not to be attached to a ticket as it is. For a report that is safe to attach, copy the folder to a machine with aadsync-diagnose and run:'
    Write-Host "  aadsync-diagnose analyze `"$OutDir`" --redact --format markdown"
    New-Object PSObject -Property ([ordered]@{ ExitCode = $exitCode; OutDir = $OutDir; Steps = @($steps); Abandoned = $abandoned; SecretsRemoved = $summary.secrets })
}
