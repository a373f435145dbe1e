# Pester tests of ps/AADSyncDiagnose/Private/Fix.Apply.ps1 and Fix.Journal.ps1: one change made and taken
# back, against a simulated server (its files are real files in a temporary folder, its registry is
# its scenario.json), and the journal that records it.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
    $script:Section = @{ ProxyAddress = 'http://proxy.contoso.com:8080'; UseDefaultCredentials = $false; BypassOnLocal = $true; BypassList = @() }
    function New-Server([hashtable]$Set = @{}) {
        $s = New-FixServer -Set $Set
        Enable-AdsFixSimulatorForSession -ServerPath $s
        return $s
    }
    function Get-FileChange { (Get-AdsMachineConfigChanges -Section $script:Section -Frameworks @('Framework64'))[0] }
    function Get-ValueChange { (Get-AdsTlsChanges -Views @('64'))[0] }
    function New-OutDir { Join-Path ([IO.Path]::GetTempPath()) ('ads-jrn-' + [guid]::NewGuid().ToString('n')) }
}

Describe 'Write-AdsFixTempFile' {
    It 'writes a new file and never overwrites one' {
        $p = Join-Path ([IO.Path]::GetTempPath()) ('ads-tmp-' + [guid]::NewGuid().ToString('n'))
        Write-AdsFixTempFile -Path $p -Bytes ([byte[]](1, 2))
        ([IO.File]::ReadAllBytes($p) -join ',') | Should -Be '1,2'
        { Write-AdsFixTempFile -Path $p -Bytes ([byte[]](3)) } | Should -Throw
    }
}

Describe 'Get-AdsFileSha256OrNull' {
    It 'hashes a file, or gives $null when it is missing' {
        Get-AdsFileSha256OrNull -Path '/nonexistent/ads' | Should -BeNullOrEmpty
        $p = Join-Path ([IO.Path]::GetTempPath()) ('ads-sha-' + [guid]::NewGuid().ToString('n'))
        [IO.File]::WriteAllBytes($p, [byte[]]@())
        Get-AdsFileSha256OrNull -Path $p | Should -Be 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    }
}

Describe 'Get-AdsFixWhat' {
    It 'says what a change and its undo do' {
        Get-AdsFixWhat -Change @{ Kind = 'file'; Summary = 'x' } | Should -Match 'backup beside the file'
        Get-AdsFixWhat -Change @{ Kind = 'registry'; Name = 'N'; Key = 'K' } | Should -Be 'Set N in K to 1 (REG_DWORD)'
        Get-AdsFixWhat -Undo -Change @{ Kind = 'registry'; Name = 'N'; Key = 'K'; Before = [ordered]@{ exists = $false } } | Should -Match 'did not exist'
        Get-AdsFixWhat -Undo -Change @{ Kind = 'file'; BackupPath = 'B' } | Should -Be 'Restore from B (byte for byte)'
    }
}

Describe 'Invoke-AdsFixChange' {
    It 'swaps the new machine.config in and keeps the original byte for byte as the backup' {
        $s = New-Server
        $orig = Get-FixServerBytes $s $global:Mc64
        $c = Get-FileChange
        Invoke-AdsFixChange -Change $c -Id '20261125T100000Z'
        $c.Status | Should -Be 'applied'
        $c.BackupPath | Should -Be "$($global:Mc64).aadsync-diagnose-20261125T100000Z.bak"
        Get-FixSha (Get-FixServerBytes $s $c.BackupPath) | Should -Be (Get-FixSha $orig)
        Get-FixSha (Get-FixServerBytes $s $global:Mc64) | Should -Be $c.After.sha256
        @(Get-ChildItem (Split-Path (Get-FixServerPath $s $global:Mc64)) -Filter '*.tmp').Count | Should -Be 0
    }
    It 'writes nothing when the file changed since the preview' {
        $s = New-Server
        $c = Get-FileChange
        [IO.File]::AppendAllText((Get-FixServerPath $s $global:Mc64), ' ')
        $before = Get-FixTreeHash $s
        { Invoke-AdsFixChange -Change $c -Id 'x' } | Should -Throw '*changed since the preview*'
        Get-FixTreeHash $s | Should -Be $before
    }
    It 'sets a registry value and notes that it created the key' {
        $s = New-Server
        $c = Get-ValueChange
        Invoke-AdsFixChange -Change $c -Id 'x'
        $c.Status | Should -Be 'applied'
        $c.KeyCreated | Should -BeTrue
        (Get-FixRegistry $s $global:NetFx64).SchUseStrongCrypto | Should -Be 1
    }
}

