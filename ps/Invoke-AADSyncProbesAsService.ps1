<#
.SYNOPSIS
  Runs ps/Invoke-AADSyncProbes.ps1 as the ADSync service account, through a one-shot scheduled task that
  is removed afterwards, and copies probes-service.json into -OutDir.

.DESCRIPTION
  Why a scheduled task: the sync service's proxy path depends on its Windows account (its WinINET, its
  identity at an authenticating proxy). Probing as the admin proves nothing about that account.

  Which accounts work:
    - a virtual account (NT SERVICE\ADSync, the default): principal with LogonType ServiceAccount;
    - a group Managed Service Account (DOMAIN\name$): LogonType Password, Windows fetches the password;
    - a plain domain or local user account: its password is not known here, so the step is skipped.
  The task, its working folder (under %ProgramData%) and the copied script are removed in every case.

  Prints one line of JSON: { "status": "ok|failed|skipped|timeout", "error": null|"...", "file": "..." }.
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
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$ProbeScript,
  [Parameter(Mandatory = $true)][string]$OutDir,
  [Parameter(Mandatory = $true)][string]$ServiceAccount,
  [string]$ProxyJson,
  [ValidateRange(10, 3600)][int]$TimeoutSeconds = 180
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

function Write-Outcome([string]$Status, [string]$ErrorText, [string]$File) {
  $o = [ordered]@{ status = $Status; error = $null; file = $null }
  if ($ErrorText) { $o.error = $ErrorText }
  if ($File) { $o.file = $File }
  Write-Output (ConvertTo-Json -InputObject $o -Compress)
}

if (-not (Get-Command -Name Register-ScheduledTask -ErrorAction SilentlyContinue)) {
  Write-Outcome 'skipped' 'the ScheduledTasks module is not available (probing as the service account needs Windows)' $null
  exit 0
}
if (-not (Test-Path -LiteralPath $ProbeScript -PathType Leaf)) { Write-Outcome 'failed' "probe script not found: $ProbeScript" $null; exit 0 }
if ($ProxyJson -and -not (Test-Path -LiteralPath $ProxyJson -PathType Leaf)) { Write-Outcome 'failed' "ProxyJson not found: $ProxyJson" $null; exit 0 }

$logonType = $null
if ($ServiceAccount -match '^NT SERVICE\\[A-Za-z0-9_.-]+$' -or $ServiceAccount -match '^NT AUTHORITY\\(SYSTEM|LOCAL SERVICE|NETWORK SERVICE)$') {
  $logonType = 'ServiceAccount'
} elseif ($ServiceAccount -match '^[A-Za-z0-9_.-]+\\[A-Za-z0-9_.-]+\$$') {
  $logonType = 'Password'   # gMSA: Task Scheduler retrieves the managed password itself
} else {
  Write-Outcome 'skipped' "the service runs as '$ServiceAccount', a user account whose password is not known here: run the probes as that user by hand (powershell -File Invoke-AADSyncProbes.ps1 -As service)" $null
  exit 0
}

$id = [guid]::NewGuid().ToString('N').Substring(0, 12)
$taskName = 'aadsync-diagnose-probe-' + $id
$work = Join-Path $env:ProgramData ('aadsync-diagnose\probe-' + $id)
$status = 'failed'
$errorText = $null
$resultFile = $null
try {
  New-Item -ItemType Directory -Path $work -Force | Out-Null
  # Only this folder is opened to the service account (Modify); the output is copied out by us.
  $acl = Get-Acl -LiteralPath $work
  $rule = New-Object System.Security.AccessControl.FileSystemAccessRule -ArgumentList $ServiceAccount, 'Modify', 'ContainerInherit,ObjectInherit', 'None', 'Allow'
  $acl.AddAccessRule($rule)
  Set-Acl -LiteralPath $work -AclObject $acl
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
  $deadline = (Get-Date).AddSeconds($TimeoutSeconds + 15)
  $finished = $false
  while ((Get-Date) -lt $deadline) {
    Start-Sleep -Milliseconds 500
    $task = Get-ScheduledTask -TaskName $taskName
    if ($task.State -ne 'Running' -and $task.State -ne 'Queued') {
      $info = Get-ScheduledTaskInfo -TaskName $taskName
      # 267011 (0x41303): the task has not run yet.
      if ($info.LastTaskResult -ne 267011) { $finished = $true; break }
    }
  }
  $produced = Join-Path $outInTask 'probes-service.json'
  if (-not $finished) {
    $status = 'timeout'
    $errorText = "the probe task did not finish within $TimeoutSeconds s"
  } elseif (Test-Path -LiteralPath $produced) {
    if (-not (Test-Path -LiteralPath $OutDir)) { New-Item -ItemType Directory -Path $OutDir -Force | Out-Null }
    $resultFile = Join-Path $OutDir 'probes-service.json'
    Copy-Item -LiteralPath $produced -Destination $resultFile -Force
    $status = 'ok'
  } else {
    $info = Get-ScheduledTaskInfo -TaskName $taskName
    $errorText = 'the probe task ended with result 0x{0:X} and wrote no probes-service.json' -f $info.LastTaskResult
  }
} catch {
  $errorText = $_.Exception.Message
} finally {
  try { Stop-ScheduledTask -TaskName $taskName -ErrorAction SilentlyContinue } catch { }
  try { Unregister-ScheduledTask -TaskName $taskName -Confirm:$false -ErrorAction SilentlyContinue } catch { }
  try { if (Test-Path -LiteralPath $work) { Remove-Item -LiteralPath $work -Recurse -Force } } catch { }
}
Write-Outcome $status $errorText $resultFile
exit 0
