# Pester tests of ps/AADSyncDiagnose/Private/Fix.Seam.ps1: the functions of the fix that change the
# machine are named in one list, only they can be swapped, and the fix simulator swaps every one.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
    $script:SeamFile = Join-Path $script:Root 'ps' 'AADSyncDiagnose' 'Private' 'Fix.Seam.ps1'
    $script:Tmp = Join-Path ([IO.Path]::GetTempPath()) ('ads-seam-' + [guid]::NewGuid().ToString('n'))
    [void](New-Item -ItemType Directory -Path $script:Tmp)
}

Describe 'Set-AdsFixSeam' {
    It 'lists every function of Fix.Seam.ps1 in $AdsFixSeam, and nothing else' {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($script:SeamFile, [ref]$null, [ref]$null)
        $defined = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) | ForEach-Object { $_.Name } | Where-Object { $_ -ne 'Set-AdsFixSeam' } | Sort-Object)
        @(& $script:AdsModule { $script:AdsFixSeam } | Sort-Object) | Should -Be $defined
    }
    It 'refuses to replace a function that is not in the fix seam' {
        { Set-AdsFixSeam -Implementation @{ 'Invoke-AdsFixChange' = { } } } | Should -Throw '*not a fix seam function: Invoke-AdsFixChange*'
    }
    It 'is replaced entirely by the fix simulator' {
        $job = Start-Job -ScriptBlock {
            param($manifest, $server)
            Import-Module $manifest -Force
            & (Get-Module AADSyncDiagnose) { param($s) Enable-AdsFixSimulatorForSession -ServerPath $s } $server
            & (Get-Module AADSyncDiagnose) { foreach ($n in $script:AdsFixSeam) { '{0}={1}' -f $n, (Split-Path -Leaf ((Get-Item "function:$n").ScriptBlock.File)) } }
        } -ArgumentList $script:ModuleManifest, (New-FixServer)
        $lines = @(Receive-Job $job -Wait -AutoRemoveJob)
        $lines.Count | Should -Be (& $script:AdsModule { $script:AdsFixSeam.Count })
        $lines | ForEach-Object { $_ | Should -Match '=AADSyncFixSimulator\.psm1$' }
    }
}

Describe 'Assert-AdsFixWritable' {
    It 'has nothing to check on a server' { { Assert-AdsFixWritable } | Should -Not -Throw }
}

Describe 'Resolve-AdsFixPath' {
    It 'is the path itself on a server' { Resolve-AdsFixPath -Path $global:Mc64 | Should -Be $global:Mc64 }
}

Describe 'Invoke-AdsFixReplace' {
    It 'swaps the new file in and keeps the old one as the backup' {
        $dst = Join-Path $script:Tmp 'machine.config'
        [IO.File]::WriteAllText($dst, 'old')
        [IO.File]::WriteAllText("$dst.tmp", 'new')
        Invoke-AdsFixReplace -Source "$dst.tmp" -Destination $dst -Backup "$dst.bak"
        [IO.File]::ReadAllText($dst) | Should -Be 'new'
        [IO.File]::ReadAllText("$dst.bak") | Should -Be 'old'
        Test-Path "$dst.tmp" | Should -BeFalse
    }
    It 'keeps no backup when none is named' {
        $dst = Join-Path $script:Tmp 'b.config'
        [IO.File]::WriteAllText($dst, 'old')
        [IO.File]::WriteAllText("$dst.tmp", 'new')
        Invoke-AdsFixReplace -Source "$dst.tmp" -Destination $dst -Backup ''
        [IO.File]::ReadAllText($dst) | Should -Be 'new'
        @(Get-ChildItem $script:Tmp -Filter 'b.config*').Count | Should -Be 1
    }
}

Describe 'Get-AdsFixRegistryValue' {
    It 'reads HKLM through RegistryKey.OpenBaseKey, which only Windows has' -Skip:($IsWindows -ne $false) {
        { Get-AdsFixRegistryValue -View '64' -SubKey 'SOFTWARE\Microsoft\.NETFramework\v4.0.30319' -Name 'SchUseStrongCrypto' } | Should -Throw
    }
}

Describe 'Set-AdsFixRegistryValue' {
    It 'writes HKLM through RegistryKey.OpenBaseKey, which only Windows has' -Skip:($IsWindows -ne $false) {
        { Set-AdsFixRegistryValue -View '64' -SubKey 'SOFTWARE\AadsyncTest' -Name 'X' -Kind 'DWord' -Value 1 } | Should -Throw
    }
}

Describe 'Remove-AdsFixRegistryValue' {
    It 'deletes through RegistryKey.OpenBaseKey, which only Windows has' -Skip:($IsWindows -ne $false) {
        { Remove-AdsFixRegistryValue -View '64' -SubKey 'SOFTWARE\AadsyncTest' -Name 'X' } | Should -Throw
    }
}

Describe 'Restart-AdsFixService' {
    BeforeAll {
        if (-not (Get-Command Restart-Service -ErrorAction SilentlyContinue)) { function global:Restart-Service { param($Name, [switch]$Force) } }
        if (-not (Get-Command Get-Service -ErrorAction SilentlyContinue)) { function global:Get-Service { param($Name) } }
    }
    It 'restarts, waits for Running and returns the new process start time' {
        Mock -ModuleName AADSyncDiagnose Restart-Service { }
        Mock -ModuleName AADSyncDiagnose Get-Service { $o = [pscustomobject]@{ Name = 'ADSync' }; $o | Add-Member -MemberType ScriptMethod -Name WaitForStatus -Value { param($s, $t) }; $o }
        Mock -ModuleName AADSyncDiagnose Get-AdsServiceInfo { @{ Name = 'ADSync'; State = 'Running'; ProcessId = 77 } }
        Mock -ModuleName AADSyncDiagnose Get-AdsProcessStartTime { [datetime]'2026-11-25T10:00:00Z' }
        $r = Restart-AdsFixService -Name 'ADSync' -TimeoutSeconds 30
        $r.State | Should -Be 'Running'
        $r.StartTime | Should -Be ([datetime]'2026-11-25T10:00:00Z')
        Should -Invoke -ModuleName AADSyncDiagnose Restart-Service -Times 1 -ParameterFilter { $Name -eq 'ADSync' -and $Force }
    }
}
