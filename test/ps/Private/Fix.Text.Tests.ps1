# Pester tests of ps/AADSyncDiagnose/Private/Fix.Text.ps1: a file's bytes decode and encode back
# unchanged, or the file is left alone; the diff is the one `diff -u` writes.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    $script:Utf8 = New-Object System.Text.UTF8Encoding $false
}

Describe 'Get-AdsBytesSha256' {
    It 'hashes bytes as lowercase hex' {
        Get-AdsBytesSha256 -Bytes ([byte[]]@()) | Should -Be 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    }
}

Describe 'ConvertFrom-AdsFileBytes' {
    It 'reads <Name> and says which encoding it was' -ForEach @(
        @{ Name = 'UTF-8 without BOM'; Prefix = @(); Enc = 'utf8'; Expect = 'utf-8' }
        @{ Name = 'UTF-8 with BOM'; Prefix = @(0xEF, 0xBB, 0xBF); Enc = 'utf8'; Expect = 'utf-8 with BOM' }
        @{ Name = 'UTF-16 LE with BOM'; Prefix = @(0xFF, 0xFE); Enc = 'utf16le'; Expect = 'utf-16 LE with BOM' }
        @{ Name = 'UTF-16 BE with BOM'; Prefix = @(0xFE, 0xFF); Enc = 'utf16be'; Expect = 'utf-16 BE with BOM' }
    ) {
        $text = "<configuration>`r`n  <!-- caf$([char]0xE9) -->`r`n</configuration>`r`n"
        $e = switch ($Enc) { 'utf8' { $script:Utf8 } 'utf16le' { New-Object System.Text.UnicodeEncoding $false, $false } 'utf16be' { New-Object System.Text.UnicodeEncoding $true, $false } }
        $bytes = [byte[]]($Prefix + $e.GetBytes($text))
        $d = ConvertFrom-AdsFileBytes -Bytes $bytes
        $d.Text | Should -BeExactly $text
        $d.EncodingName | Should -Be $Expect
        $back = ConvertTo-AdsFileBytes -Text $d.Text -Encoding $d.Encoding -Bom $d.Bom
        Get-AdsBytesSha256 -Bytes $back | Should -Be (Get-AdsBytesSha256 -Bytes $bytes)
    }
    It 'leaves alone a file that is not valid UTF-8' {
        { ConvertFrom-AdsFileBytes -Bytes ([byte[]](0x3C, 0x61, 0xE9, 0x3E)) } | Should -Throw '*not valid utf-8*'
    }
    It 'leaves alone a file that declares another encoding without a BOM' {
        { ConvertFrom-AdsFileBytes -Bytes $script:Utf8.GetBytes('<?xml version="1.0" encoding="windows-1252"?><a/>') } | Should -Throw '*windows-1252*'
    }
}

Describe 'ConvertTo-AdsFileBytes' {
    It 'puts the BOM first, then the text in its encoding' {
        $b = ConvertTo-AdsFileBytes -Text 'a' -Encoding $script:Utf8 -Bom ([byte[]](0xEF, 0xBB, 0xBF))
        ($b -join ',') | Should -Be '239,187,191,97'
    }
}

Describe 'Get-AdsNewline' {
    It 'takes the line end before the position, else the one the file uses most' {
        Get-AdsNewline -Text "a`r`nb`nc" -Index 4 | Should -Be "`r`n"
        Get-AdsNewline -Text "a`r`nb`nc" -Index 6 | Should -Be "`n"
        Get-AdsNewline -Text "a`nb`nc`r`nd" | Should -Be "`n"
        Get-AdsNewline -Text 'abc' | Should -Be "`r`n"
    }
}

Describe 'Split-AdsLines' {
    It 'keeps each line''s terminator, and a last line without one' {
        $l = Split-AdsLines -Text "a`r`nb`nc"
        $l.Count | Should -Be 3
        $l[0] | Should -BeExactly "a`r`n"
        $l[2] | Should -BeExactly 'c'
        (Split-AdsLines -Text '').Count | Should -Be 0
    }
}

Describe 'Get-AdsUnifiedDiff' {
    It 'writes one hunk with three lines of context, as diff -u does' {
        $old = (1..10 | ForEach-Object { "l$_`n" }) -join ''
        $new = $old.Replace("l5`n", "l5`nX`nY`n")
        $d = Get-AdsUnifiedDiff -OldText $old -NewText $new -OldLabel 'a' -NewLabel 'b'
        $d | Should -BeExactly "--- a`n+++ b`n@@ -3,6 +3,8 @@`n l3`n l4`n l5`n+X`n+Y`n l6`n l7`n l8`n"
    }
    It 'keeps CR in the lines of a CRLF file and marks a last line without a line end' {
        $d = Get-AdsUnifiedDiff -OldText "a`r`nb" -NewText "a`r`nc" -OldLabel 'a' -NewLabel 'b'
        $d | Should -BeExactly "--- a`n+++ b`n@@ -1,2 +1,2 @@`n a`r`n-b`n\ No newline at end of file`n+c`n\ No newline at end of file`n"
    }
    It 'is empty for equal texts and counts an empty old side as 0,0' {
        Get-AdsUnifiedDiff -OldText 'x' -NewText 'x' -OldLabel 'a' -NewLabel 'b' | Should -Be ''
        Get-AdsUnifiedDiff -OldText '' -NewText "v`n" -OldLabel 'a' -NewLabel 'b' | Should -BeExactly "--- a`n+++ b`n@@ -0,0 +1 @@`n+v`n"
    }
}

Describe 'Format-AdsHunkRange' {
    It 'leaves out a count of 1 and names the line before an empty range' {
        Format-AdsHunkRange -From 4 -Count 1 | Should -Be '5'
        Format-AdsHunkRange -From 4 -Count 3 | Should -Be '5,3'
        Format-AdsHunkRange -From 4 -Count 0 | Should -Be '4,0'
    }
}
