# Pester tests of Invoke-AADSyncFix and Undo-AADSyncFix against simulated servers (a marked copy of a
# scenario per test): the preview writes nothing, every machine.config variant is applied and undone
# byte for byte, a session that is not elevated changes nothing, and a failure in the middle leaves the
# server as it was.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
    $script:VariantNames = @($global:McVariants.Keys) + @('UTF-8 with BOM', 'LF line ends')
}

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
    function New-OutDir { Join-Path ([IO.Path]::GetTempPath()) ('ads-fixout-' + [guid]::NewGuid().ToString('n')) }
    function Get-VariantBytes([string]$Name) {
        $u = New-Object System.Text.UTF8Encoding $false
        switch ($Name) {
            'UTF-8 with BOM' { return , [byte[]](@(0xEF, 0xBB, 0xBF) + $u.GetBytes($global:McBase)) }
            'LF line ends' { return , $u.GetBytes($global:McBase.Replace("`r`n", "`n")) }
            default { return , $u.GetBytes($global:McVariants[$Name]) }
        }
    }
    function Get-FsHash([string]$Server) { Get-FixTreeHash (Join-Path $Server 'fs') }
}

Describe 'Invoke-AADSyncFix' {
    It 'previews with -WhatIf: every change with its diff, and nothing written anywhere' {
        $s = New-FixServer
        $before = Get-FixTreeHash $s
        $out = New-OutDir
        $r = New-FixPlan -Tls | Invoke-AADSyncFix -OutDir $out -SimulationPath $s -WhatIf
        $r.mode | Should -Be 'preview'
        $r.status | Should -Be 'preview'
        @($r.changes | ForEach-Object { $_.status }) | Should -Be @('pending', 'pending', 'pending', 'pending', 'pending', 'pending')
        $r.changes[0].diff | Should -Match '(?m)^\+      <proxy usesystemdefault="true" proxyaddress="http://proxy.contoso.com:8080" bypassonlocal="true" />'
        $r.changes[2].diff | Should -Match '(?m)^\+"SchUseStrongCrypto"=dword:00000001'
        Get-FixTreeHash $s | Should -Be $before
        Test-Path $out | Should -BeFalse
    }
    It 'applies and undoes the variant "<_>" byte for byte, both frameworks' -ForEach $script:VariantNames {
        $bytes = Get-VariantBytes $_
        $s = New-FixServer -Files @{ $global:Mc64 = $bytes; $global:Mc32 = $bytes }
        $fs = Get-FsHash $s
        $out = New-OutDir
        $r = Invoke-AADSyncFix -Plan (New-FixPlan) -OutDir $out -SimulationPath $s -Force
        $r.status | Should -Be 'applied'
        foreach ($p in @($global:Mc64, $global:Mc32)) {
            $now = Get-FixServerBytes $s $p
            $d = New-Object System.Xml.XmlDocument
            $d.LoadXml((ConvertFrom-AdsFileBytes -Bytes $now).Text)
            @($d.SelectNodes('/configuration/system.net')).Count | Should -Be 1
            $d.SelectSingleNode('/configuration/system.net/defaultProxy/proxy').GetAttribute('proxyaddress') | Should -Be 'http://proxy.contoso.com:8080'
            Get-FixSha (Get-FixServerBytes $s "$p.aadsync-diagnose-$((Get-Content -Raw $r.journalPath | ConvertFrom-Json).id).bak") | Should -Be (Get-FixSha $bytes)
            if ($bytes[0] -eq 0xEF) { $now[0..2] -join ',' | Should -Be '239,187,191' } else { $now[0] | Should -Be 0x3C }
        }
        $u = Undo-AADSyncFix -JournalPath $r.journalPath -SimulationPath $s -Force
        $u.status | Should -Be 'undone'
        foreach ($p in @($global:Mc64, $global:Mc32)) { Get-FixSha (Get-FixServerBytes $s $p) | Should -Be (Get-FixSha $bytes) }
        (Get-Content -Raw $r.journalPath | ConvertFrom-Json).status | Should -Be 'undone'
    }
    It 'refuses without an elevated session and changes nothing' {
        $s = New-FixServer -Set @{ elevated = $false }
        $before = Get-FixTreeHash $s
        $out = New-OutDir
        { Invoke-AADSyncFix -Plan (New-FixPlan -Tls) -OutDir $out -SimulationPath $s -Force } | Should -Throw '*elevated*'
        Get-FixTreeHash $s | Should -Be $before
        Test-Path $out | Should -BeFalse
    }
    It 'previews without an elevated session (reading needs no administrator)' {
        $s = New-FixServer -Set @{ elevated = $false }
        $r = Invoke-AADSyncFix -Plan (New-FixPlan) -SimulationPath $s -WhatIf
        $r.status | Should -Be 'preview'
        $r.elevated | Should -BeFalse
    }
    It 'rolls back a failure in the middle (the 32-bit machine.config cannot be replaced): nothing half-written' {
        $s = New-FixServer -Set @{ fixFaults = @([pscustomobject]@{ op = 'replace'; path = $global:Mc32 }) }
        $fs = Get-FsHash $s
        $r = Invoke-AADSyncFix -Plan (New-FixPlan -Tls) -OutDir (New-OutDir) -SimulationPath $s -Force
        $r.status | Should -Be 'rolled-back'
        $r.error | Should -Match 'being used by another process'
        @($r.changes | ForEach-Object { $_.status }) | Should -Be @('rolled-back', 'failed', 'pending', 'pending', 'pending', 'pending')
        # No backup, no temporary file, both configs as they were.
        Get-FsHash $s | Should -Be $fs
        Get-FixRegistry $s $global:NetFx64 | Should -BeNullOrEmpty
        (Get-Content -Raw $r.journalPath | ConvertFrom-Json).status | Should -Be 'rolled-back'
    }
    It 'rolls back files and values when the last registry value fails' {
        $s = New-FixServer -Set @{ fixFaults = @([pscustomobject]@{ op = 'registry-set'; name = 'SystemDefaultTlsVersions'; view = '32' })
                                   registry = [pscustomobject]@{ 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' = [pscustomobject]@{ SchUseStrongCrypto = 0 } } }
        $fs = Get-FsHash $s
        $r = Invoke-AADSyncFix -Plan (New-FixPlan -Tls) -OutDir (New-OutDir) -SimulationPath $s -Force
        $r.status | Should -Be 'rolled-back'
        @($r.changes | ForEach-Object { $_.status }) | Should -Be @('rolled-back', 'rolled-back', 'rolled-back', 'rolled-back', 'rolled-back', 'failed')
        Get-FsHash $s | Should -Be $fs
        $k = Get-FixRegistry $s $global:NetFx64
        $k.SchUseStrongCrypto | Should -Be 0
        @($k.PSObject.Properties).Count | Should -Be 1
        Get-FixRegistry $s $global:NetFx32 | Should -BeNullOrEmpty
    }
    It 'changes nothing when one file must be fixed by hand, and names it' {
        $broken = (New-Object System.Text.UTF8Encoding $false).GetBytes((New-McVariant "  <system.net />`r`n  <system.net />`r`n"))
        $s = New-FixServer -Files @{ $global:Mc32 = $broken }
        $before = Get-FixTreeHash $s
        $r = Invoke-AADSyncFix -Plan (New-FixPlan) -OutDir (New-OutDir) -SimulationPath $s -Force
        $r.status | Should -Be 'refused'
        $r.error | Should -Match 'machine.config \(Framework\): it has 2 <system.net> sections'
        Get-FixTreeHash $s | Should -Be $before
    }
    It 'has nothing to do the second time' {
        $s = New-FixServer
        [void](Invoke-AADSyncFix -Plan (New-FixPlan -Tls) -OutDir (New-OutDir) -SimulationPath $s -Force)
        $r = Invoke-AADSyncFix -Plan (New-FixPlan -Tls) -OutDir (New-OutDir) -SimulationPath $s -Force
        $r.status | Should -Be 'nothing-to-do'
        @($r.changes | ForEach-Object { $_.status } | Select-Object -Unique) | Should -Be @('unchanged')
    }
    It 'restarts ADSync afterwards when asked, and records it in the journal' {
        $s = New-FixServer
        $r = Invoke-AADSyncFix -Plan (New-FixPlan) -OutDir (New-OutDir) -SimulationPath $s -Force -RestartService -RestartTimeoutSeconds 5
        $r.restart.status | Should -Be 'restarted'
        (Get-Content -Raw (Join-Path $s 'scenario.json') | ConvertFrom-Json).service.startTime | Should -Not -Be ([datetime]'2026-11-20T07:12:00Z')
        (Get-Content -Raw $r.journalPath | ConvertFrom-Json).restart.status | Should -Be 'restarted'
    }
    It 'refuses a plan it cannot use before touching anything' {
        { Invoke-AADSyncFix -Plan ([pscustomobject]@{ schema = 'nope' }) -WhatIf } | Should -Throw '*schema*'
        $f = Join-Path ([IO.Path]::GetTempPath()) ('ads-plan-' + [guid]::NewGuid().ToString('n') + '.json')
        [IO.File]::WriteAllText($f, '{')
        { Invoke-AADSyncFix -PlanPath $f -WhatIf } | Should -Throw
    }
    It 'never writes into a scenario that is not a marked copy' {
        $s = New-FixServer
        Remove-Item -Force (Join-Path $s '.aadsync-simulated-server')
        $before = Get-FixTreeHash $s
        { Invoke-AADSyncFix -Plan (New-FixPlan) -OutDir (New-OutDir) -SimulationPath $s -Force } | Should -Throw '*not a simulated-server copy*'
        Get-FixTreeHash $s | Should -Be $before
    }
}

Describe 'Undo-AADSyncFix' {
    It 'puts back the previous registry values or their absence, and the journal records the undo' {
        $s = New-FixServer -Set @{ registry = [pscustomobject]@{ 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' = [pscustomobject]@{ SchUseStrongCrypto = 0; Other = 'x' } } }
        $r = Invoke-AADSyncFix -Plan (New-FixPlan -Tls -NoProxy) -OutDir (New-OutDir) -SimulationPath $s -Force
        (Get-FixRegistry $s $global:NetFx32).SystemDefaultTlsVersions | Should -Be 1
        $p = Undo-AADSyncFix -JournalPath $r.journalPath -SimulationPath $s -WhatIf
        $p.status | Should -Be 'preview'
        ($p.changes | Where-Object { $_.target -eq 'SchUseStrongCrypto (64-bit .NET)' }).diff | Should -Match '(?m)^\+"SchUseStrongCrypto"=dword:00000000'
        (Get-FixRegistry $s $global:NetFx32).SystemDefaultTlsVersions | Should -Be 1
        $u = Undo-AADSyncFix -JournalPath $r.journalPath -SimulationPath $s -Force
        $u.status | Should -Be 'undone'
        $k = Get-FixRegistry $s $global:NetFx64
        $k.SchUseStrongCrypto | Should -Be 0
        $k.PSObject.Properties['SystemDefaultTlsVersions'] | Should -BeNullOrEmpty
        Get-FixRegistry $s $global:NetFx32 | Should -BeNullOrEmpty
        $j = Get-Content -Raw $r.journalPath | ConvertFrom-Json
        $j.status | Should -Be 'undone'
        $j.undo.status | Should -Be 'undone'
    }
    It 'leaves alone what was changed again after the fix, and says so' {
        $s = New-FixServer
        $r = Invoke-AADSyncFix -Plan (New-FixPlan) -OutDir (New-OutDir) -SimulationPath $s -Force
        [IO.File]::AppendAllText((Get-FixServerPath $s $global:Mc32), "`r`n<!-- edited later -->")
        $edited = Get-FixSha (Get-FixServerBytes $s $global:Mc32)
        $u = Undo-AADSyncFix -JournalPath $r.journalPath -SimulationPath $s -Force
        $u.status | Should -Be 'partly-undone'
        $u.error | Should -Match 'machine.config \(Framework\): changed'
        Get-FixSha (Get-FixServerBytes $s $global:Mc32) | Should -Be $edited
        Get-FixSha (Get-FixServerBytes $s $global:Mc64) | Should -Be (Get-FixSha ([IO.File]::ReadAllBytes((Get-FixServerPath (Join-Path $global:FixRoot 'scenarios' 'proxy-bypass') $global:Mc64))))
    }
    It 'refuses without an elevated session, and a simulated journal on a real server' {
        $s = New-FixServer
        $r = Invoke-AADSyncFix -Plan (New-FixPlan) -OutDir (New-OutDir) -SimulationPath $s -Force
        { Undo-AADSyncFix -JournalPath $r.journalPath -Force } | Should -Throw '*simulated server*'
        $json = Get-Content -Raw (Join-Path $s 'scenario.json') | ConvertFrom-Json
        $json.elevated = $false
        $copy = New-FixServer
        Remove-Item -Recurse -Force $copy
        Copy-Item -Recurse $s $copy
        [IO.File]::WriteAllText((Join-Path $copy 'scenario.json'), ($json | ConvertTo-Json -Depth 32))
        { Undo-AADSyncFix -JournalPath $r.journalPath -SimulationPath $copy -Force } | Should -Throw '*elevated*'
    }
}
