# Pester tests of ps/AADSyncDiagnose/Private/Tls.ps1: config/tls.json.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Get-AdsTlsRecord' {
    It 'reads both .NET Framework views and every SCHANNEL protocol side; absent values are null, never 0' {
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues {
            switch ($Key) {
                'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' { return [ordered]@{ SchUseStrongCrypto = 1; SystemDefaultTlsVersions = 1; InstallPath = 'x' } }
                'HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319' { return [ordered]@{ InstallPath = 'x' } }
                'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client' { return [ordered]@{ Enabled = -1; DisabledByDefault = 0 } }
                default { return $null }
            }
        }
        $r = Get-AdsTlsRecord
        $r.schema | Should -Be 'aadsync-diagnose/tls@1'
        $r.netFramework[0].view | Should -Be '64'
        $r.netFramework[0].SchUseStrongCrypto | Should -Be 1
        $r.netFramework[1].view | Should -Be '32'
        $r.netFramework[1].found | Should -BeTrue
        $r.netFramework[1].SchUseStrongCrypto | Should -BeNullOrEmpty
        @($r.schannel).Count | Should -Be 12
        $c = @($r.schannel | Where-Object { $_.protocol -eq 'TLS 1.2' -and $_.side -eq 'Client' })[0]
        $c.Enabled | Should -Be 4294967295
        $c.DisabledByDefault | Should -Be 0
        $s = @($r.schannel | Where-Object { $_.protocol -eq 'TLS 1.0' -and $_.side -eq 'Server' })[0]
        $s.found | Should -BeFalse
        $s.Enabled | Should -BeNullOrEmpty
        (ConvertTo-AdsJson $r) | Should -Match '"SchUseStrongCrypto":null'
    }
}

Describe 'ConvertTo-AdsRegistryNumber' {
    It 'keeps a DWORD unsigned as the registry shows it' {
        ConvertTo-AdsRegistryNumber -Value (-1) | Should -Be 4294967295
        ConvertTo-AdsRegistryNumber 1 | Should -Be 1
        ConvertTo-AdsRegistryNumber '1' | Should -Be '1'
    }
}
