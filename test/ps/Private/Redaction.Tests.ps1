# Pester tests of ps/AADSyncDiagnose/Private/Redaction.ps1: the secret rules of
# schema/redaction-rules.json applied by the collector itself (issue 15 A6), in Full and in Constrained
# Language mode. Every seeded secret is obviously fake. The whole zero-leak corpus goes through the
# collector in test/ps/collector-redaction.test.ts.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    $script:RulesJson = Get-Content -Raw -LiteralPath (Join-Path $script:Root 'schema' 'redaction-rules.json')
    function global:ConvertTo-TestLatin1Hex([string]$Text) { -join @($Text.ToCharArray() | ForEach-Object { '{0:x2}' -f [int]$_ }) }
    function global:ConvertTo-TestDwordHex([int]$Value) { -join @([BitConverter]::GetBytes([uint32]$Value) | ForEach-Object { $_.ToString('x2') }) }
    # A DefaultConnectionSettings blob: 3 DWORDs, three (length, ASCII) strings, the auto-detect tail.
    function global:New-TestConnectionHex([string]$Proxy, [string]$Bypass = '<local>', [string]$Pac = '') {
        $h = '460000000500000003000000'
        foreach ($s in @($Proxy, $Bypass, $Pac)) { $h += (ConvertTo-TestDwordHex $s.Length) + (ConvertTo-TestLatin1Hex $s) }
        return $h + '0000000000000000000000000000000000000000'
    }
    function global:New-TestFile([string]$Path, [byte[]]$Bytes) {
        [void](New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Path))
        [IO.File]::WriteAllBytes($Path, $Bytes)
    }
}

Describe 'Import-AdsRedactionRules' {
    It 'loads every rule of schema/redaction-rules.json, in order, with CultureInvariant always' {
        $r = Import-AdsRedactionRules -Json $script:RulesJson
        $r.Error | Should -BeNullOrEmpty
        $data = $script:RulesJson | ConvertFrom-Json
        @($r.Rules | ForEach-Object { $_.Name }) | Should -Be @($data.rules | ForEach-Object { $_.name })
        @($r.Rules).Count | Should -BeGreaterThan 30
        foreach ($rule in $r.Rules) { ($rule.Regex.Options -band [System.Text.RegularExpressions.RegexOptions]::CultureInvariant) | Should -Not -Be 0 }
        $r.Marker | Should -Be '[REDACTED]'
        # The module loaded the same file (the source loader reads it beside ps/).
        (& $script:AdsModule { @($script:AdsRedaction.Rules).Count }) | Should -Be @($data.rules).Count
    }
    It 'refuses missing, foreign or malformed rules with a reason, never a partial set' {
        (Import-AdsRedactionRules -Json $null).Error | Should -Match 'not found'
        (Import-AdsRedactionRules -Json '{"schema":"x/y@1","redacted":"[REDACTED]","rules":[]}').Error | Should -Match "unknown schema 'x/y@1'"
        $bad = '{"schema":"aadsync-diagnose/redaction-rules@1","redacted":"[REDACTED]","rules":[{"name":"a","pattern":"x","options":["Compiled"],"replacement":"y"}]}'
        $r = Import-AdsRedactionRules -Json $bad
        $r.Error | Should -Match "option 'Compiled'"
        @($r.Rules).Count | Should -Be 0
        (Import-AdsRedactionRules -Json '{"schema":"aadsync-diagnose/redaction-rules@1","redacted":"[REDACTED]","rules":[{"name":"a","pattern":"(","options":[],"replacement":"y"}]}').Error | Should -Match 'cannot be used'
        (Import-AdsRedactionRules -Json 'not json').Error | Should -Match 'cannot be used'
    }
}

