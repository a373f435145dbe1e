<#
.SYNOPSIS
  Runs ps/Invoke-AADSyncProbes.ps1 as the ADSync service account, through a one-shot scheduled task that
  is removed afterwards, and copies probes-service.json into -OutDir.

.DESCRIPTION
  Why a scheduled task: the sync service's proxy path depends on its Windows account (its WinINET, its
  identity at an authenticating proxy). Probing as the admin proves nothing about that account.

  Which accounts work, and what is documented:
    - a virtual account (NT SERVICE\ADSync, the default): principal with LogonType ServiceAccount. MS-TSCH
      (TASK_LOGON_SERVICE_ACCOUNT) documents that logon type for Local System, Local Service and Network
      Service only; that Task Scheduler accepts a virtual account with it is NOT documented (UNVERIFIED:
      'aadsync-diagnose self-test --as-service' tries it on the server).
    - a group Managed Service Account (DOMAIN\name$): LogonType Password, Windows fetches the managed
      password itself. This is a batch logon: the account needs the user right "Log on as a batch job"
      (SeBatchLogonRight); the Azure AD Connect documentation does not say that setup grants it
      (UNVERIFIED either way: a server's User Rights Assignment shows it). Without it the task cannot start
      (ERROR_LOGON_TYPE_NOT_GRANTED, 0x80070569), and this script says so in one line.
    - a plain domain or local user account: its password is not known here, so the step is skipped.
  The task, its working folder under %ProgramData%\aadsync-diagnose (whose ACE, set with icacls, is the
  only permission given to the account) and the copied script are removed in every case. Cleanup does not depend on
  this process surviving: with -Cleanup -TaskId the same removal runs on its own, and the driver runs
  it after a timeout (it kills this process when it does not answer in time).

  Prints one line of JSON (ASCII: non-ASCII as \uXXXX):
    { "status": "ok|failed|skipped|timeout", "error": null|"...", "file": "...", "taskId": "..." }
  With -Cleanup: { "status": "cleaned", "removed": [ ... ], "error": null|"..." }.
  Parameters are data (-File parameters); nothing is interpolated into code. Windows PowerShell 5.1, ASCII.

.PARAMETER ProbeScript
  Path of Invoke-AADSyncProbes.ps1 (copied into the task's working folder).
.PARAMETER OutDir
  Folder that receives probes-service.json.
.PARAMETER ServiceAccount
  The ADSync service account as Win32_Service reports it (StartName), e.g. NT SERVICE\ADSync.
.PARAMETER ProxyJson
  The same -ProxyJson input the admin probes got (proxy, endpoints).
.PARAMETER TimeoutSeconds
  How long the task may run (its ExecutionTimeLimit) and how long this script waits for it.
.PARAMETER TaskId
  12 hex digits naming the task (aadsync-diagnose-probe-<TaskId>) and its folder (probe-<TaskId>). The
  driver chooses it, so that it can clean up without this process. Default: a new random one.
.PARAMETER Cleanup
  Only remove the task, the folder and its ACE of -TaskId (and the parent folder when empty).

.EXAMPLE
  powershell.exe -NoProfile -File .\Invoke-AADSyncProbesAsService.ps1 -ProbeScript .\Invoke-AADSyncProbes.ps1 -OutDir C:\Temp\probes -ServiceAccount 'NT SERVICE\ADSync'
#>
[CmdletBinding(DefaultParameterSetName = 'Run')]
param(
  [Parameter(Mandatory = $true, ParameterSetName = 'Run')][string]$ProbeScript,
  [Parameter(Mandatory = $true, ParameterSetName = 'Run')][string]$OutDir,
  [Parameter(Mandatory = $true, ParameterSetName = 'Run')][string]$ServiceAccount,
  [Parameter(ParameterSetName = 'Run')][string]$ProxyJson,
  [Parameter(ParameterSetName = 'Run')][ValidateRange(10, 3600)][int]$TimeoutSeconds = 180,
  [Parameter(ParameterSetName = 'Run')][Parameter(Mandatory = $true, ParameterSetName = 'Cleanup')][ValidatePattern('^[0-9a-f]{12}$')][string]$TaskId,
  [Parameter(Mandatory = $true, ParameterSetName = 'Cleanup')][switch]$Cleanup
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }

# ERROR_LOGON_TYPE_NOT_GRANTED as Task Scheduler reports it: HRESULT 0x80070569, decimal 2147943785 in
# the task history ("Error Value: 2147943785": a task whose account lacks "Log on as a batch job",
# public write-up skygroup.jp tech-blog 1817), -2147023511 as a signed Int32.
$script:LogonTypeNotGranted = @(2147943785, -2147023511)

function Write-Outcome([System.Collections.IDictionary]$Outcome) {
  # One ASCII line: under 5.1 a redirected stdout keeps the OEM code page (see ConvertTo-AdsJson).
  $json = ConvertTo-Json -InputObject $Outcome -Compress -Depth 4
  if ($json -match '[^\x00-\x7F]') {
    $parts = [regex]::Split($json, '([^\x00-\x7F])')
    for ($i = 1; $i -lt $parts.Length; $i += 2) { $parts[$i] = '\u{0:x4}' -f [int][char]$parts[$i] }
    $json = -join $parts
  }
  [Console]::Out.WriteLine($json)
  [Console]::Out.Flush()
}

function Invoke-Native([string]$FilePath, [string[]]$ArgumentList) {
  # A native program's output and exit code, the 5.1-safe way: under Stop, 5.1 throws on the first
  # stderr line of '2>&1' (see ps/AADSyncDiagnose/Private/Native.ps1).
  $saved = $ErrorActionPreference
  $ErrorActionPreference = 'Continue'
  try { $global:LASTEXITCODE = 0; $lines = @(& $FilePath @ArgumentList 2>&1); $exit = $LASTEXITCODE } finally { $ErrorActionPreference = $saved }
  return @{ ExitCode = [int]$exit; Text = (@($lines | ForEach-Object { [string]$_ }) -join ' ') }
}

function Get-WorkRoot {
  $pd = $env:ProgramData
  if (-not $pd) { $pd = 'C:\ProgramData' }
  return (Join-Path $pd 'aadsync-diagnose')
}

function Remove-ProbeTask([string]$Id) {
  # Removes the task, its folder (with the service account's ACE on it) and the parent when empty.
  # Every part is tried whatever happened to the others; returns what was removed, and the first error.
  $name = 'aadsync-diagnose-probe-' + $Id
  $work = Join-Path (Get-WorkRoot) ('probe-' + $Id)
  $removed = @()
  $firstError = $null
  try {
    if (Get-ScheduledTask -TaskName $name -ErrorAction SilentlyContinue) {
      try { Stop-ScheduledTask -TaskName $name -ErrorAction SilentlyContinue } catch { }
      Unregister-ScheduledTask -TaskName $name -Confirm:$false -ErrorAction Stop
      $removed += "task $name"
    }
  } catch { if (-not $firstError) { $firstError = "task ${name}: $($_.Exception.Message)" } }
  try {
    if (Test-Path -LiteralPath $work) { Remove-Item -LiteralPath $work -Recurse -Force; $removed += "folder $work" }
  } catch { if (-not $firstError) { $firstError = "folder ${work}: $($_.Exception.Message)" } }
  try {
    $root = Get-WorkRoot
    if ((Test-Path -LiteralPath $root) -and @(Get-ChildItem -LiteralPath $root -Force).Count -eq 0) { Remove-Item -LiteralPath $root -Force; $removed += "folder $root" }
  } catch { }
  return @{ removed = $removed; error = $firstError }
}

function Get-LogonHint([string]$Account, [string]$LogonType, $Result) {
  # The one line that says what to grant, when the task could not log on as a gMSA.
  $code = $null
  if ($null -ne $Result) { try { $code = [long]$Result } catch { $code = $null } }
  $hex = ''
  if ($null -ne $code) { $hex = ' (0x{0:X8})' -f ($code -band 0xFFFFFFFFL) }
  if (($null -ne $code -and $script:LogonTypeNotGranted -contains $code) -or ($LogonType -eq 'Password' -and $code -eq 267011)) {
    return "the probe task could not log on as ${Account}${hex}: a scheduled task runs as a batch logon, and a group Managed Service Account needs the user right 'Log on as a batch job' (SeBatchLogonRight), and this one does not hold it: grant it to $Account (Local Security Policy > User Rights Assignment, or the GPO that sets it) and run --as-service again, or run the probes as that account by hand"
  }
  return $null
}

if ($Cleanup) {
  $r = Remove-ProbeTask -Id $TaskId
  Write-Outcome ([ordered]@{ status = 'cleaned'; removed = @($r.removed); error = $r.error })
  exit 0
}

if (-not $TaskId) { $TaskId = [guid]::NewGuid().ToString('N').Substring(0, 12) }
$base = [ordered]@{ status = 'failed'; error = $null; file = $null; taskId = $TaskId }

if (-not (Get-Command -Name Register-ScheduledTask -ErrorAction SilentlyContinue)) {
  $base.status = 'skipped'; $base.error = 'the ScheduledTasks module is not available (probing as the service account needs Windows)'
  Write-Outcome $base; exit 0
}
if (-not (Test-Path -LiteralPath $ProbeScript -PathType Leaf)) { $base.error = "probe script not found: $ProbeScript"; Write-Outcome $base; exit 0 }
if ($ProxyJson -and -not (Test-Path -LiteralPath $ProxyJson -PathType Leaf)) { $base.error = "ProxyJson not found: $ProxyJson"; Write-Outcome $base; exit 0 }

$logonType = $null
if ($ServiceAccount -match '^NT SERVICE\\[A-Za-z0-9_.-]+$' -or $ServiceAccount -match '^NT AUTHORITY\\(SYSTEM|LOCAL SERVICE|NETWORK SERVICE)$') {
  $logonType = 'ServiceAccount'
} elseif ($ServiceAccount -match '^[A-Za-z0-9_.-]+\\[A-Za-z0-9_.-]+\$$') {
  $logonType = 'Password'   # gMSA: Task Scheduler retrieves the managed password itself (a batch logon)
} else {
  $base.status = 'skipped'
  $base.error = "the service runs as '$ServiceAccount', a user account whose password is not known here: run the probes as that user by hand (powershell -File Invoke-AADSyncProbes.ps1 -As service)"
  Write-Outcome $base; exit 0
}

$taskName = 'aadsync-diagnose-probe-' + $TaskId
$work = Join-Path (Get-WorkRoot) ('probe-' + $TaskId)
try {
  New-Item -ItemType Directory -Path $work -Force | Out-Null
  # Only this folder is opened to the service account (Modify, inherited by what the task writes); the
  # output is copied out by us. icacls, not the .NET ACL types: those are blocked in Constrained
  # Language mode. The grant is one argument (data), never part of a command string.
  $icacls = Join-Path $env:SystemRoot 'System32\icacls.exe'
  $grant = Invoke-Native -FilePath $icacls -ArgumentList @($work, '/grant', ($ServiceAccount + ':(OI)(CI)M'))
  if ($grant.ExitCode -ne 0) { throw "icacls could not give $ServiceAccount access to ${work}: $($grant.Text)" }
  $script = Join-Path $work 'Invoke-AADSyncProbes.ps1'
  Copy-Item -LiteralPath $ProbeScript -Destination $script
  $outInTask = Join-Path $work 'out'
  $arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "' + $script + '" -OutDir "' + $outInTask + '" -As service'
  if ($ProxyJson) {
    $jsonCopy = Join-Path $work 'probe-input.json'
    Copy-Item -LiteralPath $ProxyJson -Destination $jsonCopy
    $arguments += ' -ProxyJson "' + $jsonCopy + '"'
  }
  $powershell = Join-Path $env:SystemRoot 'System32\WindowsPowerShell\v1.0\powershell.exe'
  $action = New-ScheduledTaskAction -Execute $powershell -Argument $arguments -WorkingDirectory $work
  $principal = New-ScheduledTaskPrincipal -UserId $ServiceAccount -LogonType $logonType -RunLevel Limited
  $settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Seconds $TimeoutSeconds) -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries
  Register-ScheduledTask -TaskName $taskName -Action $action -Principal $principal -Settings $settings | Out-Null
  Start-ScheduledTask -TaskName $taskName
  $started = Get-Date
  $deadline = $started.AddSeconds($TimeoutSeconds + 15)
  $finished = $false
  $lastResult = $null
  while ((Get-Date) -lt $deadline) {
    Start-Sleep -Milliseconds 500
    $task = Get-ScheduledTask -TaskName $taskName
    if ([string]$task.State -ne 'Running' -and [string]$task.State -ne 'Queued') {
      $info = Get-ScheduledTaskInfo -TaskName $taskName
      $lastResult = $info.LastTaskResult
      # 267011 (0x41303): the task has not run yet. A task that stays Ready with it for 20 s did not
      # start: for a gMSA, that is the logon it was refused (UNVERIFIED which of the two a server shows).
      if ($lastResult -ne 267011) { $finished = $true; break }
      if (((Get-Date) - $started).TotalSeconds -ge 20) { break }
    }
  }
  $produced = Join-Path $outInTask 'probes-service.json'
  $hint = Get-LogonHint -Account $ServiceAccount -LogonType $logonType -Result $lastResult
  if ($hint) {
    $base.error = $hint
  } elseif (-not $finished) {
    $base.status = 'timeout'
    $base.error = "the probe task did not finish within $TimeoutSeconds s"
  } elseif (Test-Path -LiteralPath $produced) {
    if (-not (Test-Path -LiteralPath $OutDir)) { New-Item -ItemType Directory -Path $OutDir -Force | Out-Null }
    $base.file = Join-Path $OutDir 'probes-service.json'
    Copy-Item -LiteralPath $produced -Destination $base.file -Force
    $base.status = 'ok'
  } else {
    $base.error = 'the probe task ended with result 0x{0:X8} and wrote no probes-service.json' -f ([long]$lastResult -band 0xFFFFFFFFL)
  }
} catch {
  $hint = $null
  $hr = $null
  try { $hr = $_.Exception.HResult } catch { }
  if ($null -ne $hr) { $hint = Get-LogonHint -Account $ServiceAccount -LogonType $logonType -Result $hr }
  if (-not $hint -and [string]$_.Exception.Message -match '0x80070569') { $hint = Get-LogonHint -Account $ServiceAccount -LogonType $logonType -Result 2147943785 }
  if ($hint) { $base.error = $hint } else { $base.error = $_.Exception.Message }
} finally {
  $r = Remove-ProbeTask -Id $TaskId
  if ($r.error -and $base.status -eq 'ok') { $base.error = 'cleanup: ' + $r.error }
}
Write-Outcome $base
exit 0
