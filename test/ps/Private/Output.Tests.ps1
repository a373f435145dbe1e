# Pester tests of ps/AADSyncDiagnose/Private/Output.ps1: JSON, files, dates, bundle paths, progress lines.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Format-AdsDate' {
    It 'formats dates as ISO 8601 UTC strings' {
        $d = [datetime]::SpecifyKind([datetime]'2026-11-25T10:00:00', 'Utc')
        Format-AdsDate $d | Should -Be '2026-11-25T10:00:00.0000000Z'
        ConvertTo-AdsJson ([ordered]@{ t = (Format-AdsDate $d); n = $null; a = @(1) }) | Should -Be '{"t":"2026-11-25T10:00:00.0000000Z","n":null,"a":[1]}'
    }
}

Describe 'Resolve-AdsBundlePath' {
    It 'refuses bundle paths that leave the bundle' {
        { Resolve-AdsBundlePath -OutDir '/tmp/x' -RelativePath '../evil.json' } | Should -Throw '*outside the bundle*'
        { Resolve-AdsBundlePath -OutDir '/tmp/x' -RelativePath 'config/../../evil.json' } | Should -Throw
        { Resolve-AdsBundlePath -OutDir '/tmp/x' -RelativePath 'C:\Windows\evil.json' } | Should -Throw
        Resolve-AdsBundlePath -OutDir '/tmp/x' -RelativePath 'config/adsync.json' | Should -Be (Join-Path (Join-Path '/tmp/x' 'config') 'adsync.json')
    }
}

Describe 'Write-AdsBundleJson' {
    It 'writes UTF-8 without BOM' {
        $ctx = New-TestContext
        Write-AdsBundleJson -Context $ctx -RelativePath 'config/x.json' -Object ([ordered]@{ user = "CONTOSO\j$([char]0xF6)rg" })
        $bytes = [IO.File]::ReadAllBytes((Join-Path $ctx.OutDir 'config/x.json'))
        $bytes[0] | Should -Not -Be 0xEF
        [Text.Encoding]::UTF8.GetString($bytes) | Should -Be '{"user":"CONTOSO\\j\u00f6rg"}'
    }
}

Describe 'Get-AdsProp' {
    It 'keeps a REG_BINARY value a byte array through Get-AdsProp' {
        $v = [ordered]@{ DefaultConnectionSettings = [byte[]](0x46, 0, 0, 0) }
        $b = Get-AdsProp $v 'DefaultConnectionSettings'
        ($b -is [byte[]]) | Should -BeTrue
        ConvertTo-AdsHex $b | Should -Be '46000000'
    }
}

Describe 'ConvertTo-AdsJson' {
    It 'writes compact JSON with nulls and one-element arrays kept' {
        ConvertTo-AdsJson ([ordered]@{ n = $null; a = @('x'); o = [ordered]@{ b = $true } }) | Should -Be '{"n":null,"a":["x"],"o":{"b":true}}'
    }
}

Describe 'Write-AdsTextFile' {
    It 'replaces the file as a whole, leaves no .partial behind and creates the folder' {
        $p = Join-Path $TestDrive 'sub' 'f.txt'
        Write-AdsTextFile -Path $p -Text 'one'
        Write-AdsTextFile -Path $p -Text 'two'
        [IO.File]::ReadAllText($p) | Should -Be 'two'
        Test-Path -LiteralPath ($p + '.partial') | Should -BeFalse
    }
}

Describe 'Write-AdsProgress' {
    It 'writes one ##aadsync line of JSON on standard output' {
        $sw = New-Object IO.StringWriter
        $old = [Console]::Out
        [Console]::SetOut($sw)
        try { Write-AdsProgress -Event ([ordered]@{ event = 'step-start'; step = 'events' }) } finally { [Console]::SetOut($old) }
        $sw.ToString() | Should -Be ('##aadsync {"event":"step-start","step":"events"}' + [Environment]::NewLine)
    }
}

Describe 'Get-AdsErrorText' {
    It 'unwraps a .NET method error and adds the inner exception once, on one line' {
        $inner = New-Object System.Net.Sockets.SocketException 10061
        $outer = New-Object System.Net.WebException ("Unable to connect to the remote server`r`n"), $inner
        $text = Get-AdsErrorText (New-Object System.Management.Automation.ErrorRecord $outer, 'x', 'NotSpecified', $null)
        $text | Should -Match '^Unable to connect to the remote server ---> '
        $text | Should -Not -Match "`n"
        Get-AdsErrorText $null | Should -BeNullOrEmpty
    }
}

Describe 'Get-AdsFileSha256' {
    It 'is the lower-case hex SHA-256 of the bytes' {
        $p = Join-Path $TestDrive 'abc.txt'
        [IO.File]::WriteAllBytes($p, [Text.Encoding]::ASCII.GetBytes('abc'))
        Get-AdsFileSha256 -Path $p | Should -Be 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    }
}

Describe 'Get-AdsBundleFileList' {
    It 'lists every file but the manifest and .partial files, with / separators, size and hash, sorted' {
        $d = Join-Path $TestDrive 'b'
        [void](New-Item -ItemType Directory -Path (Join-Path $d 'config'))
        [IO.File]::WriteAllText((Join-Path $d 'manifest.json'), '{}')
        [IO.File]::WriteAllText((Join-Path $d 'config' 'z.json'), '{}')
        [IO.File]::WriteAllText((Join-Path $d 'config' 'a.txt'), 'abc')
        [IO.File]::WriteAllText((Join-Path $d 'x.json.partial'), '')
        $list = Get-AdsBundleFileList -OutDir $d
        @($list | ForEach-Object { $_.path }) | Should -Be @('config/a.txt', 'config/z.json')
        $list[0].bytes | Should -Be 3
        $list[0].sha256 | Should -Be 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    }
}

Describe 'ConvertTo-AdsHex' {
    It 'writes bytes as lower-case hex, $null as null' {
        ConvertTo-AdsHex ([byte[]](0x46, 0x0a, 0xff)) | Should -Be '460aff'
        ConvertTo-AdsHex $null | Should -BeNullOrEmpty
    }
}

Describe 'Get-AdsSafeFileName' {
    It 'keeps letters, digits, space, dot, dash and underscore; anything else becomes _' {
        Get-AdsSafeFileName 'Directory Synchronization' | Should -Be 'Directory Synchronization'
        Get-AdsSafeFileName '..\..\x:y*' | Should -Be '.._.._x_y_'
    }
}

Describe 'ConvertTo-AdsAsciiJson' {
    It 'escapes every non-ASCII character, surrogate pairs as two escapes, and leaves ASCII alone' {
        ConvertTo-AdsAsciiJson '{"a":"plain \\ \" text"}' | Should -Be '{"a":"plain \\ \" text"}'
        ConvertTo-AdsAsciiJson ('{"u":"J' + [char]0xFC + 'rgen ' + [char]0x30BD + [char]0x8868 + ' ' + [char]0xD83D + [char]0xDE00 + '"}') | Should -Be '{"u":"J\u00fcrgen \u30bd\u8868 \ud83d\ude00"}'
        ConvertTo-AdsAsciiJson $null | Should -BeNullOrEmpty
    }
    It 'round-trips through a JSON parser to the same text' {
        $text = 'Der Remotename konnte nicht aufgel' + [char]0xF6 + 'st werden: ' + [char]0x30EA + [char]0x30E2 + [char]0x30FC + [char]0x30C8
        $json = ConvertTo-AdsJson ([ordered]@{ error = $text })
        $json | Should -Not -Match '[^\x00-\x7F]'
        ($json | ConvertFrom-Json).error | Should -Be $text
    }
}