Describe 'Invoke-AdsRedactText' {
    It 'removes the secrets of a proxy string and counts them; the user, host and port stay' {
        $r = Invoke-AdsRedactText -Text 'ProxyServer=svc-proxy:P@ssw0rd-FAKE-1@proxy.contoso.com:8080; HTTPS_PROXY=http://svc-proxy:FAKE-S3cret-2@proxy.contoso.com:3128'
        $r.Text | Should -Be 'ProxyServer=svc-proxy:[REDACTED]@proxy.contoso.com:8080; HTTPS_PROXY=http://svc-proxy:[REDACTED]@proxy.contoso.com:3128'
        $r.Secrets | Should -Be 2
    }
    It 'leaves text without secrets as it is, and counts nothing' {
        foreach ($t in @('', 'ProxyServer=proxy.contoso.com:8080;ProxyOverride=*.contoso.com;<local>', 'The proxy requires NTLM authentication (407)', "Password writeback: disabled`r`n")) {
            $r = Invoke-AdsRedactText -Text $t
            $r.Text | Should -Be $t
            $r.Secrets | Should -Be 0
        }
    }
    It 'does not count a secret twice when a redacted text passes again' {
        $once = Invoke-AdsRedactText -Text 'Password=FAKE-S3cret-3;User ID=sa'
        $once.Secrets | Should -Be 1
        (Invoke-AdsRedactText -Text $once.Text).Secrets | Should -Be 0
    }
    It 'runs in Constrained Language mode (Regex objects and Replace are core types)' {
        $out = Invoke-AdsConstrained { (Invoke-AdsRedactText -Text 'svc-proxy:FAKE-S3cret-4@proxy.contoso.com:8080').Text }
        $out | Should -Be 'svc-proxy:[REDACTED]@proxy.contoso.com:8080'
    }
}

Describe 'Invoke-AdsRedactEventsText' {
    It 'keeps every tag of an event whose header value would run to the end of its line' {
        $ev = "<Event><System><EventRecordID>1</EventRecordID></System><EventData><Data>Proxy-Authorization: Basic c3ZjLXByb3h5OkZBS0UtUzNjcmV0LTE=</Data><Data>next</Data></EventData></Event>"
        $ok = "<Event><System><EventRecordID>2</EventRecordID></System><EventData><Data>Password=FAKE-S3cret-2;x</Data></EventData></Event>"
        $text = "<?xml version='1.0' encoding='utf-8'?>`r`n<Events>`r`n$ev`r`n$ok`r`n</Events>`r`n"
        # The whole-text pass alone loses the tags after the header (the rules run to the end of the line).
        (Invoke-AdsRedactText -Text $text).Text | Should -Not -Match '<Data>next</Data>'
        $r = Invoke-AdsRedactEventsText -Text $text
        $r.Text | Should -Be ("<?xml version='1.0' encoding='utf-8'?>`r`n<Events>`r`n" + '<Event><System><EventRecordID>1</EventRecordID></System><EventData><Data>Proxy-Authorization: [REDACTED]</Data><Data>next</Data></EventData></Event>' + "`r`n" + '<Event><System><EventRecordID>2</EventRecordID></System><EventData><Data>Password=[REDACTED];x</Data></EventData></Event>' + "`r`n</Events>`r`n")
        $r.Secrets | Should -Be 2
        @(([xml]$r.Text).Events.Event).Count | Should -Be 2
    }
    It 'is the whole-text pass when no markup is lost' {
        $text = "<Events>`r`n<Event><EventData><Data>http://svc-proxy:FAKE-S3cret-3@proxy.contoso.com:8080</Data></EventData></Event>`r`n</Events>`r`n"
        (Invoke-AdsRedactEventsText -Text $text).Text | Should -Be (Invoke-AdsRedactText -Text $text).Text
        (Invoke-AdsRedactEventsText -Text '').Secrets | Should -Be 0
    }
}

Describe 'ConvertTo-AdsRedactedFileName' {
    It 'removes a secret from a file name and keeps its extension, as the zip writer does' {
        $r = ConvertTo-AdsRedactedFileName -Name 'trace-20261125-091201-Password=FAKE-S3cret-1.log'
        $r.Text | Should -Be 'trace-20261125-091201-Password=[REDACTED].log'
        $r.Secrets | Should -Be 1
        (ConvertTo-AdsRedactedFileName -Name 'trace-20261125-091201.log').Text | Should -Be 'trace-20261125-091201.log'
        (ConvertTo-AdsRedactedFileName -Name 'trace-20261125-091201.log').Secrets | Should -Be 0
    }
}

