<#
.SYNOPSIS
    Collects the evidence aadsync-diagnose needs on an Azure AD Connect (Entra Connect Sync) server.

.DESCRIPTION
    The entry script of the collector: loads the AADSyncDiagnose module beside it and runs
    Invoke-AADSyncDiagnose (Get-Help Invoke-AADSyncDiagnose -Full, once the module is imported, says
    more). It writes a support-bundle folder that aadsync-diagnose analyze reads on any machine.

    Each step (preflight, proxy-config, sync-cycle, events, traces, probes) has a time limit and is
    recorded in manifest.json with its status as soon as it ends. The only change made to the server
    is the sync cycle it starts: -Sync None starts none, -WhatIf shows it without starting it.

    With -Fix or -Undo it collects nothing: it applies a fix to machine.config and the .NET TLS values
    (Invoke-AADSyncFix: backups, a journal in OutDir, the exact diffs with -WhatIf) or takes the last one
    back (Undo-AADSyncFix). Exit code 0 done or previewed, 2 refused (bad parameters, not elevated, a file
    to fix by hand: nothing changed), 3 a change failed and was rolled back.

    Progress goes to standard output as one line per step event:
        ##aadsync {"event":"step-start","step":"events"}
        ##aadsync {"event":"step-end","step":"events","status":"ok","durationMs":812,"error":null}

    Exit code: 0 when every step was ok or skipped, 3 when a step failed or timed out, 2 on bad
    parameters or when the module cannot be loaded (one line on standard error says why).

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

.PARAMETER ToolVersion
    The version written into manifest.json (the aadsync-diagnose driver passes its own).

.PARAMETER SimulationPath
    Test and demo only: a scenario folder (scenarios/<name>). Every read of the machine is answered by
    the simulator in ps/simulator instead. Never use it on a real server.

.PARAMETER Fix
    Instead of collecting: apply a fix (Invoke-AADSyncFix) - the plan from -FixPlan, or from -ProxyAddress
    and/or -Tls12. Asks before each change; -WhatIf shows the exact diffs and changes nothing; -Force does
    not ask. The journal goes into OutDir.

.PARAMETER FixPlan
    With -Fix: a plan file (aadsync-diagnose fix writes one; New-AADSyncFixPlan builds one).

.PARAMETER ProxyAddress
    With -Fix: the proxy for machine.config, host:port or http://host:port.

.PARAMETER UseDefaultCredentials
    With -Fix -ProxyAddress: send the service account's Windows credentials to the proxy (a proxy that answers 407).

.PARAMETER BypassList
    With -Fix -ProxyAddress: <bypasslist> regular expressions (never a Microsoft endpoint).

.PARAMETER Tls12
    With -Fix: set SchUseStrongCrypto and SystemDefaultTlsVersions for .NET (64- and 32-bit).

.PARAMETER RestartService
    With -Fix or -Undo: restart ADSync afterwards, only when no sync cycle runs (it reads machine.config at start).

.PARAMETER RestartTimeoutSeconds
    How long -RestartService waits for a running sync cycle to end (default 600).

.PARAMETER Undo
    Instead of collecting: take back the newest fix whose journal is in OutDir (or OutDir itself when it is
    a fix folder), exactly (Undo-AADSyncFix).

.PARAMETER Force
    With -Fix or -Undo: do not ask before each change.

.PARAMETER ResultPath
    With -Fix or -Undo: also write the result as JSON to this file (for the aadsync-diagnose driver).

.EXAMPLE
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Invoke-AADSyncDiagnose.ps1 -OutDir C:\Temp\aadsync -Sync None -SinceHours 48

    Collects two days of evidence without starting a sync cycle.

.EXAMPLE
    .\Invoke-AADSyncDiagnose.ps1 -OutDir C:\Temp\aadsync -WhatIf

    Collects everything and says which sync cycle it would start, without starting it.

.EXAMPLE
    .\Invoke-AADSyncDiagnose.ps1 -OutDir C:\Temp\aadsync -Fix -ProxyAddress proxy.contoso.com:8080 -WhatIf

    Shows the exact change of both machine.config files; -Confirm instead of -WhatIf applies it, asking first.
#>

#Requires -Version 5.1
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
param(
    [Parameter(Mandatory = $true)][string]$OutDir,
    [ValidateSet('Delta', 'Initial', 'None')][string]$Sync = 'Delta',
    [ValidateRange(0.01, 8760)][double]$SinceHours = 24,
    [ValidateRange(1, 86400)][int]$StepTimeoutSeconds = 600,
    [switch]$NoProbe,
    [string]$ToolVersion = '',
    [string]$SimulationPath = '',
    # -Fix / -Undo (ps/AADSyncDiagnose/Private/Fix.Entry.ps1): instead of collecting.
    [switch]$Fix,
    [string]$FixPlan,
    [string]$ProxyAddress,
    [switch]$UseDefaultCredentials,
    [string[]]$BypassList,
    [switch]$Tls12,
    [switch]$RestartService,
    [ValidateRange(0, 86400)][int]$RestartTimeoutSeconds = 600,
    [switch]$Undo,
    [switch]$Force,
    [string]$ResultPath
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Progress lines are ASCII JSON, but error texts may be localized: ask for UTF-8 where a console allows it.
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
Set-StrictMode -Version 2.0

function Write-Fatal([string]$Message, [int]$Code) {
    $line = 'Invoke-AADSyncDiagnose: ' + $Message
    # Constrained Language (AppLocker/WDAC) has no [Console]: the host writes the error record instead.
    if ($ExecutionContext.SessionState.LanguageMode -eq 'FullLanguage') { [Console]::Error.WriteLine($line) }
    else { Write-Error -Message $line -ErrorAction Continue }
    exit $Code
}

try {
    Import-Module -Name (Join-Path (Join-Path $PSScriptRoot 'AADSyncDiagnose') 'AADSyncDiagnose.psd1') -Force -Verbose:$false
} catch { Write-Fatal ('cannot load the AADSyncDiagnose module: ' + $_.Exception.Message) 2 }

$fixCall = & (Get-Module -Name AADSyncDiagnose) { param($b) Test-AdsFixRequested -Bound $b } $PSBoundParameters
if ($fixCall) {
    $bound = @{}
    foreach ($k in $PSBoundParameters.Keys) { $bound[$k] = $PSBoundParameters[$k] }
    $bound['WhatIf'] = [bool]$WhatIfPreference
    # -WhatIf and -Confirm go on to the fix functions as parameters (they decide their ShouldProcess calls);
    # left in this scope they would reach every cmdlet the module and the simulator call underneath.
    $WhatIfPreference = $false
    if ($PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'High' }
    $code = & (Get-Module -Name AADSyncDiagnose) { param($b) Invoke-AdsFixEntry -Bound $b } $bound
    exit ([int]@($code)[-1])
}

try {
    $result = Invoke-AADSyncDiagnose @PSBoundParameters -ErrorAction Stop
} catch {
    # Bad parameters, or no redaction rules beside the module (nothing collected): exit 2.
    if (@('InvalidArgument', 'NotInstalled') -contains [string]$_.CategoryInfo.Category) { Write-Fatal $_.Exception.Message 2 }
    Write-Fatal ('the collector stopped: ' + $_.Exception.Message) 3
}
if ($result.Abandoned) {
    # A step thread that ignored Stop() would keep the process alive: end it explicitly.
    [Console]::Out.Flush()
    [Environment]::Exit($result.ExitCode)
}
exit $result.ExitCode
