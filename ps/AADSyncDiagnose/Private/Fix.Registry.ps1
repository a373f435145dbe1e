# Fix.Registry.ps1 - the ONE implementation of the .NET TLS 1.2 registry change: SchUseStrongCrypto and
# SystemDefaultTlsVersions = 1 (REG_DWORD) under HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319 in the
# 64-bit and the 32-bit registry view, as Microsoft's TLS 1.2 page for Entra Connect sets them
# (https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-tls-enforcement). The
# SCHANNEL protocol keys of that page are not touched: TLS 1.2 is on in SCHANNEL by default since
# Windows Server 2012, and .NET is what Azure AD Connect's failures name.
#
# Every value's previous state (its kind and data, or that it did not exist) goes into the journal, so
# the undo puts back exactly what was there, absence included.

$script:AdsNetFrameworkSubKey = 'SOFTWARE\Microsoft\.NETFramework\v4.0.30319'
$script:AdsTlsValueNames = @('SchUseStrongCrypto', 'SystemDefaultTlsVersions')

function Open-AdsFixRegistryBase {
    # HKLM in one registry view, whatever the bitness of this PowerShell ('32' is what 64-bit tools see
    # under SOFTWARE\WOW6432Node). Used by the fix seam's registry functions.
    param([Parameter(Mandatory = $true)][ValidateSet('64', '32')][string]$View)
    $v = [Microsoft.Win32.RegistryView]::Registry64
    if ($View -eq '32') { $v = [Microsoft.Win32.RegistryView]::Registry32 }
    return [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $v)
}

function Get-AdsRegistryKeyName {
    # The key as an admin reads it in regedit: the 32-bit view of SOFTWARE is SOFTWARE\WOW6432Node.
    param([Parameter(Mandatory = $true)][ValidateSet('64', '32')][string]$View, [Parameter(Mandatory = $true)][string]$SubKey)
    if ($View -eq '32' -and $SubKey -match '^(?i:SOFTWARE)\\(.*)$') { return 'HKLM\SOFTWARE\WOW6432Node\' + $Matches[1] }
    return 'HKLM\' + $SubKey
}

function ConvertTo-AdsRegistryState {
    # A seam answer (@{ KeyExists; Exists; Kind; Value }) as the journal keeps it: an ordered dictionary
    # with JSON-safe data (numbers, strings, string arrays, binary as hex).
    param([Parameter(Mandatory = $true)][hashtable]$Answer)
    $state = [ordered]@{ keyExists = [bool]$Answer.KeyExists; exists = [bool]$Answer.Exists; kind = $null; value = $null }
    if ($Answer.Exists) {
        $state.kind = [string]$Answer.Kind
        switch ($state.kind) {
            'Binary' { $state.value = ConvertTo-AdsHex ([byte[]]$Answer.Value) }
            'MultiString' { $state.value = @([string[]]$Answer.Value) }
            'DWord' { $state.value = [long]([uint32]([int]$Answer.Value -band 0xFFFFFFFFL)) }
            'QWord' { $state.value = [long]$Answer.Value }
            default { $state.value = [string]$Answer.Value }
        }
    }
    return $state
}

function ConvertFrom-AdsRegistryState {
    # A journal state's data as the registry takes it for its kind.
    param([Parameter(Mandatory = $true)]$State)
    $kind = [string](Get-AdsProp $State 'kind')
    $value = Get-AdsProp $State 'value'
    switch ($kind) {
        'DWord' { $n = [long]$value; if ($n -gt [int]::MaxValue) { $n = $n - 4294967296L }; return [int]$n }
        'QWord' { return [long]$value }
        'MultiString' { return [string[]]@($value) }
        'Binary' {
            $hex = [string]$value
            $bytes = New-Object byte[] ($hex.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring($i * 2, 2), 16) }
            return , $bytes
        }
        default { return [string]$value }
    }
}

