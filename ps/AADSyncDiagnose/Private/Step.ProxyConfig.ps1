# Step.ProxyConfig.ps1 - step "proxy-config": machine.config and miiserver.exe.config byte for byte,
# netsh winhttp, WinINET per hive (with the ProxySettingsPerUser policy), the TLS settings of .NET and
# SCHANNEL, proxy environment variables.

function Invoke-AdsProxyConfig {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $failures = @()
    $notes = @()
    $sysRoot = Get-AdsKnownFolder -Name SystemRoot

    # 1. .NET config files, byte for byte, with their modification time (restart-needed check).
    $files = @(
        @{ src = (Join-AdsWinPath $sysRoot 'Microsoft.NET\Framework64\v4.0.30319\Config\machine.config'); rel = 'config/Framework64/machine.config' },
        @{ src = (Join-AdsWinPath $sysRoot 'Microsoft.NET\Framework\v4.0.30319\Config\machine.config'); rel = 'config/Framework/machine.config' }
    )
    $bin = $Context.InstallBin
    if (-not $bin) { $bin = Join-AdsWinPath (Get-AdsKnownFolder -Name ProgramFiles) 'Microsoft Azure AD Sync\Bin' }
    $files += @{ src = (Join-AdsWinPath $bin 'miiserver.exe.config'); rel = 'config/miiserver.exe.config' }
    $configFiles = @()
    foreach ($f in $files) {
        try {
            $info = Get-AdsFileInfo -Path $f.src
            if (-not $info) { $notes += @("not present: $($f.src)"); continue }
            Copy-AdsFile -Source $f.src -Destination (Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $f.rel)
            # A proxyaddress="http://user:password@..." (or any other secret) leaves the copy at once.
            $removed = Invoke-AdsRedactBundleFile -Context $Context -RelativePath $f.rel
            Write-Verbose "Copied $($f.src) to $($f.rel) ($removed secret(s) removed)"
            $configFiles += @([ordered]@{ path = $f.src; bundlePath = $f.rel; lastWriteTimeUtc = (Format-AdsDate $info.LastWriteTimeUtc) })
        } catch { $failures += @("$($f.src): $(Get-AdsErrorText $_)") }
    }
    $Context.AdSync.configFiles = @($configFiles)
    Save-AdsAdSyncJson -Context $Context

    # 2. WinHTTP.
    try {
        Write-Verbose 'Reading netsh winhttp show proxy'
        $text = Invoke-AdsNetshWinHttp
        # "Proxy Server(s) :  user:password@proxy:8080" keeps the user, not the password.
        Write-AdsBundleText -Context $Context -RelativePath 'config/winhttp.txt' -Text $text
    } catch { $failures += @('netsh winhttp show proxy: ' + (Get-AdsErrorText $_)) }

    # 3. WinINET: policy, current user, the service account's hive, every other loaded hive.
    try {
        $policyValue = $null
        $pol = Get-AdsRegistryValues -Key "HKLM\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings"
        if ($pol -and $pol.Contains('ProxySettingsPerUser')) { $policyValue = [int]$pol['ProxySettingsPerUser'] }
        $hives = @()
        # Secrets removed from the values and blobs of every hive, before the file is written.
        $tally = @{ Secrets = 0 }
        $seen = @{}
        $me = $Context.CurrentIdentity
        if (-not $me) { $me = Get-AdsCurrentIdentity }
        $hives += @((Get-AdsInternetSettingsRecord -Hive 'current-user' -Root 'HKCU' -User $me.Name -Sid $me.Sid -Tally $tally))
        $seen[[string]$me.Sid] = $true
        $loaded = @(Get-AdsRegistrySubKeyNames -Key 'HKU')
        $account = $Context.AdSync.service.account
        if ($account) {
            $sid = ConvertTo-AdsSid -Account $account
            if (-not $sid) {
                $hives += @([ordered]@{ hive = 'service-account'; user = $account; sid = $null; keyPath = $null; values = $null
                                             defaultConnectionSettings = $null; error = 'the account name could not be resolved to a SID' })
            } elseif ($loaded -contains $sid) {
                $hives += @((Get-AdsInternetSettingsRecord -Hive 'service-account' -Root "HKU\$sid" -User $account -Sid $sid -Tally $tally))
                $seen[$sid] = $true
            } else {
                # Loading a hive would change the server; say why it is missing instead.
                $hives += @([ordered]@{ hive = 'service-account'; user = $account; sid = $sid; keyPath = "HKU\$sid\$script:InternetSettingsKey"; values = $null
                                             defaultConnectionSettings = $null; error = 'hive not loaded (the account has no running process or profile loaded); not loaded by this tool' })
            }
        }
        foreach ($name in $loaded) {
            if ($name -notmatch '^S-1-5-(18|19|20|21-[0-9-]+|80-[0-9-]+)$') { continue }
            if ($seen.ContainsKey($name)) { continue }
            $seen[$name] = $true
            $hives += @((Get-AdsInternetSettingsRecord -Hive "loaded:$name" -Root "HKU\$name" -User (ConvertFrom-AdsSid -Sid $name) -Sid $name -Tally $tally))
        }
        if ($policyValue -eq 0) {
            # Per-machine proxy settings (policy): .NET reads the blob from HKLM then.
            $hives += @((Get-AdsInternetSettingsRecord -Hive 'machine' -Root 'HKLM' -User $null -Sid $null -Tally $tally))
        }
        Write-Verbose "WinINET settings of $($hives.Count) hive(s) (ProxySettingsPerUser policy: $policyValue)"
        Write-AdsBundleJson -Context $Context -RelativePath 'config/wininet.json' -Object ([ordered]@{
            schema = "$script:SchemaPrefix/wininet@1"; policy = [ordered]@{ proxySettingsPerUser = $policyValue }; hives = @($hives) }) -Secrets $tally.Secrets
    } catch { $failures += @('WinINET settings: ' + (Get-AdsErrorText $_)) }

    # 4. The TLS settings of .NET Framework (64- and 32-bit) and SCHANNEL: which TLS the service offers.
    try {
        Write-Verbose 'Reading SchUseStrongCrypto / SystemDefaultTlsVersions (64- and 32-bit) and the SCHANNEL protocol keys'
        Write-AdsBundleJson -Context $Context -RelativePath 'config/tls.json' -Object (Get-AdsTlsRecord)
    } catch { $failures += @('TLS settings: ' + (Get-AdsErrorText $_)) }

    # 5. Proxy environment variables (ignored by .NET Framework, used by other agents).
    try {
        $vars = @()
        $removed = 0
        foreach ($scope in @('Process', 'User', 'Machine')) {
            $envs = Get-AdsEnvironmentVariables -Scope $scope
            foreach ($k in @($envs.Keys | Sort-Object)) {
                if ($script:ProxyEnvNames -contains ([string]$k).ToUpperInvariant()) {
                    # HTTPS_PROXY=http://user:password@proxy:3128 keeps the user, not the password.
                    $red = Invoke-AdsRedactText -Text ([string]$envs[$k])
                    $removed += $red.Secrets
                    $vars += @([ordered]@{ scope = $scope.ToLowerInvariant(); name = [string]$k; value = $red.Text })
                }
            }
        }
        Write-AdsBundleJson -Context $Context -RelativePath 'config/environment.json' -Object ([ordered]@{
            schema = "$script:SchemaPrefix/environment@1"; variables = @($vars) }) -Secrets $removed
    } catch { $failures += @('environment: ' + (Get-AdsErrorText $_)) }

    $Context.ProxySummary = Get-AdsServiceProxySummary -Context $Context
    if ($failures.Count -gt 0) { return @{ status = 'failed'; error = ($failures -join '; '); notes = @($notes) } }
    return @{ status = 'ok'; error = $null; notes = @($notes) }
}

