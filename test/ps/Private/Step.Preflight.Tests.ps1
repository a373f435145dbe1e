# Pester tests of ps/AADSyncDiagnose/Private/Step.Preflight.ps1 (every read mocked through the seam).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Invoke-AdsPreflight' {
    BeforeEach {
        Mock -ModuleName AADSyncDiagnose Test-AdsElevated { $true }
        Mock -ModuleName AADSyncDiagnose Get-AdsComputerName { 'AADC01' }
        Mock -ModuleName AADSyncDiagnose Get-AdsCurrentIdentity { @{ Name = 'CONTOSO\admin'; Sid = 'S-1-5-21-1-2-3-1104' } }
        Mock -ModuleName AADSyncDiagnose Get-AdsServiceInfo { @{ Name = 'ADSync'; State = 'Running'; StartName = 'NT SERVICE\ADSync'; ProcessId = 4242; PathName = '"C:\Program Files\Microsoft Azure AD Sync\Bin\miiserver.exe"' } }
        Mock -ModuleName AADSyncDiagnose Get-AdsProcessStartTime { [datetime]::SpecifyKind([datetime]'2026-11-20T07:12:00', 'Utc') }
        Mock -ModuleName AADSyncDiagnose Find-AdsADSyncModule { @{ Path = 'C:\Program Files\Microsoft Azure AD Sync\Bin\ADSync\ADSync.psd1'; InstallBin = 'C:\Program Files\Microsoft Azure AD Sync\Bin' } }
        Mock -ModuleName AADSyncDiagnose Import-AdsADSyncModule { }
        Mock -ModuleName AADSyncDiagnose Get-AdsFileProductVersion { '2.4.131.0' }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnector { [pscustomobject]@{ Name = 'contoso.com'; Identifier = [guid]'4b1b5a96-1f46-4ad0-a5ac-e5d3a4b0e6b1'; ConnectorTypeName = 'AD' } }
    }
    It 'records elevation, the service, its account and start time, the module, the version and the connectors' {
        $ctx = New-TestContext
        $ctx.ModuleImported = $false
        $r = Invoke-AdsPreflight -Context $ctx
        $r.status | Should -Be 'ok'
        $ad = Read-Json $ctx 'config/adsync.json'
        $ad.elevated | Should -BeTrue
        $ad.service.account | Should -Be 'NT SERVICE\ADSync'
        Get-Content -Raw (Join-Path $ctx.OutDir 'config/adsync.json') | Should -Match '"startTime":"2026-11-20T07:12:00.0000000Z"'
        $ad.module.found | Should -BeTrue
        $ad.product.version | Should -Be '2.4.131.0'
        $ad.connectors[0].name | Should -Be 'contoso.com'
        $ctx.ModuleImported | Should -BeTrue
        $ctx.MiiServerExe | Should -Be 'C:\Program Files\Microsoft Azure AD Sync\Bin\miiserver.exe'
    }
    It 'says why the module is unknown when it cannot be imported, and still succeeds' {
        Mock -ModuleName AADSyncDiagnose Import-AdsADSyncModule { throw 'The specified module was not loaded because no valid module file was found in any module directory.' }
        $ctx = New-TestContext
        $ctx.ModuleImported = $false
        (Invoke-AdsPreflight -Context $ctx).status | Should -Be 'ok'
        (Read-Json $ctx 'config/adsync.json').module.error | Should -Match '^import failed: The specified module'
        $ctx.ModuleImported | Should -BeFalse
    }
}

Describe 'Invoke-AdsPreflight connector types (issue 13.9)' {
    It 'records Type and SubType of each connector (the Entra connector: Extensible2, Windows Azure Active Directory (Microsoft))' {
        Mock -ModuleName AADSyncDiagnose Test-AdsElevated { $true }
        Mock -ModuleName AADSyncDiagnose Get-AdsComputerName { 'AADC01' }
        Mock -ModuleName AADSyncDiagnose Get-AdsCurrentIdentity { @{ Name = 'CONTOSO\admin'; Sid = 'S-1-5-21-1-2-3-1104' } }
        Mock -ModuleName AADSyncDiagnose Get-AdsServiceInfo { $null }
        Mock -ModuleName AADSyncDiagnose Find-AdsADSyncModule { @{ Path = 'C:\x\Bin\ADSync\ADSync.psd1'; InstallBin = 'C:\x\Bin' } }
        Mock -ModuleName AADSyncDiagnose Import-AdsADSyncModule { }
        Mock -ModuleName AADSyncDiagnose Get-AdsFileProductVersion { '2.4.131.0' }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnector {
            [pscustomobject]@{ Name = 'contoso.onmicrosoft.com - AAD'; Identifier = [guid]'b891884f-051e-4a83-95af-2544101c9083'; Type = 'Extensible2'; ConnectorTypeName = 'Extensible2'; SubType = 'Windows Azure Active Directory (Microsoft)' }
            [pscustomobject]@{ Name = 'contoso.com'; Identifier = [guid]'4b1b5a96-1f46-4ad0-a5ac-e5d3a4b0e6b1'; ConnectorTypeName = 'AD' }
        }
        $ctx = New-TestContext
        $ctx.ModuleImported = $false
        [void](Invoke-AdsPreflight -Context $ctx)
        $c = (Read-Json $ctx 'config/adsync.json').connectors
        $c[0].type | Should -Be 'Extensible2'
        $c[0].subType | Should -Be 'Windows Azure Active Directory (Microsoft)'
        $c[0].identifier | Should -Be 'b891884f-051e-4a83-95af-2544101c9083'
        $c[1].type | Should -Be 'AD'
        $c[1].subType | Should -BeNullOrEmpty
    }
}
