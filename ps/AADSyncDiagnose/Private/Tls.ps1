# Tls.ps1 - config/tls.json: the registry settings that decide which TLS versions the sync service
# (miiserver.exe, .NET Framework 4.x) offers, read as stored. The collector only records them; the
# analyzer reasons about them (issue 13.5).
#
# The keys, from Microsoft's TLS 1.2 enforcement page for Azure AD Connect
# (https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-tls-enforcement):
#   HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319              SystemDefaultTlsVersions, SchUseStrongCrypto (64-bit)
#   HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319  the same for 32-bit processes
#   HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\<protocol>\{Client,Server}
#                                                                  Enabled, DisabledByDefault
# A value that is absent is null (the .NET / SCHANNEL default applies), never 0.

$script:NetFrameworkTlsKeys = @(
    @{ view = '64'; key = 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' },
    @{ view = '32'; key = 'HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319' }
)
$script:SchannelProtocols = @('SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3')

function Get-AdsTlsRecord {
    # The config/tls.json document (schema aadsync-diagnose/tls@1).
    $net = @()
    foreach ($k in $script:NetFrameworkTlsKeys) {
        $rec = [ordered]@{ view = $k.view; key = $k.key; found = $false; SystemDefaultTlsVersions = $null; SchUseStrongCrypto = $null; error = $null }
        try {
            $v = Get-AdsRegistryValues -Key $k.key
            if ($null -ne $v) {
                $rec.found = $true
                foreach ($n in 'SystemDefaultTlsVersions', 'SchUseStrongCrypto') { if ($v.Contains($n)) { $rec[$n] = ConvertTo-AdsRegistryNumber $v[$n] } }
            }
        } catch { $rec.error = Get-AdsErrorText $_ }
        $net += @($rec)
    }
    $schannel = @()
    foreach ($p in $script:SchannelProtocols) {
        foreach ($side in 'Client', 'Server') {
            $key = "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\$p\$side"
            $rec = [ordered]@{ protocol = $p; side = $side; key = $key; found = $false; Enabled = $null; DisabledByDefault = $null; error = $null }
            try {
                $v = Get-AdsRegistryValues -Key $key
                if ($null -ne $v) {
                    $rec.found = $true
                    foreach ($n in 'Enabled', 'DisabledByDefault') { if ($v.Contains($n)) { $rec[$n] = ConvertTo-AdsRegistryNumber $v[$n] } }
                }
            } catch { $rec.error = Get-AdsErrorText $_ }
            $schannel += @($rec)
        }
    }
    return [ordered]@{ schema = "$script:SchemaPrefix/tls@1"; netFramework = @($net); schannel = @($schannel) }
}

function ConvertTo-AdsRegistryNumber {
    # A REG_DWORD as a JSON number. 'Enabled' is often written as 0xffffffff (reg export dword:ffffffff):
    # PowerShell reads that DWORD as -1 (Int32); keep the unsigned value the registry shows.
    param($Value)
    if ($Value -is [int]) { if ($Value -lt 0) { return [long]$Value + 4294967296 } else { return [long]$Value } }
    if ($Value -is [long] -or $Value -is [uint32]) { return [long]$Value }
    return [string]$Value
}
