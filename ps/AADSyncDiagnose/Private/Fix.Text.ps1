# Fix.Text.ps1 - bytes <-> text for the files `fix` edits, without losing a byte: the encoding and its
# BOM are detected, the decoded text must encode back to exactly the same bytes (or the file is not
# touched), and the unified diff that previews a change is computed from the same texts the change uses.

function Get-AdsBytesSha256 {
    # SHA-256 of a byte array, lowercase hex.
    param([Parameter(Mandatory = $true)][AllowEmptyCollection()][byte[]]$Bytes)
    $sha = [Security.Cryptography.SHA256]::Create()
    try { $hash = $sha.ComputeHash($Bytes) } finally { $sha.Dispose() }
    return (($hash | ForEach-Object { $_.ToString('x2') }) -join '')
}

function ConvertFrom-AdsFileBytes {
    # Decodes a config file as .NET reads it: a BOM decides (UTF-8, UTF-16 LE/BE), otherwise UTF-8.
    # Returns @{ Text; EncodingName; Bom (byte[]); Encoding }. Throws when the bytes are not valid in that
    # encoding or would not encode back to the same bytes: such a file is left alone, never "repaired".
    param([Parameter(Mandatory = $true)][AllowEmptyCollection()][byte[]]$Bytes)
    $bom = New-Object byte[] 0
    $name = 'utf-8'
    $enc = New-Object System.Text.UTF8Encoding -ArgumentList $false, $true
    if ($Bytes.Length -ge 3 -and $Bytes[0] -eq 0xEF -and $Bytes[1] -eq 0xBB -and $Bytes[2] -eq 0xBF) {
        $bom = [byte[]]@(0xEF, 0xBB, 0xBF); $name = 'utf-8 with BOM'
    } elseif ($Bytes.Length -ge 2 -and $Bytes[0] -eq 0xFF -and $Bytes[1] -eq 0xFE) {
        $bom = [byte[]]@(0xFF, 0xFE); $name = 'utf-16 LE with BOM'
        $enc = New-Object System.Text.UnicodeEncoding -ArgumentList $false, $false, $true
    } elseif ($Bytes.Length -ge 2 -and $Bytes[0] -eq 0xFE -and $Bytes[1] -eq 0xFF) {
        $bom = [byte[]]@(0xFE, 0xFF); $name = 'utf-16 BE with BOM'
        $enc = New-Object System.Text.UnicodeEncoding -ArgumentList $true, $false, $true
    }
    try { $text = $enc.GetString($Bytes, $bom.Length, $Bytes.Length - $bom.Length) }
    catch { throw "the file is not valid $name text ($(Get-AdsErrorText $_)); it is left as it is" }
    $back = ConvertTo-AdsFileBytes -Text $text -Encoding $enc -Bom $bom
    if ((Get-AdsBytesSha256 -Bytes $back) -ne (Get-AdsBytesSha256 -Bytes $Bytes)) {
        throw "the file does not read back byte for byte as $name text; it is left as it is"
    }
    if ($bom.Length -eq 0 -and $text -match '^\s*<\?xml[^>]*\bencoding\s*=\s*["'']([^"'']+)') {
        $declared = $Matches[1]
        if ($declared -notmatch '^(?i:utf-?8)$') { throw "the file declares encoding '$declared' without a BOM; only UTF-8 and UTF-16 files are edited" }
    }
    return @{ Text = $text; EncodingName = $name; Bom = $bom; Encoding = $enc }
}

function ConvertTo-AdsFileBytes {
    # Text -> the bytes of the file: the BOM it had, then the text in its encoding.
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text, [Parameter(Mandatory = $true)]$Encoding,
          [AllowEmptyCollection()][byte[]]$Bom = (New-Object byte[] 0))
    $body = $Encoding.GetBytes($Text)
    $out = New-Object byte[] ($Bom.Length + $body.Length)
    if ($Bom.Length -gt 0) { [Array]::Copy($Bom, 0, $out, 0, $Bom.Length) }
    [Array]::Copy($body, 0, $out, $Bom.Length, $body.Length)
    return , $out
}

