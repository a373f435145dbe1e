# Pester tests of ps/AADSyncDiagnose/Private/AdSyncRecord.ps1: config/adsync.json and where ADSync.psd1 is.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'New-AdsAdSyncRecord' {
    It 'starts with every part unknown (null), never false' {
        $r = New-AdsAdSyncRecord
        $r.schema | Should -Be 'aadsync-diagnose/adsync@1'
        $r.elevated | Should -BeNullOrEmpty
        $r.service.found | Should -BeFalse
        $r.service.account | Should -BeNullOrEmpty
        $r.scheduler | Should -BeNullOrEmpty
        @($r.connectors).Count | Should -Be 0
    }
}

Describe 'Save-AdsAdSyncJson' {
    It 'writes the record of the context as config/adsync.json' {
        $ctx = New-TestContext
        $ctx.AdSync.service.account = 'NT SERVICE\ADSync'
        Save-AdsAdSyncJson -Context $ctx
        (Read-Json $ctx 'config/adsync.json').service.account | Should -Be 'NT SERVICE\ADSync'
    }
}

Describe 'Find-AdsADSyncModule' {
    It 'prefers the install directory of the service Parameters key over Program Files' {
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues { [ordered]@{ Path = 'D:\Sync\' } }
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\Program Files' }
        Mock -ModuleName AADSyncDiagnose Get-AdsFileInfo { if ($Path -like 'D:\Sync\*' -or $Path -like 'C:\Program Files\Microsoft Azure AD Sync\*') { @{ FullName = $Path; Length = 1; LastWriteTimeUtc = [datetime]::UtcNow } } }
        $m = Find-AdsADSyncModule
        $m.Path | Should -Be 'D:\Sync\Bin\ADSync\ADSync.psd1'
        $m.InstallBin | Should -Be 'D:\Sync\Bin'
    }
    It 'falls back to the classic folder, and says nothing is there with $null' {
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues { $null }
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\Program Files' }
        Mock -ModuleName AADSyncDiagnose Get-AdsFileInfo { if ($Path -eq 'C:\Program Files\Microsoft Azure AD Sync\Bin\ADSync\ADSync.psd1') { @{ FullName = $Path; Length = 1; LastWriteTimeUtc = [datetime]::UtcNow } } }
        (Find-AdsADSyncModule).Path | Should -Be 'C:\Program Files\Microsoft Azure AD Sync\Bin\ADSync\ADSync.psd1'
        Mock -ModuleName AADSyncDiagnose Get-AdsFileInfo { $null }
        Find-AdsADSyncModule | Should -BeNullOrEmpty
    }
}
