<#
.SYNOPSIS
    Self-test of the aadsync-diagnose collector: runs its read-only parts against this machine.

.DESCRIPTION
    The entry script of aadsync-diagnose self-test: loads the AADSyncDiagnose module beside it and runs
    Test-AADSyncDiagnose. Every OS read the collector makes is tried once (registry, netsh, service,
    process, files, events, the ADSync module and Get-ADSyncScheduler), and the assumptions that can
    only be checked on a real server are printed. Nothing is written, no sync cycle is started (with
    -TryTaskPrincipal, one disabled scheduled task is registered and removed).
    One line per check on standard output:
        ##aadsync {"event":"check","name":"netsh winhttp","status":"ok","detail":"..."}
    status: ok (works), absent (works, the thing is not on this machine), skipped (not tried; the
    detail says why), failed (the read itself failed).
    Exit code 0 when no check failed, 1 otherwise, 2 when the module cannot be loaded.

.PARAMETER SimulationPath
    Test only: answer every read from a scenario folder (see Invoke-AADSyncDiagnose.ps1).

.PARAMETER TryTaskPrincipal
    Also register one disabled scheduled task with the ADSync service account as its principal (never
    started) and remove it: whether run --as-service can use that account.

.EXAMPLE
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\Test-AADSyncDiagnose.ps1
#>

#Requires -Version 5.1
[CmdletBinding()]
param([string]$SimulationPath = '', [switch]$TryTaskPrincipal)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
Set-StrictMode -Version 2.0

try {
    Import-Module -Name (Join-Path (Join-Path $PSScriptRoot 'AADSyncDiagnose') 'AADSyncDiagnose.psd1') -Force -Verbose:$false
} catch {
    $line = 'Test-AADSyncDiagnose: cannot load the AADSyncDiagnose module: ' + $_.Exception.Message
    if ($ExecutionContext.SessionState.LanguageMode -eq 'FullLanguage') { [Console]::Error.WriteLine($line) }
    else { Write-Error -Message $line -ErrorAction Continue }
    exit 2
}
$failed = 0
foreach ($c in @(Test-AADSyncDiagnose -SimulationPath $SimulationPath -ProgressLines -TryTaskPrincipal:$TryTaskPrincipal)) { if ($c.Status -eq 'failed') { $failed++ } }
if ($failed -gt 0) { exit 1 }
exit 0
