# Pester tests of ps/AADSyncDiagnose/Private/Seam.ps1, the only functions that read the machine. The
# ones that need Windows (registry, CIM, principals) are skipped elsewhere and named as such: the
# self-test runs them on a real server.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    $script:OnWindows = [bool]($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows)
}

Describe 'Get-AdsKnownFolder' {
    It 'answers SystemRoot, ProgramData and ProgramFiles (Windows defaults when the variable is absent)' {
        foreach ($n in 'SystemRoot', 'ProgramData', 'ProgramFiles') { Get-AdsKnownFolder -Name $n | Should -Not -BeNullOrEmpty }
        if (-not $script:OnWindows) { Get-AdsKnownFolder -Name SystemRoot | Should -Be 'C:\Windows' }
    }
}

Describe 'Get-AdsComputerName' {
    It 'is this machine''s name' { Get-AdsComputerName | Should -Be ([Environment]::MachineName) }
}

Describe 'Test-AdsElevated' {
    It 'answers true or false (Windows principal)' -Skip:(-not $script:OnWindows) { (Test-AdsElevated) -is [bool] | Should -BeTrue }
}

Describe 'Get-AdsCurrentIdentity' {
    It 'gives a name and a SID (Windows identity)' -Skip:(-not $script:OnWindows) { (Get-AdsCurrentIdentity).Sid | Should -Match '^S-1-' }
}

Describe 'ConvertTo-AdsSid' {
    It 'maps the well-known service accounts without a lookup, and nothing to $null' {
        ConvertTo-AdsSid -Account 'LocalSystem' | Should -Be 'S-1-5-18'
        ConvertTo-AdsSid -Account 'NT AUTHORITY\NetworkService' | Should -Be 'S-1-5-20'
        ConvertTo-AdsSid -Account '' | Should -BeNullOrEmpty
    }
}

Describe 'ConvertFrom-AdsSid' {
    It 'gives $null for a SID that cannot be resolved' { ConvertFrom-AdsSid -Sid 'not-a-sid' | Should -BeNullOrEmpty }
}

Describe 'Get-AdsRegistryValues' {
    It 'reads every value of a key, REG_BINARY as bytes (registry)' -Skip:(-not $script:OnWindows) {
        $v = Get-AdsRegistryValues -Key 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
        $v.Contains('ProductName') | Should -BeTrue
    }
}

Describe 'Get-AdsRegistrySubKeyNames' {
    It 'lists the loaded hives under HKU (registry)' -Skip:(-not $script:OnWindows) { @(Get-AdsRegistrySubKeyNames -Key 'HKU') | Should -Contain 'S-1-5-18' }
}

Describe 'Invoke-AdsNetshWinHttp' {
    It 'returns netsh''s text (netsh)' -Skip:(-not $script:OnWindows) { Invoke-AdsNetshWinHttp | Should -Match 'WinHTTP' }
}

Describe 'Get-AdsServiceInfo' {
    It 'gives $null for a service that is not installed (CIM)' -Skip:(-not $script:OnWindows) { Get-AdsServiceInfo -Name 'aadsync-diagnose-no-such-service' | Should -BeNullOrEmpty }
}

Describe 'Get-AdsProcessStartTime' {
    It 'gives the start time of a process, $null for no process' {
        (Get-AdsProcessStartTime -ProcessId $PID) | Should -BeOfType [datetime]
        Get-AdsProcessStartTime -ProcessId 0 | Should -BeNullOrEmpty
    }
}

Describe 'Get-AdsFileInfo' {
    It 'gives name, size and UTC write time of a file, $null when absent' {
        $p = Join-Path $TestDrive 'm.config'
        [IO.File]::WriteAllText($p, 'abcd')
        $i = Get-AdsFileInfo -Path $p
        $i.Length | Should -Be 4
        $i.LastWriteTimeUtc.Kind | Should -Be 'Utc'
        Get-AdsFileInfo -Path (Join-Path $TestDrive 'none') | Should -BeNullOrEmpty
    }
}

Describe 'Get-AdsChildFiles' {
    It 'lists the files of a folder that match the filter, not its subfolders' {
        $d = Join-Path $TestDrive 'AADConnect'
        [void](New-Item -ItemType Directory -Path (Join-Path $d 'sub'))
        foreach ($n in 'trace-1.log', 'trace-2.log', 'PersistedState.xml', (Join-Path 'sub' 'trace-3.log')) { [IO.File]::WriteAllText((Join-Path $d $n), 'x') }
        @(Get-AdsChildFiles -Directory $d -Filter 'trace-*.log' | ForEach-Object { Split-Path -Leaf $_.FullName } | Sort-Object) | Should -Be @('trace-1.log', 'trace-2.log')
        @(Get-AdsChildFiles -Directory (Join-Path $TestDrive 'none')).Count | Should -Be 0
    }
}

Describe 'Copy-AdsFile' {
    It 'copies byte for byte, also while another process holds the file open for writing' {
        $src = Join-Path $TestDrive 'trace.log'
        $w = New-Object IO.FileStream($src, [IO.FileMode]::Create, [IO.FileAccess]::Write, [IO.FileShare]::ReadWrite)
        try {
            $bytes = [byte[]](0xEF, 0xBB, 0xBF, 0x41, 0x0D, 0x0A)
            $w.Write($bytes, 0, $bytes.Length); $w.Flush()
            $dst = Join-Path $TestDrive 'out' 'trace.log'
            Copy-AdsFile -Source $src -Destination $dst
            [IO.File]::ReadAllBytes($dst) | Should -Be $bytes
        } finally { $w.Dispose() }
    }
    It 'never overwrites an existing file in the bundle' {
        $src = Join-Path $TestDrive 'a.txt'; [IO.File]::WriteAllText($src, 'a')
        $dst = Join-Path $TestDrive 'b.txt'; [IO.File]::WriteAllText($dst, 'b')
        { Copy-AdsFile -Source $src -Destination $dst } | Should -Throw
        [IO.File]::ReadAllText($dst) | Should -Be 'b'
    }
}

Describe 'Get-AdsFileProductVersion' {
    It 'gives $null for a file that does not exist' { Get-AdsFileProductVersion -Path (Join-Path $TestDrive 'miiserver.exe') | Should -BeNullOrEmpty }
}

Describe 'Get-AdsEnvironmentVariables' {
    It 'reads the process environment' {
        $env:AADSYNC_DIAGNOSE_TEST = 'x'
        try { (Get-AdsEnvironmentVariables -Scope Process)['AADSYNC_DIAGNOSE_TEST'] | Should -Be 'x' } finally { Remove-Item Env:\AADSYNC_DIAGNOSE_TEST }
    }
}

Describe 'Import-AdsADSyncModule' {
    It 'imports a module globally so that every step sees its commands' {
        $dir = Join-Path $TestDrive 'FakeADSync'
        [void](New-Item -ItemType Directory -Path $dir)
        Set-Content -LiteralPath (Join-Path $dir 'FakeADSync.psm1') -Value 'function Get-FakeADSyncThing { 42 }'
        try {
            Import-AdsADSyncModule -Path (Join-Path $dir 'FakeADSync.psm1')
            Get-FakeADSyncThing | Should -Be 42
        } finally { Remove-Module FakeADSync -ErrorAction SilentlyContinue }
    }
}
