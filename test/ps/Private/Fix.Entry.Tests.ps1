# Pester tests of ps/AADSyncDiagnose/Private/Fix.Entry.ps1 and Fix.Simulation.ps1: the entry script's
# -Fix and -Undo on a server without Node (through the real script, as powershell.exe -File runs it),
# their exit codes and the result file the driver reads.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
    $script:Entry = Join-Path $script:Root 'ps' 'Invoke-AADSyncDiagnose.ps1'
    # This pwsh (a .NET tool install runs under the dotnet host, so not the process path).
    $script:Pwsh = Join-Path $PSHOME 'pwsh'
    if ($IsWindows) { $script:Pwsh = Join-Path $PSHOME 'pwsh.exe' }
    function New-OutDir { Join-Path ([IO.Path]::GetTempPath()) ('ads-entry-' + [guid]::NewGuid().ToString('n')) }
    function Invoke-Entry([string[]]$Arguments) {
        $out = & $script:Pwsh -NoLogo -NoProfile -NonInteractive -File $script:Entry @Arguments 2>&1
        return @{ Code = $LASTEXITCODE; Text = (@($out | ForEach-Object { [string]$_ }) -join "`n") }
    }
    function Invoke-Quiet([scriptblock]$Body) {
        $old = [Console]::Out
        [Console]::SetOut([IO.TextWriter]::Null)
        try { & $Body } finally { [Console]::SetOut($old) }
    }
}

Describe 'Test-AdsFixRequested' {
    It 'is true when any fix or undo parameter is given' {
        Test-AdsFixRequested -Bound @{ OutDir = 'x'; Sync = 'None' } | Should -BeFalse
        Test-AdsFixRequested -Bound @{ OutDir = 'x'; Fix = $true } | Should -BeTrue
        Test-AdsFixRequested -Bound @{ OutDir = 'x'; Tls12 = $true } | Should -BeTrue
        Test-AdsFixRequested -Bound @{ OutDir = 'x'; Undo = $true } | Should -BeTrue
    }
}

