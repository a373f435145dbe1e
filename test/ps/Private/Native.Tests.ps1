# Pester tests of ps/AADSyncDiagnose/Private/Native.ps1: native output captured the 5.1-safe way.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    # Emulates how Windows PowerShell 5.1 hands a native program's output to `& exe 2>&1`: stdout lines
    # as strings, each stderr line as an error record (NativeCommandError) created in the CALLER's scope,
    # so it honours the caller's $ErrorActionPreference. Defined inside the module for that reason.
    # pwsh 7.2+ no longer does this for real native programs, so a real one cannot show the 5.1 failure.
    & $script:AdsModule {
        function script:Invoke-FakeNetsh51 {
            'Current WinHTTP proxy settings:'
            Write-Error -Message 'The following helper DLL cannot be loaded: WSHELPER.DLL.' -Category NotSpecified -ErrorId 'NativeCommandError'
            '    Direct access (no proxy server).'
            $global:LASTEXITCODE = 0
        }
    }
}

Describe 'Invoke-AdsNativeCommand' {
    It 'the plain `& exe 2>&1` under Stop throws on the first stderr line (the 5.1 behaviour, emulated)' {
        { & $script:AdsModule { $ErrorActionPreference = 'Stop'; $null = & Invoke-FakeNetsh51 2>&1 } } | Should -Throw '*helper DLL*'
    }
    It 'captures stdout and stderr in order under Stop, without throwing, with the exit code' {
        $r = & $script:AdsModule { $ErrorActionPreference = 'Stop'; Invoke-AdsNativeCommand -FilePath 'Invoke-FakeNetsh51'; $ErrorActionPreference }
        $r[0].ExitCode | Should -Be 0
        $r[0].Text | Should -Be ("Current WinHTTP proxy settings:`r`nThe following helper DLL cannot be loaded: WSHELPER.DLL.`r`n    Direct access (no proxy server).")
        $r[1] | Should -Be 'Stop'
    }
    It 'runs a real native program with its arguments as data, and reports its exit code' -Skip:($IsWindows) {
        $r = Invoke-AdsNativeCommand -FilePath 'sh' -ArgumentList @('-c', 'echo out; echo err >&2; exit 3')
        $r.ExitCode | Should -Be 3
        @($r.Text -split "`r`n" | Sort-Object) | Should -Be @('err', 'out')
        $r2 = Invoke-AdsNativeCommand -FilePath 'sh' -ArgumentList @('-c', 'echo "$1"', 'x', '$(touch /tmp/never); `a`')
        $r2.Text | Should -Be '$(touch /tmp/never); `a`'
    }
}
