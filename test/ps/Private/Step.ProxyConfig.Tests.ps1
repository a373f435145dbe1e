# Pester tests of ps/AADSyncDiagnose/Private/Step.ProxyConfig.ps1 (every read of the machine mocked through the seam).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Invoke-AdsProxyConfig' {
    BeforeEach {
        $script:ctx = New-TestContext
        $ctx.AdSync.service.account = 'NT SERVICE\ADSync'
        $script:src = Join-Path $ctx.OutDir '..' ('src-' + [guid]::NewGuid().ToString('n'))
        [void](New-Item -ItemType Directory -Path $src)
        [IO.File]::WriteAllText((Join-Path $src 'machine.config'), "<configuration>`r`n</configuration>`r`n")
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\Windows' }
        Mock -ModuleName AADSyncDiagnose Get-AdsFileInfo { if ($Path -like '*Framework64*') { @{ FullName = $Path; Length = 30; LastWriteTimeUtc = [datetime]::SpecifyKind([datetime]'2026-11-24T16:00:00', 'Utc') } } }
        Mock -ModuleName AADSyncDiagnose Copy-AdsFile { [void](New-Item -ItemType Directory -Force -Path (Split-Path $Destination)); Copy-Item -LiteralPath (Join-Path $script:src 'machine.config') -Destination $Destination }
        Mock -ModuleName AADSyncDiagnose Invoke-AdsNetshWinHttp { "`r`nCurrent WinHTTP proxy settings:`r`n`r`n    Direct access (no proxy server).`r`n`r`n" }
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistrySubKeyNames { @('.DEFAULT', 'S-1-5-18', 'S-1-5-21-1-2-3-1104', 'S-1-5-21-1-2-3-1104_Classes', 'S-1-5-21-1-2-3-1200') }
        Mock -ModuleName AADSyncDiagnose ConvertTo-AdsSid { 'S-1-5-80-1-2-3-4-5' }
        Mock -ModuleName AADSyncDiagnose ConvertFrom-AdsSid { "CONTOSO\user-$Sid" }
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues {
            switch -Wildcard ($Key) {
                'HKLM\SOFTWARE\Policies\*' { return $null }
                'HKCU\*\Connections' { return [ordered]@{ DefaultConnectionSettings = [byte[]](0x46, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0) } }
                'HKCU\*' { return [ordered]@{ ProxyEnable = 1; ProxyServer = 'proxy.contoso.com:8080'; ProxyOverride = '<local>' } }
                'HKU\S-1-5-21-1-2-3-1200\*Connections' { return $null }
                'HKU\S-1-5-21-1-2-3-1200\*' { return [ordered]@{ ProxyEnable = 0 } }
                default { return $null }
            }
        }
        Mock -ModuleName AADSyncDiagnose Get-AdsEnvironmentVariables { if ($Scope -eq 'Machine') { @{ https_proxy = 'http://p:3128'; PATH = 'C:\x' } } else { @{ TEMP = 'x' } } }
    }
    It 'copies the config files and records their modification time' {
        $r = Invoke-AdsProxyConfig -Context $ctx
        $r.status | Should -Be 'ok'
        Test-Path (Join-Path $ctx.OutDir 'config/Framework64/machine.config') | Should -BeTrue
        Test-Path (Join-Path $ctx.OutDir 'config/Framework/machine.config') | Should -BeFalse
        $ad = Read-Json $ctx 'config/adsync.json'
        $ad.configFiles[0].bundlePath | Should -Be 'config/Framework64/machine.config'
        Get-Content -Raw (Join-Path $ctx.OutDir 'config/adsync.json') | Should -Match '"lastWriteTimeUtc":"2026-11-24T16:00:00.0000000Z"'
        [IO.File]::ReadAllText((Join-Path $ctx.OutDir 'config/winhttp.txt')) | Should -Match 'Direct access \(no proxy server\)\.'
    }
    It 'reads the current user, the service account (not loaded: says so) and other loaded hives, never *_Classes or .DEFAULT' {
        [void](Invoke-AdsProxyConfig -Context $ctx)
        $w = Read-Json $ctx 'config/wininet.json'
        $w.schema | Should -Be 'aadsync-diagnose/wininet@1'
        $w.policy.proxySettingsPerUser | Should -BeNullOrEmpty
        @($w.hives.hive) | Should -Be @('current-user', 'service-account', 'loaded:S-1-5-18', 'loaded:S-1-5-21-1-2-3-1200')
        $w.hives[0].values.ProxyServer | Should -Be 'proxy.contoso.com:8080'
        $w.hives[0].defaultConnectionSettings | Should -Be '460000000100000003000000'
        $w.hives[0].keyPath | Should -Be 'HKU\S-1-5-21-1-2-3-1104\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
        $w.hives[1].sid | Should -Be 'S-1-5-80-1-2-3-4-5'
        $w.hives[1].error | Should -Match 'not loaded'
        $w.hives[3].user | Should -Be 'CONTOSO\user-S-1-5-21-1-2-3-1200'
    }
    It 'adds the machine-wide settings when ProxySettingsPerUser is 0' {
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues {
            if ($Key -like 'HKLM\SOFTWARE\Policies\*') { return [ordered]@{ ProxySettingsPerUser = 0 } }
            if ($Key -like 'HKLM\Software\Microsoft\Windows\CurrentVersion\Internet Settings') { return [ordered]@{ ProxyEnable = 1; ProxyServer = 'machine-proxy:8080' } }
            return $null
        }
        [void](Invoke-AdsProxyConfig -Context $ctx)
        $w = Read-Json $ctx 'config/wininet.json'
        $w.policy.proxySettingsPerUser | Should -Be 0
        ($w.hives | Where-Object { $_.hive -eq 'machine' }).values.ProxyServer | Should -Be 'machine-proxy:8080'
    }
    It 'keeps only proxy variables, any case' {
        [void](Invoke-AdsProxyConfig -Context $ctx)
        $e = Read-Json $ctx 'config/environment.json'
        @($e.variables).Count | Should -Be 1
        $e.variables[0].scope | Should -Be 'machine'
        $e.variables[0].name | Should -Be 'https_proxy'
    }
    It 'writes no secret: user:password@ is cut to user:[REDACTED]@ in every proxy layer, before any file is written (issue 15 A6)' {
        # Obviously fake secrets in each place a proxy password can stand on a server.
        $script:proxy = 'svc-proxy:P@ssw0rd-FAKE-1@proxy.contoso.com:8080'
        $blobText = 'svc-proxy:FAKE-S3cret-2@proxy.contoso.com:8080'
        $script:blob = [byte[]](@(0x46, 0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0, $blobText.Length, 0, 0, 0) + @([Text.Encoding]::ASCII.GetBytes($blobText)) + @(7, 0, 0, 0) + @([Text.Encoding]::ASCII.GetBytes('<local>')) + @(0, 0, 0, 0, 0, 0, 0, 0))
        [IO.File]::WriteAllText((Join-Path $src 'machine.config'), "<configuration><system.net><defaultProxy><proxy proxyaddress=`"http://svc-proxy:FAKE-S3cret-3@proxy.contoso.com:8080`" /></defaultProxy></system.net></configuration>`r`n")
        Mock -ModuleName AADSyncDiagnose Invoke-AdsNetshWinHttp { "`r`nCurrent WinHTTP proxy settings:`r`n`r`n    Proxy Server(s) :  svc-proxy:FAKE-S3cret-4@proxy.contoso.com:8080`r`n    Bypass List     :  <local>`r`n`r`n" }
        Mock -ModuleName AADSyncDiagnose Get-AdsEnvironmentVariables { if ($Scope -eq 'Machine') { @{ HTTPS_PROXY = 'http://svc-proxy:FAKE-S3cret-5@proxy.contoso.com:3128'; ALL_PROXY = 'http://proxy.contoso.com:3128' } } else { @{} } }
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues {
            switch -Wildcard ($Key) {
                'HKCU\*\Connections' { return [ordered]@{ DefaultConnectionSettings = $script:blob } }
                'HKCU\*' { return [ordered]@{ ProxyEnable = 1; ProxyServer = $script:proxy; ProxyOverride = '<local>' } }
                default { return $null }
            }
        }
        $ctx.Redaction = @{}
        $r = Invoke-AdsProxyConfig -Context $ctx
        $r.status | Should -Be 'ok'
        foreach ($f in Get-ChildItem -LiteralPath $ctx.OutDir -Recurse -File) {
            [IO.File]::ReadAllText($f.FullName) | Should -Not -Match 'FAKE|P@ssw0rd' -Because $f.Name
        }
        $w = Read-Json $ctx 'config/wininet.json'
        $w.hives[0].values.ProxyServer | Should -Be 'svc-proxy:[REDACTED]@proxy.contoso.com:8080'
        $red = 'svc-proxy:[REDACTED]@proxy.contoso.com:8080'
        $w.hives[0].defaultConnectionSettings | Should -Be ((-join @([byte[]](@(0x46, 0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0, $red.Length, 0, 0, 0) + @([Text.Encoding]::ASCII.GetBytes($red)) + @(7, 0, 0, 0) + @([Text.Encoding]::ASCII.GetBytes('<local>')) + @(0, 0, 0, 0, 0, 0, 0, 0)) | ForEach-Object { $_.ToString('x2') })))
        (Read-Json $ctx 'config/environment.json').variables[1].value | Should -Be 'http://svc-proxy:[REDACTED]@proxy.contoso.com:3128'
        [IO.File]::ReadAllText((Join-Path $ctx.OutDir 'config/winhttp.txt')) | Should -Match 'Proxy Server\(s\) :  svc-proxy:\[REDACTED\]@proxy\.contoso\.com:8080'
        [IO.File]::ReadAllText((Join-Path $ctx.OutDir 'config/Framework64/machine.config')) | Should -Match 'proxyaddress="http://svc-proxy:\[REDACTED\]@proxy\.contoso\.com:8080"'
        $ctx.Redaction['config/wininet.json'] | Should -Be 2
        $ctx.Redaction['config/environment.json'] | Should -Be 1
        $ctx.Redaction['config/winhttp.txt'] | Should -Be 1
        $ctx.Redaction['config/Framework64/machine.config'] | Should -Be 1
    }
    It 'fails the step when netsh fails, and still writes the other files' {
        Mock -ModuleName AADSyncDiagnose Invoke-AdsNetshWinHttp { throw 'netsh winhttp show proxy exited with code 1' }
        $r = Invoke-AdsProxyConfig -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match 'netsh'
        Test-Path (Join-Path $ctx.OutDir 'config/wininet.json') | Should -BeTrue
        Test-Path (Join-Path $ctx.OutDir 'config/environment.json') | Should -BeTrue
    }
}

