# TaskPrincipal.ps1 - can Task Scheduler run a task as the ADSync service account (--as-service)?
#
# What is documented: MS-TSCH 2.3.7 TASK_LOGON_TYPE: TASK_LOGON_SERVICE_ACCOUNT is for "local system,
# local service, or network service"; a group Managed Service Account takes TASK_LOGON_PASSWORD with
# the password fetched by Windows, a batch logon that needs "Log on as a batch job". That a virtual
# account (NT SERVICE\ADSync) is accepted with ServiceAccount is NOT documented (UNVERIFIED): the
# self-test with -TryTaskPrincipal registers one disabled task to find out, and removes it.
# ps/Invoke-AADSyncProbesAsService.ps1 (standalone) maps accounts the same way; a Pester test checks it.

function Get-AdsTaskLogonType {
    # ServiceAccount, Password (gMSA), or $null (a user account whose password is not known).
    param([string]$Account)
    if ($Account -match '^NT SERVICE\\[A-Za-z0-9_.-]+$' -or $Account -match '^NT AUTHORITY\\(SYSTEM|LOCAL SERVICE|NETWORK SERVICE)$') { return 'ServiceAccount' }
    if ($Account -match '^[A-Za-z0-9_.-]+\\[A-Za-z0-9_.-]+\$$') { return 'Password' }
    return $null
}

function Test-AdsTaskPrincipal {
    # @{ status; detail } for the self-test. Without -Register nothing is registered: it says what
    # would be tried. With -Register: one DISABLED task (never started) with the service account as
    # principal, removed in finally whatever happened.
    param([string]$Account, [switch]$Register)
    if (-not $Account) { return @{ status = 'absent'; detail = 'the ADSync service account is unknown (service not found)' } }
    $logonType = Get-AdsTaskLogonType -Account $Account
    if (-not $logonType) { return @{ status = 'skipped'; detail = "'$Account' is a user account: --as-service skips it (its password is not known)" } }
    $batch = ''
    if ($logonType -eq 'Password') { $batch = '; a gMSA task is a batch logon: whether the account holds "Log on as a batch job" (SeBatchLogonRight) shows only when the task starts (run --as-service)' }
    if (-not $Register) {
        return @{ status = 'skipped'; detail = "would run the probes as $Account with LogonType $logonType; not tried (self-test --as-service registers and removes one disabled task)$batch" }
    }
    if (-not (Get-Command -Name Register-ScheduledTask -ErrorAction SilentlyContinue)) { return @{ status = 'absent'; detail = 'the ScheduledTasks module is not available' } }
    $name = 'aadsync-diagnose-check-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
    $root = $env:SystemRoot
    if (-not $root) { $root = 'C:\Windows' }
    try {
        $action = New-ScheduledTaskAction -Execute (Join-AdsWinPath $root 'System32\WindowsPowerShell\v1.0\powershell.exe') -Argument '-NoProfile -NonInteractive -Command exit'
        $principal = New-ScheduledTaskPrincipal -UserId $Account -LogonType $logonType -RunLevel Limited
        $settings = New-ScheduledTaskSettingsSet -Disable
        Register-ScheduledTask -TaskName $name -Action $action -Principal $principal -Settings $settings -ErrorAction Stop | Out-Null
        return @{ status = 'ok'; detail = "Task Scheduler accepted $Account with LogonType $logonType (a disabled task, registered and removed)$batch" }
    } catch {
        return @{ status = 'failed'; detail = "Task Scheduler refused $Account with LogonType ${logonType}: $(Get-AdsErrorText $_)" }
    } finally {
        try { Unregister-ScheduledTask -TaskName $name -Confirm:$false -ErrorAction SilentlyContinue } catch { }
    }
}