function Get-AdsNewline {
    # The line break to use for lines inserted at $Index: the one ending the line before it, else the
    # one the file uses most, else CRLF (Windows' own).
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text, [int]$Index = -1)
    if ($Index -gt 0) {
        $lf = $Text.LastIndexOf("`n", [Math]::Min($Index, $Text.Length) - 1)
        if ($lf -gt 0 -and $Text[$lf - 1] -eq "`r") { return "`r`n" }
        if ($lf -ge 0) { return "`n" }
    }
    $crlf = ([regex]::Matches($Text, "`r`n")).Count
    $all = ([regex]::Matches($Text, "`n")).Count
    if ($all -gt 0 -and ($all - $crlf) -gt $crlf) { return "`n" }
    return "`r`n"
}

function Split-AdsLines {
    # Lines with their terminators kept ("a`r`n", "b`n", "c"): a diff of these is exact, line ends included.
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text)
    $list = New-Object System.Collections.Generic.List[string]
    $start = 0
    while ($start -lt $Text.Length) {
        $lf = $Text.IndexOf("`n", $start)
        if ($lf -lt 0) { $list.Add($Text.Substring($start)); break }
        $list.Add($Text.Substring($start, $lf - $start + 1))
        $start = $lf + 1
    }
    return , $list.ToArray()
}

function Get-AdsUnifiedDiff {
    # The unified diff (3 lines of context) from $OldText to $NewText, as `diff -u` writes it, with "`n"
    # between diff lines and each file line's own CR kept. A fix changes one contiguous region, so the
    # lines before the first difference and after the last one are common: one hunk, exact.
    # Returns '' when the texts are equal.
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$OldText, [Parameter(Mandatory = $true)][AllowEmptyString()][string]$NewText,
          [Parameter(Mandatory = $true)][string]$OldLabel, [Parameter(Mandatory = $true)][string]$NewLabel, [int]$Context = 3)
    if ($OldText -ceq $NewText) { return '' }
    $old = Split-AdsLines -Text $OldText
    $new = Split-AdsLines -Text $NewText
    $prefix = 0
    while ($prefix -lt $old.Length -and $prefix -lt $new.Length -and $old[$prefix] -ceq $new[$prefix]) { $prefix++ }
    $suffix = 0
    while ($suffix -lt ($old.Length - $prefix) -and $suffix -lt ($new.Length - $prefix) -and $old[$old.Length - 1 - $suffix] -ceq $new[$new.Length - 1 - $suffix]) { $suffix++ }
    $from = [Math]::Max(0, $prefix - $Context)
    $oldTo = [Math]::Min($old.Length, $old.Length - $suffix + $Context)
    $newTo = [Math]::Min($new.Length, $new.Length - $suffix + $Context)
    $sb = New-Object System.Collections.Generic.List[string]
    $sb.Add('--- ' + $OldLabel)
    $sb.Add('+++ ' + $NewLabel)
    $sb.Add('@@ -' + (Format-AdsHunkRange -From $from -Count ($oldTo - $from)) + ' +' + (Format-AdsHunkRange -From $from -Count ($newTo - $from)) + ' @@')
    $emit = {
        param([string]$Mark, [string[]]$Lines, [int]$Index)
        $line = $Lines[$Index]
        $sb.Add($Mark + $line.TrimEnd("`n"))
        if (-not $line.EndsWith("`n")) { $sb.Add('\ No newline at end of file') }
    }
    for ($i = $from; $i -lt $prefix; $i++) { & $emit ' ' $old $i }
    for ($i = $prefix; $i -lt $old.Length - $suffix; $i++) { & $emit '-' $old $i }
    for ($i = $prefix; $i -lt $new.Length - $suffix; $i++) { & $emit '+' $new $i }
    for ($i = $old.Length - $suffix; $i -lt $oldTo; $i++) { & $emit ' ' $old $i }
    return (($sb.ToArray() -join "`n") + "`n")
}

function Format-AdsHunkRange {
    # "start,count" of a hunk header, as diff -u writes it: a count of 1 is left out, an empty range
    # names the line before it.
    param([int]$From, [int]$Count)
    if ($Count -eq 0) { return "$From,0" }
    if ($Count -eq 1) { return [string]($From + 1) }
    return "$($From + 1),$Count"
}
