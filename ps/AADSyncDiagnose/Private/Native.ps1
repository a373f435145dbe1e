# Native.ps1 - running a native program (netsh, whoami, sc) and capturing what it prints.

function Invoke-AdsNativeCommand {
    # stdout and stderr of a native command as text, and its exit code, the Windows PowerShell 5.1-safe
    # way (issue 13.7). In 5.1 each stderr line of `& exe 2>&1` becomes an ErrorRecord
    # (NativeCommandError) and with $ErrorActionPreference = 'Stop' the FIRST one throws; PowerShell
    # 7.2+ no longer applies the preference to redirected native stderr (PowerShell-Docs
    # about_Preference_Variables, 7.2 and later). So the preference is 'Continue' for this call only,
    # and the stderr records are turned back into their text, in order.
    # Arguments are passed as an array (data), never as a command string.
    param([Parameter(Mandatory = $true)][string]$FilePath, [string[]]$ArgumentList = @())
    $saved = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try {
        $global:LASTEXITCODE = 0
        $lines = @(& $FilePath @ArgumentList 2>&1)
        $exit = $LASTEXITCODE
    } finally { $ErrorActionPreference = $saved }
    $text = @($lines | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { [string]$_.Exception.Message } else { [string]$_ }
        }) -join "`r`n"
    return @{ ExitCode = [int]$exit; Text = $text }
}
