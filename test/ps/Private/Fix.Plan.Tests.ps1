# Pester tests of ps/AADSyncDiagnose/Private/Fix.Plan.ps1: the plan is checked before anything is read,
# and the machine.config changes keep every byte outside the section (UTF-8 with and without BOM,
# UTF-16, CRLF and LF files).

BeforeDiscovery {
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
    $script:Section = @{ ProxyAddress = 'http://proxy.contoso.com:8080'; UseDefaultCredentials = $false; BypassOnLocal = $true; BypassList = @() }
    # Windows paths of the server point into a temporary folder.
    $script:Disk = Join-Path ([IO.Path]::GetTempPath()) ('ads-plan-' + [guid]::NewGuid().ToString('n'))
    function Set-McFile([string]$WindowsPath, [byte[]]$Bytes) {
        $p = Join-Path $script:Disk ($WindowsPath.Substring(3) -replace '\\', '/')
        [void](New-Item -ItemType Directory -Force -Path (Split-Path -Parent $p))
        [IO.File]::WriteAllBytes($p, $Bytes)
    }
}

Describe 'Get-AdsFixList' {
    It 'flattens a list property and gives an empty array for a missing one' {
        $l = Get-AdsFixList ([pscustomobject]@{ a = @('x', 'y') }) 'a'
        $l.Count | Should -Be 2
        (Get-AdsFixList ([ordered]@{ a = @() }) 'a').Count | Should -Be 0
        (Get-AdsFixList $null 'a').Count | Should -Be 0
    }
}

Describe 'ConvertTo-AdsFixPlan' {
    It 'checks and normalises a plan' {
        $p = ConvertTo-AdsFixPlan -Plan (New-FixPlan -Proxy 'http://proxy.contoso.com:8080/' -Bypass @('\.contoso\.com$') -Tls)
        $p.MachineConfig.ProxyAddress | Should -Be 'http://proxy.contoso.com:8080'
        $p.MachineConfig.Frameworks | Should -Be @('Framework64', 'Framework')
        $p.MachineConfig.BypassList | Should -Be @('\.contoso\.com$')
        $p.Tls12.Views | Should -Be @('64', '32')
    }
    It 'refuses <Name>' -ForEach @(
        @{ Name = 'another schema'; Plan = ([pscustomobject]@{ schema = 'x' }); Why = '*schema*' }
        @{ Name = 'a proxy with a password'; Plan = (New-FixPlan -Proxy 'http://u:p@proxy:8080'); Why = '*not http://host:port*' }
        @{ Name = 'a wildcard bypass entry'; Plan = (New-FixPlan -Bypass @('*.contoso.com')); Why = '*not a valid regular expression*' }
        @{ Name = 'a plan with nothing to change'; Plan = (New-FixPlan -NoProxy); Why = '*nothing to change*' }
    ) {
        { ConvertTo-AdsFixPlan -Plan $Plan } | Should -Throw $Why
    }
    It 'refuses an unknown framework or registry view' {
        $p = New-FixPlan -Tls
        $p.machineConfig.frameworks = @('Framework32')
        { ConvertTo-AdsFixPlan -Plan $p } | Should -Throw '*unknown framework*'
        $p = New-FixPlan -Tls -NoProxy
        $p.tls12.views = @('16')
        { ConvertTo-AdsFixPlan -Plan $p } | Should -Throw '*unknown registry view*'
    }
}

Describe 'ConvertTo-AdsFixPlanRecord' {
    It 'writes the plan back in its own JSON shape' {
        $r = ConvertTo-AdsFixPlanRecord -Plan (ConvertTo-AdsFixPlan -Plan (New-FixPlan -Credentials))
        $r.schema | Should -Be 'aadsync-diagnose/fix-plan@1'
        $r.machineConfig.useDefaultCredentials | Should -BeTrue
        { ConvertTo-AdsFixPlan -Plan ((ConvertTo-Json $r -Depth 5) | ConvertFrom-Json) } | Should -Not -Throw
    }
}

Describe 'Get-AdsMachineConfigPath' {
    It 'names the config of each framework under the system root' {
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\Windows' }
        Get-AdsMachineConfigPath -Framework 'Framework' | Should -Be $global:Mc32
        Get-AdsMachineConfigPath -Framework 'Framework64' | Should -Be $global:Mc64
    }
}