Describe 'ConvertTo-AdsRedactedConnectionHex' {
    It 'removes user:password@ from the proxy string and rewrites its length so the blob still parses' {
        $hex = New-TestConnectionHex -Proxy 'svc-proxy:FAKE-S3cret-5@proxy.contoso.com:8080' -Bypass '*.contoso.com;<local>' -Pac 'http://pac.contoso.com/p.pac'
        $r = ConvertTo-AdsRedactedConnectionHex -Hex $hex
        $r.Secrets | Should -Be 1
        $r.Hex | Should -Be (New-TestConnectionHex -Proxy 'svc-proxy:[REDACTED]@proxy.contoso.com:8080' -Bypass '*.contoso.com;<local>' -Pac 'http://pac.contoso.com/p.pac')
    }
    It 'keeps a blob without secrets byte for byte, and keeps the case of the hex' {
        $hex = New-TestConnectionHex -Proxy 'proxy.contoso.com:8080'
        (ConvertTo-AdsRedactedConnectionHex -Hex $hex).Hex | Should -Be $hex
        (ConvertTo-AdsRedactedConnectionHex -Hex $hex).Secrets | Should -Be 0
        $upper = (New-TestConnectionHex -Proxy 'http=svc:FAKE-S3cret-6@proxy:8080').ToUpperInvariant()
        $r = ConvertTo-AdsRedactedConnectionHex -Hex $upper
        $r.Hex | Should -Be (New-TestConnectionHex -Proxy 'http=svc:[REDACTED]@proxy:8080').ToUpperInvariant()
        (ConvertTo-AdsRedactedConnectionHex -Hex '46000000').Hex | Should -Be '46000000'
        (ConvertTo-AdsRedactedConnectionHex -Hex $null).Secrets | Should -Be 0
    }
    It 'redacts a blob of another layout as one text (lengths as they were, like the TypeScript redactor)' {
        $hex = 'ffffffff' + (ConvertTo-TestLatin1Hex ' svc:FAKE-S3cret-7@proxy.contoso.com:8080 ')
        $r = ConvertTo-AdsRedactedConnectionHex -Hex $hex
        $r.Hex | Should -Be ('ffffffff' + (ConvertTo-TestLatin1Hex ' svc:[REDACTED]@proxy.contoso.com:8080 '))
        $r.Secrets | Should -Be 1
    }
    It 'gives the same blob in Constrained Language mode' {
        $hex = New-TestConnectionHex -Proxy 'svc-proxy:FAKE-S3cret-8@proxy.contoso.com:8080'
        $out = Invoke-AdsConstrained { param($h) (ConvertTo-AdsRedactedConnectionHex -Hex $h).Hex } -ArgumentList @($hex)
        $out | Should -Be (New-TestConnectionHex -Proxy 'svc-proxy:[REDACTED]@proxy.contoso.com:8080')
    }
}

Describe 'ConvertTo-AdsDwordLatin1' {
    It 'writes a little-endian DWORD as four characters' {
        $s = ConvertTo-AdsDwordLatin1 -Value 0x01020304
        @($s.ToCharArray() | ForEach-Object { [int]$_ }) | Should -Be @(4, 3, 2, 1)
        (ConvertTo-AdsDwordLatin1 -Value 37).Length | Should -Be 4
    }
}

Describe 'Get-AdsTextEncoding' {
    It 'decides as src/evidence/decode.ts does: BOM, the UTF-16 NUL pattern, valid UTF-8, else Windows-1252' {
        (Get-AdsTextEncoding -Head @(0xEF, 0xBB, 0xBF, 0x61)).Name | Should -Be 'utf-8'
        (Get-AdsTextEncoding -Head @(0xEF, 0xBB, 0xBF, 0x61)).BomLength | Should -Be 3
        (Get-AdsTextEncoding -Head @(0xFF, 0xFE, 0x61, 0)).Name | Should -Be 'utf-16le'
        (Get-AdsTextEncoding -Head @(0xFE, 0xFF, 0, 0x61)).Name | Should -Be 'utf-16be'
        (Get-AdsTextEncoding -Head ([byte[]][Text.Encoding]::Unicode.GetBytes('Proxy: x'))).Name | Should -Be 'utf-16le'
        (Get-AdsTextEncoding -Head ([byte[]][Text.Encoding]::BigEndianUnicode.GetBytes('Proxy: x'))).Name | Should -Be 'utf-16be'
        # NUL padding first (a log after a crash) does not hide UTF-16.
        (Get-AdsTextEncoding -Head ([byte[]](@(0) * 600 + [Text.Encoding]::Unicode.GetBytes('Proxy: x')))).Name | Should -Be 'utf-16le'
        (Get-AdsTextEncoding -Head ([byte[]][Text.Encoding]::UTF8.GetBytes("Gr$([char]0xF6)$([char]0xDF)e"))).Name | Should -Be 'utf-8'
        (Get-AdsTextEncoding -Head @(0x47, 0x72, 0xF6, 0xDF, 0x65)).Name | Should -Be 'windows-1252'
        (Get-AdsTextEncoding -Head @()).Name | Should -Be 'utf-8'
    }
}

