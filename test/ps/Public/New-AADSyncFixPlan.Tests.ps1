# Pester tests of New-AADSyncFixPlan: a plan from parameters, checked like a plan file.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'New-AADSyncFixPlan' {
    It 'builds a plan for both frameworks from host:port' {
        $p = New-AADSyncFixPlan -ProxyAddress 'proxy.contoso.com:8080' -UseDefaultCredentials -BypassList '\.contoso\.com$' -Tls12 -Reason 'proxy-auth-required'
        $p.schema | Should -Be 'aadsync-diagnose/fix-plan@1'
        $p.machineConfig.proxyAddress | Should -Be 'http://proxy.contoso.com:8080'
        $p.machineConfig.useDefaultCredentials | Should -BeTrue
        @($p.machineConfig.frameworks) | Should -Be @('Framework64', 'Framework')
        @($p.tls12.views) | Should -Be @('64', '32')
        ((ConvertTo-Json $p -Depth 5) | ConvertFrom-Json).reasons | Should -Be 'proxy-auth-required'
    }
    It 'refuses <Name>' -ForEach @(
        @{ Name = 'a proxy with credentials'; Params = @{ ProxyAddress = 'http://user:P@ssw0rd-FAKE-1@proxy:8080' }; Why = '*not http://host:port*' }
        @{ Name = 'an https:// proxy'; Params = @{ ProxyAddress = 'https://proxy:8443' }; Why = '*not http://host:port*' }
        @{ Name = 'a wildcard bypass entry'; Params = @{ ProxyAddress = 'proxy:8080'; BypassList = @('*.contoso.com') }; Why = '*regular expression*' }
        @{ Name = 'credentials without a proxy'; Params = @{ UseDefaultCredentials = $true }; Why = '*give -ProxyAddress*' }
        @{ Name = 'nothing at all'; Params = @{}; Why = '*nothing to change*' }
    ) {
        { New-AADSyncFixPlan @Params -ErrorAction Stop } | Should -Throw $Why
    }
}