function Get-AdsInternetSettingsRecord {
    # One wininet.json hive entry. $Root is 'HKCU', 'HKLM' or 'HKU\<sid>'. The secrets of its string
    # values (ProxyServer "user:password@proxy:8080") and of the DefaultConnectionSettings blob are
    # removed here, before anything is written; $Tally.Secrets counts them.
    param([string]$Hive, [string]$Root, [string]$User, [string]$Sid, [hashtable]$Tally = @{ Secrets = 0 })
    $keyPath = "$Root\$script:InternetSettingsKey"
    if ($Root -eq 'HKCU' -and $Sid) { $keyPath = "HKU\$Sid\$script:InternetSettingsKey" }
    $rec = [ordered]@{ hive = $Hive; user = $User; sid = $Sid; keyPath = $keyPath
                       values = [ordered]@{ ProxyEnable = $null; ProxyServer = $null; ProxyOverride = $null; AutoConfigURL = $null; AutoDetect = $null }
                       defaultConnectionSettings = $null; error = $null }
    try {
        $v = Get-AdsRegistryValues -Key "$Root\$script:InternetSettingsKey"
        if ($null -eq $v) { $rec.error = 'key not found'; return $rec }
        foreach ($n in @('ProxyEnable', 'ProxyServer', 'ProxyOverride', 'AutoConfigURL', 'AutoDetect')) {
            if (-not $v.Contains($n)) { continue }
            $value = $v[$n]
            if ($value -is [string]) {
                $red = Invoke-AdsRedactText -Text $value
                $Tally.Secrets += $red.Secrets
                $value = $red.Text
            }
            $rec.values[$n] = $value
        }
        $conn = Get-AdsRegistryValues -Key "$Root\$script:InternetSettingsKey\Connections"
        $blob = Get-AdsProp $conn 'DefaultConnectionSettings'
        if ($blob -is [byte[]]) {
            $red = ConvertTo-AdsRedactedConnectionHex -Hex (ConvertTo-AdsHex $blob)
            $Tally.Secrets += $red.Secrets
            $rec.defaultConnectionSettings = $red.Hex
        }
    } catch { $rec.error = Get-AdsErrorText $_ }
    return $rec
}