function Test-AdsRegistryStateEqual {
    # Whether two journal states describe the same value (kind and data), or both an absent one.
    param([Parameter(Mandatory = $true)]$A, [Parameter(Mandatory = $true)]$B)
    $ea = [bool](Get-AdsProp $A 'exists'); $eb = [bool](Get-AdsProp $B 'exists')
    if ($ea -ne $eb) { return $false }
    if (-not $ea) { return $true }
    if ([string](Get-AdsProp $A 'kind') -ne [string](Get-AdsProp $B 'kind')) { return $false }
    return (((Get-AdsFixList $A 'value') -join "`n") -ceq ((Get-AdsFixList $B 'value') -join "`n"))
}

function Format-AdsRegistryLine {
    # One value as a line of a .reg file (what `reg export` writes), for the preview's diff; '' when absent.
    param([Parameter(Mandatory = $true)][string]$Name, [Parameter(Mandatory = $true)]$State)
    if (-not [bool](Get-AdsProp $State 'exists')) { return '' }
    $value = Get-AdsProp $State 'value'
    $quoted = '"' + ($Name -replace '\\', '\\' -replace '"', '\"') + '"='
    switch ([string](Get-AdsProp $State 'kind')) {
        'DWord' { return $quoted + 'dword:' + ([uint32]([long]$value -band 0xFFFFFFFFL)).ToString('x8') + "`n" }
        'String' { return $quoted + '"' + (([string]$value) -replace '\\', '\\' -replace '"', '\"') + '"' + "`n" }
        'QWord' { return $quoted + 'hex(b):' + ((([BitConverter]::GetBytes([long]$value)) | ForEach-Object { $_.ToString('x2') }) -join ',') + "`n" }
        'Binary' { $h = [string]$value; return $quoted + 'hex:' + ((@(for ($i = 0; $i -lt $h.Length; $i += 2) { $h.Substring($i, 2) })) -join ',') + "`n" }
        default { return $quoted + '(' + [string](Get-AdsProp $State 'kind') + ') ' + (@($value) -join ' | ') + "`n" }
    }
}

function Get-AdsRegistryDiff {
    # The unified diff of one value in .reg notation, before -> after.
    param([Parameter(Mandatory = $true)][string]$Key, [Parameter(Mandatory = $true)][string]$View, [Parameter(Mandatory = $true)][string]$Name,
          [Parameter(Mandatory = $true)]$Before, [Parameter(Mandatory = $true)]$After)
    $label = "$Key ($View-bit view)"
    return Get-AdsUnifiedDiff -OldText (Format-AdsRegistryLine -Name $Name -State $Before) -NewText (Format-AdsRegistryLine -Name $Name -State $After) `
        -OldLabel $label -NewLabel "$label, after the fix"
}

function Get-AdsTlsChanges {
    # The TLS 1.2 changes of a plan: one per value and view, each with its current state and diff.
    param([Parameter(Mandatory = $true)][string[]]$Views)
    $changes = New-Object System.Collections.Generic.List[object]
    foreach ($view in $Views) {
        foreach ($name in $script:AdsTlsValueNames) {
            $key = Get-AdsRegistryKeyName -View $view -SubKey $script:AdsNetFrameworkSubKey
            $c = @{ Kind = 'registry'; Target = "$name ($view-bit .NET)"; View = $view; Key = $key; SubKey = $script:AdsNetFrameworkSubKey; Name = $name
                    Before = $null; After = [ordered]@{ keyExists = $true; exists = $true; kind = 'DWord'; value = 1 }; Status = 'pending'; Reason = $null
                    Action = 'set'; Summary = "$name = 1 (REG_DWORD)"; Diff = ''; KeyCreated = $false }
            try {
                $c.Before = ConvertTo-AdsRegistryState -Answer (Get-AdsFixRegistryValue -View $view -SubKey $script:AdsNetFrameworkSubKey -Name $name)
            } catch {
                $c.Status = 'refused'; $c.Reason = 'cannot read it: ' + (Get-AdsErrorText $_)
                $changes.Add($c); continue
            }
            if (Test-AdsRegistryStateEqual -A $c.Before -B $c.After) { $c.Status = 'unchanged'; $c.Summary = "$name is already 1 (REG_DWORD)" }
            else { $c.Diff = Get-AdsRegistryDiff -Key $key -View $view -Name $name -Before $c.Before -After $c.After }
            $changes.Add($c)
        }
    }
    return , $changes.ToArray()
}
