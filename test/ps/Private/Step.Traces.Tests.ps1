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
}