function Get-AdsServiceProxySummary {
    # The proxy the sync service would use, for the probe hook. .NET lays miiserver.exe.config over
    # machine.config (Framework64) attribute by attribute: an attribute or a bypass entry the
    # application file does not set keeps machine.config's (the configuration system's inheritance).
    # The analyzer merges the same way (src/route/resolve.ts mergeDotNet); test/route/service-proxy-
    # both-languages.test.ts runs both on the same files. Document-level XPath and the Attributes
    # indexer only: exact (case-sensitive, as .NET reads its configuration) and allowed in Constrained
    # Language mode.
    param([hashtable]$Context)
    $merged = [ordered]@{ address = $null; useDefaultCredentials = $false; bypassOnLocal = $false; bypassList = @(); enabled = $true; source = $null }
    $present = $false
    foreach ($pair in @(@('config/Framework64/machine.config', 'machine.config (Framework64)'), @('config/miiserver.exe.config', 'miiserver.exe.config'))) {
        $path = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $pair[0]
        if (-not (Test-Path -LiteralPath $path)) { continue }
        try {
            $xml = New-Object System.Xml.XmlDocument
            $xml.XmlResolver = $null
            $xml.Load($path)
        } catch { return [ordered]@{ address = $null; useDefaultCredentials = $false; source = $pair[1]; error = (Get-AdsErrorText $_) } }
        $dp = $xml.SelectSingleNode('/configuration/system.net/defaultProxy')
        if ($null -eq $dp) { continue }
        $present = $true
        if ($dp.Attributes['enabled']) { $merged.enabled = $dp.Attributes['enabled'].Value -ne 'false' }
        if ($dp.Attributes['useDefaultCredentials'] -and $dp.Attributes['useDefaultCredentials'].Value -eq 'true') { $merged.useDefaultCredentials = $true }
        $p = $xml.SelectSingleNode('/configuration/system.net/defaultProxy/proxy')
        if ($p -and $p.Attributes['proxyaddress'] -and $p.Attributes['proxyaddress'].Value.Trim() -ne '') {
            $merged.address = $p.Attributes['proxyaddress'].Value
            $merged.source = $pair[1]
        }
        if ($p -and $p.Attributes['bypassonlocal']) { $merged.bypassOnLocal = $p.Attributes['bypassonlocal'].Value -eq 'true' }
        $merged.bypassList = @($merged.bypassList) + @(@($xml.SelectNodes('/configuration/system.net/defaultProxy/bypasslist/add')) | ForEach-Object { if ($_.Attributes['address']) { $_.Attributes['address'].Value } } | Where-Object { $_ })
        if (-not $merged.source) { $merged.source = $pair[1] }
    }
    if (-not $present) { return [ordered]@{ address = $null; useDefaultCredentials = $false; source = 'machine.config (Framework64): no defaultProxy' } }
    return $merged
}