Describe 'Test-AdsUtf8Prefix' {
    It 'accepts valid UTF-8 and a character cut at the end; refuses overlong forms, surrogates and stray bytes' {
        Test-AdsUtf8Prefix -Bytes @(0x61, 0xC3, 0xA4) -Count 3 | Should -BeTrue
        Test-AdsUtf8Prefix -Bytes @(0x61, 0xE2, 0x82) -Count 3 | Should -BeTrue
        Test-AdsUtf8Prefix -Bytes @(0xF0, 0x9F, 0x98, 0x80) -Count 4 | Should -BeTrue
        Test-AdsUtf8Prefix -Bytes @(0xC0, 0xAF) -Count 2 | Should -BeFalse
        Test-AdsUtf8Prefix -Bytes @(0xE0, 0x80, 0xAF) -Count 3 | Should -BeFalse
        Test-AdsUtf8Prefix -Bytes @(0xED, 0xA0, 0x80) -Count 3 | Should -BeFalse
        Test-AdsUtf8Prefix -Bytes @(0xF4, 0x90, 0x80, 0x80) -Count 4 | Should -BeFalse
        Test-AdsUtf8Prefix -Bytes @(0x61, 0xA4) -Count 2 | Should -BeFalse
    }
}

Describe 'Get-AdsCompleteLength' {
    It 'leaves out the bytes of a character cut at the end' {
        Get-AdsCompleteLength -Bytes ([byte[]](0xEF, 0xBB, 0xBF, 0x61, 0xE2, 0x82)) -Start 3 -Encoding 'utf-8' | Should -Be 1
        Get-AdsCompleteLength -Bytes ([byte[]](0x61, 0xE2, 0x82, 0xAC)) -Start 0 -Encoding 'utf-8' | Should -Be 4
        Get-AdsCompleteLength -Bytes ([byte[]](0xFF, 0xFE, 0x61, 0, 0x62)) -Start 2 -Encoding 'utf-16le' | Should -Be 2
        Get-AdsCompleteLength -Bytes ([byte[]](0x61, 0xE9)) -Start 0 -Encoding 'windows-1252' | Should -Be 2
    }
}

Describe 'Read-AdsFileHead' {
    It 'reads the first bytes of a file in both language modes' {
        $p = Join-Path $TestDrive 'head.bin'
        New-TestFile $p ([byte[]](0xFF, 0xFE, 0x61, 0x00, 0x62, 0x00))
        # Assigned, as the module uses it: the bytes as one array.
        $head = Read-AdsFileHead -Path $p -Count 4
        $head.Count | Should -Be 4
        $head | Should -Be @(0xFF, 0xFE, 0x61, 0x00)
        @(Invoke-AdsConstrained { param($p) Read-AdsFileHead -Path $p } -ArgumentList @($p)) | Should -Be @(0xFF, 0xFE, 0x61, 0x00, 0x62, 0x00)
        $e = Join-Path $TestDrive 'empty.bin'
        New-TestFile $e ([byte[]]@())
        $head = Read-AdsFileHead -Path $e
        $head.Count | Should -Be 0
    }
}

