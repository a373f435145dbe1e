# Pester tests of ps/AADSyncDiagnose/Private/Step.Traces.ps1.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Invoke-AdsTraces' {
    It 'copies only the trace logs modified in the window' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\ProgramData' }
        Mock -ModuleName AADSyncDiagnose Get-AdsChildFiles {
            @(@{ FullName = 'C:\ProgramData\AADConnect\trace-20261125-091201.log'; Length = 10; LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1) },
              @{ FullName = 'C:\ProgramData\AADConnect\trace-20260301-101500.log'; Length = 10; LastWriteTimeUtc = [datetime]::UtcNow.AddDays(-200) })
        }
        Mock -ModuleName AADSyncDiagnose Copy-AdsFile { [void](New-Item -ItemType Directory -Force -Path (Split-Path $Destination)); [IO.File]::WriteAllText($Destination, $Source) }
        $r = Invoke-AdsTraces -Context $ctx
        $r.status | Should -Be 'ok'
        Should -Invoke -ModuleName AADSyncDiagnose Copy-AdsFile -Times 1 -ParameterFilter { $Source -like '*trace-20261125-091201.log' -and $Destination -like '*traces*trace-20261125-091201.log' }
        Should -Invoke -ModuleName AADSyncDiagnose Get-AdsChildFiles -Times 1 -ParameterFilter { $Directory -eq 'C:\ProgramData\AADConnect' -and $Filter -eq 'trace-*.log' }
    }
    It 'removes the secrets of each copied log at once, and of its name (issue 15 A6)' {
        $ctx = New-TestContext
        $ctx.Redaction = @{}
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\ProgramData' }
        Mock -ModuleName AADSyncDiagnose Get-AdsChildFiles {
            @(@{ FullName = 'C:\ProgramData\AADConnect\trace-20261125-091201-Password=FAKE-S3cret-1.log'; Length = 10; LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1) })
        }
        Mock -ModuleName AADSyncDiagnose Copy-AdsFile {
            [void](New-Item -ItemType Directory -Force -Path (Split-Path $Destination))
            [IO.File]::WriteAllText($Destination, "[09:12:01] proxy http://svc-proxy:FAKE-S3cret-2@proxy.contoso.com:8080 answered 407`r`n")
        }
        $r = Invoke-AdsTraces -Context $ctx
        $r.status | Should -Be 'ok'
        $files = @(Get-ChildItem -LiteralPath (Join-Path $ctx.OutDir 'traces'))
        $files.Name | Should -Be @('trace-20261125-091201-Password__REDACTED_.log')
        [IO.File]::ReadAllText($files[0].FullName) | Should -Be "[09:12:01] proxy http://svc-proxy:[REDACTED]@proxy.contoso.com:8080 answered 407`r`n"
        $ctx.Redaction['traces/trace-20261125-091201-Password__REDACTED_.log'] | Should -Be 2
    }
}