Describe 'Get-AdsFixRestoreState' {
    It 'tells after, before and changed apart' {
        $s = New-Server
        $c = Get-ValueChange
        Get-AdsFixRestoreState -Change $c | Should -Be 'before'
        Invoke-AdsFixChange -Change $c -Id 'x'
        Get-AdsFixRestoreState -Change $c | Should -Be 'after'
        Set-AdsFixRegistryValue -View '64' -SubKey 'SOFTWARE\Microsoft\.NETFramework\v4.0.30319' -Name 'SchUseStrongCrypto' -Kind 'DWord' -Value 7
        Get-AdsFixRestoreState -Change $c | Should -Be 'changed'
    }
}

Describe 'Restore-AdsFixChange' {
    It 'puts the file back byte for byte, and says so only once' {
        $s = New-Server
        $orig = Get-FixSha (Get-FixServerBytes $s $global:Mc64)
        $c = Get-FileChange
        Invoke-AdsFixChange -Change $c -Id 'x'
        Restore-AdsFixChange -Change $c | Should -Be 'restored'
        Get-FixSha (Get-FixServerBytes $s $global:Mc64) | Should -Be $orig
        Restore-AdsFixChange -Change $c | Should -Be 'already'
    }
    It 'puts back a previous value of another kind, and removes a value (and key) that did not exist' {
        $s = New-Server -Set @{ registry = [pscustomobject]@{ 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319' = [pscustomobject]@{ SchUseStrongCrypto = '0'; Other = 5 } } }
        $c = Get-ValueChange
        $c.Before.kind | Should -Be 'String'
        Invoke-AdsFixChange -Change $c -Id 'x'
        Restore-AdsFixChange -Change $c | Should -Be 'restored'
        (Get-FixRegistry $s $global:NetFx64).SchUseStrongCrypto | Should -BeExactly '0'
        $t = (Get-AdsTlsChanges -Views @('32'))[0]
        Invoke-AdsFixChange -Change $t -Id 'x'
        Restore-AdsFixChange -Change $t | Should -Be 'restored'
        Get-FixRegistry $s $global:NetFx32 | Should -BeNullOrEmpty
    }
    It 'refuses to touch a file someone changed after the fix' {
        $s = New-Server
        $c = Get-FileChange
        Invoke-AdsFixChange -Change $c -Id 'x'
        [IO.File]::AppendAllText((Get-FixServerPath $s $global:Mc64), ' ')
        { Restore-AdsFixChange -Change $c } | Should -Throw '*changed after the fix*'
    }
}

Describe 'Remove-AdsFixBackup' {
    It 'removes the backup only when the file is that backup again' {
        $s = New-Server
        $c = Get-FileChange
        Invoke-AdsFixChange -Change $c -Id 'x'
        $bak = Get-FixServerPath $s $c.BackupPath
        Remove-AdsFixBackup -Change $c
        Test-Path $bak | Should -BeTrue
        [void](Restore-AdsFixChange -Change $c)
        Remove-AdsFixBackup -Change $c
        Test-Path $bak | Should -BeFalse
    }
}

Describe 'Get-AdsFixUndoDiff' {
    It 'diffs the file as it is now against the backup' {
        $s = New-Server
        $c = Get-FileChange
        Invoke-AdsFixChange -Change $c -Id 'x'
        Get-AdsFixUndoDiff -Change $c | Should -Match '(?m)^-  <system.net>'
    }
}

Describe 'New-AdsFixResult' {
    It 'starts a result in the fix-result shape' {
        $r = New-AdsFixResult -Mode 'apply' -Elevated $true -Simulated $false -HostName 'AADC01'
        $r.schema | Should -Be 'aadsync-diagnose/fix-result@1'
        $r.host | Should -Be 'AADC01'
    }
}

Describe 'Get-AdsServiceAccountSettingsNote' {
    It 'says what the service account''s own Internet Options cover and why machine.config is the durable place' {
        $n = Get-AdsServiceAccountSettingsNote
        $n | Should -Match 'HKU'
        $n | Should -Match 'only when machine.config names no proxy'
        $n | Should -Match 'service account changes'
    }
}

Describe 'New-AdsFixId' {
    It 'is the UTC time, file-name safe' { New-AdsFixId | Should -Match '^\d{8}T\d{6}Z$' }
}

Describe 'New-AdsFixJournalFolder' {
    It 'makes a new folder per fix, never reusing one' {
        $out = New-OutDir
        $a = New-AdsFixJournalFolder -OutDir $out -HostName 'AAD C01' -Id '20261125T100000Z'
        $b = New-AdsFixJournalFolder -OutDir $out -HostName 'AAD C01' -Id '20261125T100000Z'
        Split-Path -Leaf $a | Should -Be 'aadsync-fix-AAD_C01-20261125T100000Z'
        Split-Path -Leaf $b | Should -Be 'aadsync-fix-AAD_C01-20261125T100000Z-2'
    }
}

Describe 'ConvertTo-AdsFixChangeRecord' {
    It 'keeps no file bytes and no local paths' {
        [void](New-Server)
        $r = ConvertTo-AdsFixChangeRecord -Change (Get-FileChange)
        $r.Keys | Should -Not -Contain 'newBytes'
        $r.Keys | Should -Not -Contain 'localPath'
        $r.path | Should -Be $global:Mc64
    }
}

Describe 'Save-AdsFixJournal' {
    It 'writes ASCII JSON atomically' {
        $p = Join-Path (New-OutDir) 'journal.json'
        Save-AdsFixJournal -Journal ([ordered]@{ schema = 'aadsync-diagnose/fix-journal@1'; user = "j$([char]0xF6)rg" }) -Path $p
        [IO.File]::ReadAllText($p) | Should -Be '{"schema":"aadsync-diagnose/fix-journal@1","user":"j\u00f6rg"}'
    }
}

Describe 'Read-AdsFixJournal' {
    It 'reads a journal and refuses anything else' {
        $p = Join-Path (New-OutDir) 'journal.json'
        Save-AdsFixJournal -Journal ([ordered]@{ schema = 'aadsync-diagnose/fix-journal@1'; id = 'x' }) -Path $p
        (Read-AdsFixJournal -Path $p).id | Should -Be 'x'
        [IO.File]::WriteAllText($p, '{"schema":"aadsync-diagnose/manifest@1"}')
        { Read-AdsFixJournal -Path $p } | Should -Throw '*not a fix journal*'
    }
}

Describe 'Find-AdsFixJournal' {
    It 'takes the newest applied fix of an output folder, or the folder''s own journal' {
        $out = New-OutDir
        foreach ($j in @(@('A', '20261125T100000Z', 'applied'), @('B', '20261125T110000Z', 'applied'), @('C', '20261125T120000Z', 'undone'), @('D', '20261125T130000Z', 'rolled-back'))) {
            $d = New-AdsFixJournalFolder -OutDir $out -HostName $j[0] -Id $j[1]
            Save-AdsFixJournal -Journal ([ordered]@{ schema = 'aadsync-diagnose/fix-journal@1'; id = $j[1]; status = $j[2] }) -Path (Join-Path $d 'journal.json')
        }
        Find-AdsFixJournal -OutDir $out | Should -Match 'aadsync-fix-B-20261125T110000Z'
        Find-AdsFixJournal -OutDir (Join-Path $out 'aadsync-fix-C-20261125T120000Z') | Should -Match 'aadsync-fix-C-'
        { Find-AdsFixJournal -OutDir (New-Item -ItemType Directory -Path (New-OutDir)).FullName } | Should -Throw '*no applied fix*'
    }
}

Describe 'ConvertFrom-AdsFixChangeRecord' {
    It 'turns a journal record back into a change the restore works on' {
        $s = New-Server
        $c = Get-FileChange
        Invoke-AdsFixChange -Change $c -Id 'x'
        $rec = (ConvertTo-AdsJson -InputObject (ConvertTo-AdsFixChangeRecord -Change $c)) | ConvertFrom-Json
        $back = ConvertFrom-AdsFixChangeRecord -Record $rec
        $back.LocalPath | Should -Be (Get-FixServerPath $s $global:Mc64)
        Restore-AdsFixChange -Change $back | Should -Be 'restored'
        { ConvertFrom-AdsFixChangeRecord -Record ([pscustomobject]@{ kind = 'service' }) } | Should -Throw '*unknown change kind*'
    }
}