Describe 'Invoke-AdsRedactBundleFile' {
    BeforeAll {
        $script:line = "proxy: http://svc-proxy:FAKE-S3cret-9@proxy.contoso.com:8080`r`nGr$([char]0xF6)$([char]0xDF)e ok`r`n"
        $script:clean = "proxy: http://svc-proxy:[REDACTED]@proxy.contoso.com:8080`r`nGr$([char]0xF6)$([char]0xDF)e ok`r`n"
        $script:cases = @(
            @{ name = 'utf-8'; bom = @(); enc = (New-Object System.Text.UTF8Encoding $false) },
            @{ name = 'utf-8 BOM'; bom = @(0xEF, 0xBB, 0xBF); enc = (New-Object System.Text.UTF8Encoding $false) },
            @{ name = 'utf-16le BOM'; bom = @(0xFF, 0xFE); enc = (New-Object System.Text.UnicodeEncoding $false, $false) },
            @{ name = 'utf-16le'; bom = @(); enc = (New-Object System.Text.UnicodeEncoding $false, $false) },
            @{ name = 'utf-16be BOM'; bom = @(0xFE, 0xFF); enc = (New-Object System.Text.UnicodeEncoding $true, $false) },
            @{ name = 'windows-1252'; bom = @(); enc = [Text.Encoding]::GetEncoding(1252) }
        )
        function script:Get-Case([hashtable]$c, [string]$text) { [byte[]](@($c.bom) + @($c.enc.GetBytes($text))) }
    }
    It 'writes the file back in its own encoding and BOM, byte for byte but for the secret (Full Language)' {
        foreach ($c in $script:cases) {
            $ctx = New-TestContext
            $ctx.Redaction = @{}
            New-TestFile (Join-Path $ctx.OutDir 'traces' 'trace-1.log') (Get-Case $c $script:line)
            Invoke-AdsRedactBundleFile -Context $ctx -RelativePath 'traces/trace-1.log' | Should -Be 1 -Because $c.name
            [IO.File]::ReadAllBytes((Join-Path $ctx.OutDir 'traces' 'trace-1.log')) | Should -Be (Get-Case $c $script:clean) -Because $c.name
            $ctx.Redaction['traces/trace-1.log'] | Should -Be 1
            Test-Path -LiteralPath (Join-Path $ctx.OutDir 'traces' 'trace-1.log.partial') | Should -BeFalse
        }
    }
    It 'keeps the bytes of a character cut at the end' {
        $ctx = New-TestContext
        $bytes = [byte[]](@([Text.Encoding]::UTF8.GetBytes($script:line)) + @(0xE2, 0x82))
        New-TestFile (Join-Path $ctx.OutDir 'c.log') $bytes
        [void](Invoke-AdsRedactBundleFile -Context $ctx -RelativePath 'c.log')
        [IO.File]::ReadAllBytes((Join-Path $ctx.OutDir 'c.log')) | Should -Be ([byte[]](@([Text.Encoding]::UTF8.GetBytes($script:clean)) + @(0xE2, 0x82)))
    }
    It 'leaves a file without secrets untouched' {
        $ctx = New-TestContext
        $p = Join-Path $ctx.OutDir 'config' 'machine.config'
        New-TestFile $p ([byte[]](@(0xEF, 0xBB, 0xBF) + @([Text.Encoding]::UTF8.GetBytes('<proxy proxyaddress="http://proxy.contoso.com:8080" />'))))
        $before = (Get-FileHash -LiteralPath $p).Hash
        $t = (Get-Item -LiteralPath $p).LastWriteTimeUtc
        Invoke-AdsRedactBundleFile -Context $ctx -RelativePath 'config/machine.config' | Should -Be 0
        (Get-FileHash -LiteralPath $p).Hash | Should -Be $before
        (Get-Item -LiteralPath $p).LastWriteTimeUtc | Should -Be $t
    }
    It 'in Constrained Language mode keeps the encoding, and the BOM where Set-Content can (see the function)' {
        foreach ($c in $script:cases) {
            $ctx = New-TestContext
            $p = Join-Path $ctx.OutDir 'traces' 'trace-1.log'
            New-TestFile $p (Get-Case $c $script:line)
            $n = Invoke-AdsConstrained { param($d) $x = @{ OutDir = $d; Redaction = @{} }; Invoke-AdsRedactBundleFile -Context $x -RelativePath 'traces/trace-1.log'; $x.Redaction['traces/trace-1.log'] } -ArgumentList @($ctx.OutDir)
            @($n) | Should -Be @(1, 1) -Because $c.name
            $expected = Get-Case $c $script:clean
            # Set-Content -Encoding Unicode always writes a BOM: a UTF-16 file without one gains it.
            if ($c.name -eq 'utf-16le') { $expected = [byte[]](@(0xFF, 0xFE) + @($expected)) }
            [IO.File]::ReadAllBytes($p) | Should -Be $expected -Because $c.name
        }
    }
    It 'leaves the file out of the bundle when it cannot be redacted, and says so' {
        $ctx = New-TestContext
        $p = Join-Path $ctx.OutDir 'traces' 'trace-2.log'
        New-TestFile $p ([Text.Encoding]::UTF8.GetBytes($script:line))
        Mock -ModuleName AADSyncDiagnose Invoke-AdsRedactText { throw 'The RegEx engine has timed out while trying to match a pattern to an input string.' }
        { Invoke-AdsRedactBundleFile -Context $ctx -RelativePath 'traces/trace-2.log' } | Should -Throw '*traces/trace-2.log left out of the bundle: it could not be redacted (The RegEx engine has timed out*'
        Test-Path -LiteralPath $p | Should -BeFalse
    }
}

