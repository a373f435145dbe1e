# Pester tests of ps/AADSyncDiagnose/Private/WinPath.ps1: Windows paths handled as strings on any OS.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Join-AdsWinPath' {
    It 'joins with exactly one backslash, whatever the parts end or start with' {
        Join-AdsWinPath 'C:\Windows' 'System32\netsh.exe' | Should -Be 'C:\Windows\System32\netsh.exe'
        Join-AdsWinPath 'C:\Program Files\Microsoft Azure AD Sync\' '\Bin\miiserver.exe' | Should -Be 'C:\Program Files\Microsoft Azure AD Sync\Bin\miiserver.exe'
    }
}

Describe 'Split-AdsWinPath' {
    It 'gives the parent folder, or with -Leaf the name' {
        Split-AdsWinPath 'C:\ProgramData\AADConnect\trace-20261125-091201.log' | Should -Be 'C:\ProgramData\AADConnect'
        Split-AdsWinPath 'C:\ProgramData\AADConnect\trace-20261125-091201.log' -Leaf | Should -Be 'trace-20261125-091201.log'
        Split-AdsWinPath 'C:\x\Bin\ADSync\' | Should -Be 'C:\x\Bin'
        Split-AdsWinPath 'name-only' | Should -Be ''
    }
}

Describe 'Expand-AdsHiveName' {
    It 'expands the short hive names the registry provider needs, and only at the start' {
        Expand-AdsHiveName 'HKLM\SOFTWARE\x' | Should -Be 'HKEY_LOCAL_MACHINE\SOFTWARE\x'
        Expand-AdsHiveName 'HKCU\Software\x' | Should -Be 'HKEY_CURRENT_USER\Software\x'
        Expand-AdsHiveName 'HKU\S-1-5-18\Software' | Should -Be 'HKEY_USERS\S-1-5-18\Software'
        Expand-AdsHiveName 'SOFTWARE\HKLM\x' | Should -Be 'SOFTWARE\HKLM\x'
    }
}
