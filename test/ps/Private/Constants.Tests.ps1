# Pester tests of ps/AADSyncDiagnose/Private/Constants.ps1, and of the module's code that must run in
# Constrained Language mode (AppLocker/WDAC, issue 13.10): emulated by switching a job's session to it
# before the module is imported.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Test-AdsFullLanguage' {
    It 'is true in a normal session and false when the module was loaded in Constrained Language' {
        Test-AdsFullLanguage | Should -BeTrue
        Invoke-AdsConstrained { Test-AdsFullLanguage; $script:LanguageMode } | Should -Be @($false, 'ConstrainedLanguage')
    }
}

Describe 'Constrained Language code paths' {
    It 'writes text files, hashes them, and lists the bundle with cmdlets only' {
        $d = Join-Path $TestDrive 'clm'
        $out = Invoke-AdsConstrained {
            param($d)
            [void](New-Item -ItemType Directory -Path $d)
            Write-AdsTextFile -Path (Join-Path $d 'a.json') -Text '{"a":"\u00fc"}'
            Write-AdsTextFile -Path (Join-Path $d 'a.json') -Text '{"a":1}'
            Write-AdsBundleJson -Context @{ OutDir = $d } -RelativePath 'config/b.json' -Object ([ordered]@{ user = 'J' + [char]0xFC + 'rgen' })
            (Get-AdsFileSha256 -Path (Join-Path $d 'a.json'))
            @(Get-AdsBundleFileList -OutDir $d | ForEach-Object { $_.path })
            (Get-Content -Raw -LiteralPath (Join-Path $d 'config' 'b.json'))
        } -ArgumentList @($d)
        $out[0] | Should -Be ((Get-FileHash -LiteralPath (Join-Path $d 'a.json') -Algorithm SHA256).Hash.ToLowerInvariant())
        $out[1..2] | Should -Be @('a.json', 'config/b.json')
        $out[3] | Should -Be '{"user":"J\u00fcrgen"}'
        [IO.File]::ReadAllBytes((Join-Path $d 'config' 'b.json'))[0] | Should -Be 0x7B
    }
    It 'reads files, folders, processes and the environment through the seam' {
        $d = Join-Path $TestDrive 'seam'
        [void](New-Item -ItemType Directory -Path $d)
        [IO.File]::WriteAllText((Join-Path $d 'trace-1.log'), 'x')
        $out = Invoke-AdsConstrained {
            param($d, $procId)
            (Get-AdsFileInfo -Path (Join-Path $d 'trace-1.log')).Length
            @(Get-AdsChildFiles -Directory $d -Filter 'trace-*.log').Count
            Copy-AdsFile -Source (Join-Path $d 'trace-1.log') -Destination (Join-Path $d 'copy' 'trace-1.log')
            Test-Path -LiteralPath (Join-Path $d 'copy' 'trace-1.log')
            (Get-AdsProcessStartTime -ProcessId $procId) -is [datetime]
            (Get-AdsEnvironmentVariables -Scope Process).Count -gt 0
            Get-AdsKnownFolder -Name ProgramData
            Get-AdsServiceProxySummary -Context @{ OutDir = $d } | ForEach-Object { $_.source }
        } -ArgumentList @($d, $PID)
        $out | Should -Be @(1, 1, $true, $true, $true, 'C:\ProgramData', 'machine.config (Framework64): no defaultProxy')
    }
}