Describe 'Invoke-AdsRedactFileFull' {
    It 'returns 0 and writes nothing when there is no secret' {
        $p = Join-Path $TestDrive 'full.log'
        New-TestFile $p ([Text.Encoding]::UTF8.GetBytes('nothing here'))
        Invoke-AdsRedactFileFull -Path $p -Encoding @{ Name = 'utf-8'; BomLength = 0 } | Should -Be 0
        [IO.File]::ReadAllText($p) | Should -Be 'nothing here'
    }
}

Describe 'Invoke-AdsRedactFileConstrained' {
    It 'writes UTF-8 without a BOM for a file that had none (PowerShell 6+: utf8NoBOM)' {
        $p = Join-Path $TestDrive 'clm.log'
        New-TestFile $p ([Text.Encoding]::UTF8.GetBytes("Password=FAKE-S3cret-10;x $([char]0xE9)"))
        $n = Invoke-AdsConstrained { param($p) Invoke-AdsRedactFileConstrained -Path $p -Encoding @{ Name = 'utf-8'; BomLength = 0 } } -ArgumentList @($p)
        $n | Should -Be 1
        [IO.File]::ReadAllBytes($p) | Should -Be ([Text.Encoding]::UTF8.GetBytes("Password=[REDACTED];x $([char]0xE9)"))
    }
}

Describe 'Write-AdsBundleText' {
    It 'writes the text with its secrets removed and counts them with those removed before' {
        $ctx = New-TestContext
        $ctx.Redaction = @{}
        Write-AdsBundleText -Context $ctx -RelativePath 'config/winhttp.txt' -Text "    Proxy Server(s) :  svc-proxy:FAKE-S3cret-11@proxy.contoso.com:8080`r`n" -Secrets 2
        [IO.File]::ReadAllText((Join-Path $ctx.OutDir 'config' 'winhttp.txt')) | Should -Be "    Proxy Server(s) :  svc-proxy:[REDACTED]@proxy.contoso.com:8080`r`n"
        $ctx.Redaction['config/winhttp.txt'] | Should -Be 3
    }
}

Describe 'Set-AdsRedactionCount' {
    It 'records the last write of a file, adds with -Add, and does nothing without a ledger' {
        $ctx = @{ OutDir = $TestDrive; Redaction = @{} }
        Set-AdsRedactionCount -Context $ctx -RelativePath 'config\adsync.json' -Secrets 2
        Set-AdsRedactionCount -Context $ctx -RelativePath 'config/adsync.json' -Secrets 1
        Set-AdsRedactionCount -Context $ctx -RelativePath 'manifest.json' -Secrets 1 -Add
        Set-AdsRedactionCount -Context $ctx -RelativePath 'manifest.json' -Secrets 2 -Add
        $ctx.Redaction['config/adsync.json'] | Should -Be 1
        $ctx.Redaction['manifest.json'] | Should -Be 3
        { Set-AdsRedactionCount -Context @{ OutDir = $TestDrive } -RelativePath 'x' -Secrets 1 } | Should -Not -Throw
    }
}

Describe 'Get-AdsRedactionSummary' {
    It 'sums the files that had secrets, sorted, counts only' {
        $s = Get-AdsRedactionSummary -Context @{ Redaction = @{ 'traces/b.log' = 2; 'config/wininet.json' = 1; 'config/tls.json' = 0 } }
        $s.secrets | Should -Be 3
        @($s.files | ForEach-Object { $_.path }) | Should -Be @('config/wininet.json', 'traces/b.log')
        $s.identities | Should -Be 'kept'
        $s.rules | Should -Be 'aadsync-diagnose/redaction-rules@1'
        $s.ruleCount | Should -BeGreaterThan 30
        (Get-AdsRedactionSummary -Context @{}).secrets | Should -Be 0
    }
}