Describe 'Invoke-AdsFixEntry' {
    It 'previews with -Fix -WhatIf through the entry script (exit 0), then applies with -Force and undoes with -Undo' {
        $s = New-FixServer
        $before = Get-FixTreeHash $s
        $out = New-OutDir
        $result = Join-Path ([IO.Path]::GetTempPath()) ('ads-res-' + [guid]::NewGuid().ToString('n') + '.json')
        $r = Invoke-Entry @('-OutDir', $out, '-Fix', '-ProxyAddress', 'proxy.contoso.com:8080', '-Tls12', '-WhatIf', '-SimulationPath', $s, '-ResultPath', $result)
        $r.Code | Should -Be 0
        $r.Text | Should -Match 'What if: Performing the operation "Write the <defaultProxy> section'
        $r.Text | Should -Match '(?m)^\s+\+  <system.net>'
        (Get-Content -Raw $result | ConvertFrom-Json).status | Should -Be 'preview'
        Get-FixTreeHash $s | Should -Be $before
        $a = Invoke-Entry @('-OutDir', $out, '-Fix', '-ProxyAddress', 'proxy.contoso.com:8080', '-Force', '-SimulationPath', $s)
        $a.Code | Should -Be 0
        $a.Text | Should -Match '(?m)^apply: applied'
        $u = Invoke-Entry @('-OutDir', $out, '-Undo', '-Force', '-SimulationPath', $s)
        $u.Code | Should -Be 0
        $u.Text | Should -Match '(?m)^undo: undone'
        Get-FixTreeHash (Join-Path $s 'fs') | Should -Not -Be '' # the backups stay; the configs are the originals again
        Get-FixSha (Get-FixServerBytes $s $global:Mc64) | Should -Be (Get-FixSha ([IO.File]::ReadAllBytes((Get-FixServerPath (Join-Path $global:FixRoot 'scenarios' 'proxy-bypass') $global:Mc64))))
    }
    It 'asks before each change with -Confirm, and changes only what was answered Yes' {
        $s = New-FixServer
        $orig32 = Get-FixSha (Get-FixServerBytes $s $global:Mc32)
        $out = & { 'Y', 'N' } | & $script:Pwsh -NoLogo -NoProfile -File $script:Entry -OutDir (New-OutDir) -Fix -ProxyAddress 'proxy.contoso.com:8080' -Confirm -SimulationPath $s 2>&1
        $LASTEXITCODE | Should -Be 0
        $text = @($out | ForEach-Object { [string]$_ }) -join "`n"
        ([regex]::Matches($text, 'Are you sure you want to perform this action')).Count | Should -Be 2
        $text | Should -Match '\[applied\] machine.config \(Framework64\)'
        $text | Should -Match '\[declined\] machine.config \(Framework\)'
        Get-FixSha (Get-FixServerBytes $s $global:Mc32) | Should -Be $orig32
        (ConvertFrom-AdsFileBytes -Bytes (Get-FixServerBytes $s $global:Mc64)).Text | Should -Match '<system.net>'
    }
    It 'asks before each change by default: a non-interactive session cannot answer, so nothing changes' {
        $s = New-FixServer
        $before = Get-FixTreeHash (Join-Path $s 'fs')
        $r = Invoke-Entry @('-OutDir', (New-OutDir), '-Fix', '-ProxyAddress', 'proxy.contoso.com:8080', '-SimulationPath', $s)
        $r.Code | Should -Not -Be 0
        Get-FixTreeHash (Join-Path $s 'fs') | Should -Be $before
    }
    It 'exits 2 with one line when the session is not elevated, and 3 when a change failed and was rolled back' {
        $res = Join-Path ([IO.Path]::GetTempPath()) ('ads-res-' + [guid]::NewGuid().ToString('n') + '.json')
        $n = Invoke-Quiet { Invoke-AdsFixEntry -Bound @{ OutDir = (New-OutDir); Fix = $true; ProxyAddress = 'proxy:8080'; Force = $true; ResultPath = $res; SimulationPath = (New-FixServer -Set @{ elevated = $false }) } }
        $n | Should -Be 2
        (Get-Content -Raw $res | ConvertFrom-Json).status | Should -Be 'not-elevated'
        $f = Invoke-Quiet { Invoke-AdsFixEntry -Bound @{ OutDir = (New-OutDir); Fix = $true; ProxyAddress = 'proxy:8080'; Force = $true; ResultPath = $res
                                                         SimulationPath = (New-FixServer -Set @{ fixFaults = @([pscustomobject]@{ op = 'replace'; path = $global:Mc32 }) }) } }
        $f | Should -Be 3
        (Get-Content -Raw $res | ConvertFrom-Json).status | Should -Be 'rolled-back'
    }
    It 'exits 2 for parameters that do not make a fix' -ForEach @(
        @{ Bound = @{ OutDir = 'x'; Fix = $true } }
        @{ Bound = @{ OutDir = 'x'; Fix = $true; Undo = $true } }
        @{ Bound = @{ OutDir = 'x'; Tls12 = $true } }
        @{ Bound = @{ OutDir = 'x'; Fix = $true; FixPlan = 'p.json'; ProxyAddress = 'p:1' } }
        @{ Bound = @{ OutDir = 'x'; Fix = $true; ProxyAddress = 'ftp://p:1' } }
    ) {
        (Invoke-Quiet { Invoke-AdsFixEntry -Bound $Bound }) | Should -Be 2
    }
}

Describe 'Format-AdsFixResult' {
    It 'lists each change with its status and diff, the journal and the notes' {
        $lines = Format-AdsFixResult -Result ([ordered]@{ mode = 'apply'; status = 'applied'; journalPath = 'j.json'; notes = @('n1'); error = $null; restart = $null
                                                         changes = @([ordered]@{ target = 'machine.config (Framework64)'; status = 'applied'; summary = 's'; reason = $null; diff = "--- a`n+++ b`n" }) })
        $lines[0] | Should -Be 'apply: applied'
        $lines[1] | Should -Be '  [applied] machine.config (Framework64): s'
        $lines[2] | Should -Be '    --- a'
        $lines -join "`n" | Should -Match 'journal: j.json'
        $lines -join "`n" | Should -Match 'note: n1'
    }
}

Describe 'Enable-AdsFixSimulatorForSession' {
    It 'refuses a folder that does not exist' {
        { Enable-AdsFixSimulatorForSession -ServerPath '/nonexistent/ads-server' } | Should -Throw '*not found*'
    }
}
