# Pester tests of ps/AADSyncDiagnose/Private/Fix.Registry.ps1: the TLS 1.2 values, their states as the
# journal keeps them, and their diff in .reg notation. The registry itself is answered by mocks of the
# fix seam (the simulator's registry is tested in Invoke-AADSyncFix.Tests.ps1).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Open-AdsFixRegistryBase' {
    It 'exists only on Windows: off Windows the registry types refuse to open' -Skip:($IsWindows -ne $false) {
        { Open-AdsFixRegistryBase -View '64' } | Should -Throw
    }
}

Describe 'Get-AdsRegistryKeyName' {
    It 'names the 32-bit view as regedit shows it' {
        Get-AdsRegistryKeyName -View '64' -SubKey 'SOFTWARE\Microsoft\.NETFramework\v4.0.30319' | Should -Be 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319'
        Get-AdsRegistryKeyName -View '32' -SubKey 'SOFTWARE\Microsoft\.NETFramework\v4.0.30319' | Should -Be 'HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319'
    }
}

Describe 'ConvertTo-AdsRegistryState' {
    It 'keeps kind and data JSON-safe (a negative Int32 DWORD is its unsigned value)' {
        $s = ConvertTo-AdsRegistryState -Answer @{ KeyExists = $true; Exists = $true; Kind = 'DWord'; Value = [int]-1 }
        $s.value | Should -Be 4294967295
        (ConvertTo-AdsRegistryState -Answer @{ KeyExists = $true; Exists = $true; Kind = 'Binary'; Value = [byte[]](1, 171) }).value | Should -Be '01ab'
        (ConvertTo-AdsRegistryState -Answer @{ KeyExists = $false; Exists = $false; Kind = $null; Value = $null }).exists | Should -BeFalse
    }
}

Describe 'ConvertFrom-AdsRegistryState' {
    It 'gives back the data in the type the registry takes for its kind' {
        (ConvertFrom-AdsRegistryState -State ([ordered]@{ kind = 'DWord'; value = 4294967295 })) | Should -Be -1
        $b = ConvertFrom-AdsRegistryState -State ([ordered]@{ kind = 'Binary'; value = '01ab' })
        ($b -is [byte[]]) | Should -BeTrue
        ($b -join ',') | Should -Be '1,171'
        @(ConvertFrom-AdsRegistryState -State ([ordered]@{ kind = 'MultiString'; value = @('a', 'b') })) | Should -Be @('a', 'b')
    }
}

Describe 'Test-AdsRegistryStateEqual' {
    It 'compares existence, kind and data' {
        $one = [ordered]@{ exists = $true; kind = 'DWord'; value = 1 }
        Test-AdsRegistryStateEqual -A $one -B ([ordered]@{ exists = $true; kind = 'DWord'; value = 1 }) | Should -BeTrue
        Test-AdsRegistryStateEqual -A $one -B ([ordered]@{ exists = $true; kind = 'String'; value = '1' }) | Should -BeFalse
        Test-AdsRegistryStateEqual -A $one -B ([ordered]@{ exists = $false }) | Should -BeFalse
        Test-AdsRegistryStateEqual -A ([ordered]@{ exists = $false }) -B ([pscustomobject]@{ exists = $false; kind = $null }) | Should -BeTrue
    }
}

Describe 'Format-AdsRegistryLine' {
    It 'writes .reg lines and nothing for an absent value' {
        Format-AdsRegistryLine -Name 'SchUseStrongCrypto' -State ([ordered]@{ exists = $true; kind = 'DWord'; value = 1 }) | Should -Be "`"SchUseStrongCrypto`"=dword:00000001`n"
        Format-AdsRegistryLine -Name 'X' -State ([ordered]@{ exists = $true; kind = 'String'; value = 'a"b' }) | Should -Be "`"X`"=`"a\`"b`"`n"
        Format-AdsRegistryLine -Name 'X' -State ([ordered]@{ exists = $false }) | Should -Be ''
    }
}

Describe 'Get-AdsRegistryDiff' {
    It 'diffs the value before and after in .reg notation' {
        $d = Get-AdsRegistryDiff -Key 'HKLM\K' -View '64' -Name 'V' -Before ([ordered]@{ exists = $true; kind = 'DWord'; value = 0 }) -After ([ordered]@{ exists = $true; kind = 'DWord'; value = 1 })
        $d | Should -BeExactly "--- HKLM\K (64-bit view)`n+++ HKLM\K (64-bit view), after the fix`n@@ -1 +1 @@`n-`"V`"=dword:00000000`n+`"V`"=dword:00000001`n"
    }
}

Describe 'Get-AdsTlsChanges' {
    It 'plans both values in both views, and leaves values already 1 alone' {
        Mock -ModuleName AADSyncDiagnose Get-AdsFixRegistryValue {
            if ($Name -eq 'SchUseStrongCrypto' -and $View -eq '64') { return @{ KeyExists = $true; Exists = $true; Kind = 'DWord'; Value = 1 } }
            if ($Name -eq 'SystemDefaultTlsVersions' -and $View -eq '64') { return @{ KeyExists = $true; Exists = $true; Kind = 'DWord'; Value = 0 } }
            return @{ KeyExists = $true; Exists = $false; Kind = $null; Value = $null }
        }
        $c = Get-AdsTlsChanges -Views @('64', '32')
        $c.Count | Should -Be 4
        @($c | ForEach-Object { $_.Status }) | Should -Be @('unchanged', 'pending', 'pending', 'pending')
        $c[1].Diff | Should -Match '-"SystemDefaultTlsVersions"=dword:00000000'
        $c[2].Key | Should -Be 'HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319'
    }
    It 'refuses a value it cannot read' {
        Mock -ModuleName AADSyncDiagnose Get-AdsFixRegistryValue { throw 'Requested registry access is not allowed.' }
        (Get-AdsTlsChanges -Views @('64'))[0].Status | Should -Be 'refused'
    }
}
