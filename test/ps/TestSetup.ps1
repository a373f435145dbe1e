# Shared setup of the Pester tests, dot-sourced in each file's BeforeAll:
#   . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')   (from test/ps/Private and test/ps/Public)
#
# Imports ps/AADSyncDiagnose through its manifest, and makes the module's private functions callable
# from the tests (each through the module's own scope, like InModuleScope: Mock -ModuleName
# AADSyncDiagnose still replaces what they call). Get-WinEvent and the ADSync cmdlets do not exist on
# Linux pwsh: stub functions with the real parameter names are defined so that Pester can mock them.

$script:Root = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).ProviderPath
$script:ModuleManifest = Join-Path $script:Root 'ps' 'AADSyncDiagnose' 'AADSyncDiagnose.psd1'
Import-Module $script:ModuleManifest -Force -DisableNameChecking

$script:AdsModule = Get-Module -Name AADSyncDiagnose
$private = & $script:AdsModule { @(Get-ChildItem function: | Where-Object { $_.Module -and $_.Module.Name -eq 'AADSyncDiagnose' } | ForEach-Object { $_.Name }) }
foreach ($name in $private) {
    if ($script:AdsModule.ExportedFunctions.ContainsKey($name)) { continue }
    # The name travels as data into a fixed script block; $args keeps named parameters.
    Set-Item -Path "function:global:$name" -Value ([scriptblock]::Create(('& (Get-Module AADSyncDiagnose) {{ param([string]$__name, [object[]]$__args) & $__name @__args }} ''{0}'' $args' -f $name)))
}

function global:Get-WinEvent { [CmdletBinding()] param([hashtable]$FilterHashtable, [long]$MaxEvents, [string[]]$LogName) }
function global:Get-ADSyncScheduler { [CmdletBinding()] param() }
function global:Get-ADSyncConnectorRunStatus { [CmdletBinding()] param() }
function global:Start-ADSyncSyncCycle { [CmdletBinding()] param([string]$PolicyType, [bool]$InteractiveMode) }
function global:Get-ADSyncRunProfileResult { [CmdletBinding()] param([Guid]$RunHistoryId, [int]$NumberRequested, [switch]$RunStepDetails) }
function global:Get-ADSyncConnector { [CmdletBinding()] param() }

function global:New-TestContext([string]$Sync = 'Delta') {
    $dir = Join-Path ([IO.Path]::GetTempPath()) ('ads-pester-' + [guid]::NewGuid().ToString('n'))
    [void](New-Item -ItemType Directory -Path $dir)
    return @{ OutDir = $dir; Sync = $Sync; SinceHours = 24; StepTimeoutSeconds = 60; SyncWaitSeconds = 20; NoProbe = $false
              ModuleImported = $true; AdSync = (New-AdsAdSyncRecord); InstallBin = $null; MiiServerExe = $null; Simulated = $false
              CurrentIdentity = @{ Name = 'CONTOSO\admin'; Sid = 'S-1-5-21-1-2-3-1104' } }
}
function global:New-Scheduler([hashtable]$Over = @{}) {
    $h = [ordered]@{ AllowedSyncCycleInterval = [TimeSpan]::FromMinutes(30); CurrentlyEffectiveSyncCycleInterval = [TimeSpan]::FromMinutes(30)
                     CustomizedSyncCycleInterval = $null; NextSyncCyclePolicyType = 'Delta'; NextSyncCycleStartTimeInUTC = [datetime]'2026-11-25T10:30:00'
                     PurgeRunHistoryInterval = [TimeSpan]::FromDays(7); SyncCycleEnabled = $true; MaintenanceEnabled = $true
                     StagingModeEnabled = $false; SchedulerSuspended = $false; SyncCycleInProgress = $false }
    foreach ($k in $Over.Keys) { $h[$k] = $Over[$k] }
    return [pscustomobject]$h
}
function global:Read-Json([hashtable]$Ctx, [string]$Rel) { Get-Content -Raw -LiteralPath (Join-Path $Ctx.OutDir $Rel) | ConvertFrom-Json }
function global:New-NoEventsError {
    $ex = New-Object System.Exception 'No events were found that match the specified selection criteria.'
    New-Object System.Management.Automation.ErrorRecord $ex, 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand', 'ObjectNotFound', $null
}

# Runs $Body with the module loaded in Constrained Language mode (AppLocker/WDAC, issue 13.10): a job
# whose session is switched before the module is imported; $Body runs in the module's scope. Returns
# its output; any error it writes fails the calling test.
$global:AdsTestModuleManifest = $script:ModuleManifest
function global:Invoke-AdsConstrained([scriptblock]$Body, [object[]]$ArgumentList = @()) {
    $job = Start-Job -ScriptBlock {
        param($manifest, $body, $rest)
        $ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'
        Import-Module $manifest
        # [scriptblock]::Create is a method call CLM refuses; Invoke-Expression of a script block
        # literal is how constrained code makes one (it is then constrained too).
        & (Get-Module AADSyncDiagnose) { param($b, $r) $sb = Invoke-Expression ('{' + $b + '}'); & $sb @r } $body $rest
    } -ArgumentList $global:AdsTestModuleManifest, $Body.ToString(), $ArgumentList
    $jobErrors = $null
    $out = Receive-Job $job -Wait -AutoRemoveJob -ErrorAction SilentlyContinue -ErrorVariable jobErrors
    # An error a constrained code path writes (a strict-mode slip, a refused method) fails the test.
    if ($jobErrors) { throw ('constrained code wrote errors: ' + ($jobErrors -join ' | ')) }
    $out
}