Describe 'Get-AdsInternetSettingsRecord' {
    It 'reads the five proxy values and the DefaultConnectionSettings blob as hex' {
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues {
            if ($Key -like '*\Connections') { return [ordered]@{ DefaultConnectionSettings = [byte[]](0x46, 0, 0, 0) } }
            return [ordered]@{ ProxyEnable = 1; ProxyServer = 'p:8080'; Other = 'x' }
        }
        $r = Get-AdsInternetSettingsRecord -Hive 'loaded:S-1-5-18' -Root 'HKU\S-1-5-18' -User 'NT AUTHORITY\SYSTEM' -Sid 'S-1-5-18'
        $r.values.ProxyServer | Should -Be 'p:8080'
        $r.values.Contains('Other') | Should -BeFalse
        $r.values.AutoConfigURL | Should -BeNullOrEmpty
        $r.defaultConnectionSettings | Should -Be '46000000'
        $r.keyPath | Should -Be 'HKU\S-1-5-18\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
    }
    It 'says "key not found" for a hive without Internet Settings' {
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues { $null }
        (Get-AdsInternetSettingsRecord -Hive 'x' -Root 'HKU\S-1-5-19' -User $null -Sid 'S-1-5-19').error | Should -Be 'key not found'
    }
}

Describe 'Get-AdsServiceProxySummary' {
    It 'reads the proxy the sync service uses: miiserver.exe.config before machine.config' {
        $ctx = New-TestContext
        [void](New-Item -ItemType Directory -Path (Join-Path $ctx.OutDir 'config' 'Framework64') -Force)
        [IO.File]::WriteAllText((Join-Path $ctx.OutDir 'config' 'Framework64' 'machine.config'), '<configuration><system.net><defaultProxy useDefaultCredentials="true"><proxy proxyaddress="http://proxy.contoso.com:8080" bypassonlocal="true"/><bypasslist><add address="contoso\.com"/></bypasslist></defaultProxy></system.net></configuration>')
        $s = Get-AdsServiceProxySummary -Context $ctx
        $s.address | Should -Be 'http://proxy.contoso.com:8080'
        $s.useDefaultCredentials | Should -BeTrue
        $s.bypassOnLocal | Should -BeTrue
        @($s.bypassList) | Should -Be @('contoso\.com')
        $s.source | Should -Be 'machine.config (Framework64)'
        [IO.File]::WriteAllText((Join-Path $ctx.OutDir 'config' 'miiserver.exe.config'), '<configuration><system.net><defaultProxy><proxy proxyaddress="http://other:3128"/></defaultProxy></system.net></configuration>')
        (Get-AdsServiceProxySummary -Context $ctx).source | Should -Be 'miiserver.exe.config'
    }
    It 'says there is none when no config defines a defaultProxy' {
        $ctx = New-TestContext
        $s = Get-AdsServiceProxySummary -Context $ctx
        $s.address | Should -BeNullOrEmpty
        $s.source | Should -Match 'no defaultProxy'
    }
}