Describe 'Get-AdsMachineConfigChanges' {
    BeforeEach {
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\Windows' }
        Mock -ModuleName AADSyncDiagnose Resolve-AdsFixPath { Join-Path $script:Disk ($Path.Substring(3) -replace '\\', '/') }
        if (Test-Path $script:Disk) { Remove-Item -Recurse -Force $script:Disk }
    }
    It 'keeps the encoding <Name>, its BOM and every byte outside the section' -ForEach @(
        @{ Name = 'UTF-8 with BOM, CRLF'; Prefix = @(0xEF, 0xBB, 0xBF); Lf = $false; Utf16 = $false; Expect = 'utf-8 with BOM'; Newline = 'CRLF' }
        @{ Name = 'UTF-8 without BOM, CRLF'; Prefix = @(); Lf = $false; Utf16 = $false; Expect = 'utf-8'; Newline = 'CRLF' }
        @{ Name = 'UTF-8 without BOM, LF'; Prefix = @(); Lf = $true; Utf16 = $false; Expect = 'utf-8'; Newline = 'LF' }
        @{ Name = 'UTF-16 LE with BOM, CRLF'; Prefix = @(0xFF, 0xFE); Lf = $false; Utf16 = $true; Expect = 'utf-16 LE with BOM'; Newline = 'CRLF' }
    ) {
        $text = $global:McBase
        if ($Lf) { $text = $text.Replace("`r`n", "`n") }
        $enc = New-Object System.Text.UTF8Encoding $false
        if ($Utf16) { $enc = New-Object System.Text.UnicodeEncoding $false, $false }
        $old = [byte[]]($Prefix + $enc.GetBytes($text))
        Set-McFile $global:Mc64 $old
        $c = (Get-AdsMachineConfigChanges -Section $script:Section -Frameworks @('Framework64'))[0]
        $c.Status | Should -Be 'pending'
        $c.Encoding | Should -Be $Expect
        $c.Newline | Should -Be $Newline
        $c.Before.sha256 | Should -Be (Get-FixSha $old)
        $c.After.sha256 | Should -Be (Get-FixSha $c.NewBytes)
        # The new file starts with the old bytes up to the end of </system.web>'s line and ends with the old tail.
        $keep = $enc.GetByteCount($text.Substring(0, $text.IndexOf('</configuration>'))) + $Prefix.Count
        $tail = $enc.GetByteCount('</configuration>' + $(if ($Lf) { "`n" } else { "`r`n" }))
        (Get-FixSha ([byte[]]$c.NewBytes[0..($keep - 1)])) | Should -Be (Get-FixSha ([byte[]]$old[0..($keep - 1)]))
        (Get-FixSha ([byte[]]$c.NewBytes[($c.NewBytes.Length - $tail)..($c.NewBytes.Length - 1)])) | Should -Be (Get-FixSha ([byte[]]$old[($old.Length - $tail)..($old.Length - 1)]))
        $c.Diff | Should -Match '\+  <system.net>'
    }
    It 'reports an absent file, and refuses a file that must be fixed by hand' {
        Set-McFile $global:Mc64 ((New-Object System.Text.UTF8Encoding $false).GetBytes((New-McVariant "  <system.net />`r`n  <system.net />`r`n")))
        $c = Get-AdsMachineConfigChanges -Section $script:Section -Frameworks @('Framework64', 'Framework')
        $c[0].Status | Should -Be 'refused'
        $c[0].Reason | Should -Match '2 <system.net> sections'
        $c[1].Status | Should -Be 'absent'
    }
}

Describe 'Assert-AdsOnlyRegionChanged' {
    It 'passes an edit that only touched its region and throws when a byte outside it changed' {
        $enc = New-Object System.Text.UTF8Encoding $false
        $d = @{ Text = 'abcdef'; Bom = [byte[]]@(); Encoding = $enc }
        $e = @{ Start = 2; Removed = 1 }
        { Assert-AdsOnlyRegionChanged -Old $enc.GetBytes('abcdef') -New $enc.GetBytes('abXYdef') -Decoded $d -Edit $e } | Should -Not -Throw
        { Assert-AdsOnlyRegionChanged -Old $enc.GetBytes('abcdef') -New $enc.GetBytes('abXYdeF') -Decoded $d -Edit $e } | Should -Throw '*outside*'
    }
}
