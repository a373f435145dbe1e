# Redaction.ps1 - no secret is written into the bundle (issue 15 A6; docs/bundle-format.md, "What the
# collector removes").
#
# The secret shapes are defined once, in src/redact/secrets.ts, and reach PowerShell as data:
# schema/redaction-rules.json (each rule a .NET regular expression, its RegexOptions names and a
# $1-style replacement; docs/report-contract.md "Redaction" lists what they remove). The source loader
# (AADSyncDiagnose.psm1) reads that file; the built single-file module carries it inline
# (scripts/build-ps.mjs); either way it is in $script:AdsRedactionRulesJson before this file runs. The
# patterns go to the Regex constructor only, never to the PowerShell parser.
#
# Secrets only: user, host and domain names stay, as with `run --no-redact` (the analyzer needs them;
# `aadsync-diagnose analyze <folder> --redact` replaces them by tokens for a public ticket).
# Constrained Language mode: Regex objects and their Replace are core types and allowed there; byte work
# is not (Encoding, File), so files are read and written with Get-Content / Set-Content instead
# (Invoke-AdsRedactBundleFile says what that changes).

# Regex options a rule may name; any other name refuses the rules (never half applied).
$script:AdsRedactionOptionNames = @('IgnoreCase', 'Multiline', 'Singleline', 'ExplicitCapture', 'CultureInvariant')
# Per rule and text. A pattern that backtracks without end on a hostile file stops here, and that file
# is left out of the bundle rather than written unredacted.
$script:AdsRedactionTimeoutSeconds = 60
# The encoding of a file is decided from this many leading bytes (src/evidence/decode.ts SNIFF_HEAD_BYTES).
$script:AdsSniffHeadBytes = 65536
# The events step redacts whole events in chunks of about this many characters (Write-AdsEventFile).
$script:AdsEventChunkChars = 1048576

function Import-AdsRedactionRules {
    # The rules file's text -> @{ Rules = @(@{ Name; Regex; Replacement }); Marker; Error }. Error says
    # why the rules cannot be used (then Rules is empty and the collector refuses to start).
    param([AllowNull()][AllowEmptyString()][string]$Json)
    $result = @{ Rules = @(); Marker = '[REDACTED]'; Error = $null }
    if (-not $Json) {
        $result.Error = 'the redaction rules (schema/redaction-rules.json) were not found beside the module'
        return $result
    }
    try {
        $data = ConvertFrom-Json -InputObject $Json
        if ([string]$data.schema -ne 'aadsync-diagnose/redaction-rules@1') { throw "unknown schema '$([string]$data.schema)'" }
        $marker = [string]$data.redacted
        if (-not $marker) { throw 'no "redacted" marker' }
        $timeout = [TimeSpan]::FromSeconds($script:AdsRedactionTimeoutSeconds)
        $rules = @()
        foreach ($r in @($data.rules)) {
            $name = [string]$r.name
            if (-not [string]$r.pattern -or $null -eq $r.replacement) { throw "rule '$name' has no pattern or replacement" }
            # CultureInvariant always (the rules file's contract), whatever the rule names.
            $options = [System.Text.RegularExpressions.RegexOptions]::CultureInvariant
            foreach ($n in @($r.options)) {
                if ($script:AdsRedactionOptionNames -notcontains [string]$n) { throw "rule '$name': option '$n' is not one of $($script:AdsRedactionOptionNames -join ', ')" }
                $options = $options -bor [System.Text.RegularExpressions.RegexOptions][string]$n
            }
            $re = New-Object System.Text.RegularExpressions.Regex -ArgumentList ([string]$r.pattern), $options, $timeout
            $rules += @(@{ Name = $name; Regex = $re; Replacement = [string]$r.replacement })
        }
        if ($rules.Count -eq 0) { throw 'the file holds no rules' }
        $result.Rules = $rules
        $result.Marker = $marker
    } catch {
        $result.Error = 'the redaction rules (schema/redaction-rules.json) cannot be used: ' + (Get-AdsErrorText $_)
    }
    return $result
}

$script:AdsRedaction = Import-AdsRedactionRules -Json (Get-Variable -Name AdsRedactionRulesJson -Scope Script -ValueOnly -ErrorAction SilentlyContinue)

function Invoke-AdsRedactText {
    # Every rule, in order, on the whole text (the rules file's contract). Returns @{ Text; Secrets }:
    # Secrets is how many secrets were replaced, counted as the markers the rules added (each replacement
    # holds exactly one; a text that changed counts at least one). Throws when the rules are unusable.
    param([AllowNull()][AllowEmptyString()][string]$Text)
    if ($script:AdsRedaction.Error) { throw $script:AdsRedaction.Error }
    if (-not $Text) { return @{ Text = $Text; Secrets = 0 } }
    $out = $Text
    foreach ($r in $script:AdsRedaction.Rules) { $out = $r.Regex.Replace($out, $r.Replacement) }
    if ($out -ceq $Text) { return @{ Text = $Text; Secrets = 0 } }
    $marker = [regex]::Escape($script:AdsRedaction.Marker)
    $n = [regex]::Matches($out, $marker).Count - [regex]::Matches($Text, $marker).Count
    if ($n -lt 1) { $n = 1 }
    return @{ Text = $out; Secrets = $n }
}

function Invoke-AdsRedactEventsText {
    # Whole <Event> elements as the events step writes them -> @{ Text; Secrets }: every rule on the whole
    # text, as for every file, with one safeguard. ToXml() writes an event on one line, and a rule whose
    # value runs to the end of the line (an Authorization, Cookie or x-api-key header) would take the rest
    # of the event with it - its closing tags, the next <Data> - and the file would no longer parse.
    # Markup is never a secret (text is XML-escaped: a raw '<' only opens a tag), so when the pass removed
    # a '<', each event is redacted again on its own, and an event that still loses markup is redacted
    # one text node at a time with its tags kept.
    param([AllowNull()][AllowEmptyString()][string]$Text)
    $red = Invoke-AdsRedactText -Text $Text
    if ($red.Secrets -eq 0 -or [regex]::Matches($red.Text, '<').Count -eq [regex]::Matches($Text, '<').Count) { return $red }
    $out = @()
    $secrets = 0
    foreach ($event in [regex]::Split($Text, '(?<=</Event>)')) {
        if (-not $event) { continue }
        $r = Invoke-AdsRedactText -Text $event
        if ([regex]::Matches($r.Text, '<').Count -ne [regex]::Matches($event, '<').Count) {
            # Text nodes at the even places, tags (kept) at the odd ones.
            $parts = [regex]::Split($event, '(<[^>]*>)')
            $n = 0
            for ($i = 0; $i -lt $parts.Length; $i += 2) {
                $node = Invoke-AdsRedactText -Text $parts[$i]
                $parts[$i] = $node.Text
                $n += $node.Secrets
            }
            $r = @{ Text = (-join $parts); Secrets = $n }
        }
        $out += @($r.Text)
        $secrets += $r.Secrets
    }
    return @{ Text = (-join $out); Secrets = $secrets }
}

function ConvertTo-AdsRedactedFileName {
    # A file name with its secrets removed and its extension kept, as src/redact/redactor.ts pathSegment
    # does it (trace-Password=x.log -> trace-Password=[REDACTED].log): the name without the extension
    # first; the whole name when a secret runs into the extension's dot. Returns @{ Text; Secrets }.
    param([Parameter(Mandatory = $true)][string]$Name)
    $ext = ''
    if ($Name -match '(\.[A-Za-z0-9]{1,8})$') { $ext = $Matches[1] }
    $base = $Name.Substring(0, $Name.Length - $ext.Length)
    $red = Invoke-AdsRedactText -Text $base
    if ($red.Secrets -eq 0) { return (Invoke-AdsRedactText -Text $Name) }
    $text = $red.Text
    if (-not $text) { $text = $script:AdsRedaction.Marker }
    return @{ Text = $text + $ext; Secrets = $red.Secrets }
}

function ConvertTo-AdsRedactedConnectionHex {
    # A WinINET connection blob as hex (DefaultConnectionSettings; SavedLegacySettings has the same
    # layout) with the secrets of its strings removed and its length fields rewritten so that it still
    # parses, as src/redact/redactor.ts rewriteConnectionSettings does: 3 DWORDs, then three strings
    # (DWORD length, then ASCII) - proxy, bypass list, auto-config URL - then the rest (auto-detect data,
    # padding), redacted as Latin-1 text. A blob that is not laid out so, or whose strings hold no secret,
    # is redacted as one Latin-1 text (its lengths then stay as they were, as in the TypeScript
    # redactor). Strings and integers only, no byte arrays or Encoding objects: the same code runs in
    # Constrained Language mode. Returns @{ Hex; Secrets }; the hex keeps its case.
    param([AllowNull()][AllowEmptyString()][string]$Hex)
    if (-not $Hex -or ($Hex.Length % 2) -ne 0 -or $Hex -notmatch '^[0-9A-Fa-f]+$') { return @{ Hex = $Hex; Secrets = 0 } }
    $upper = $Hex -cmatch '[A-F]'
    $s = -join @(for ($i = 0; $i -lt $Hex.Length; $i += 2) { [char][int]('0x' + $Hex.Substring($i, 2)) })
    $secrets = 0
    $out = $null
    if ($s.Length -ge 24) {
        $parts = @($s.Substring(0, 12))
        $off = 12
        $changed = $false
        $ok = $true
        for ($k = 0; $k -lt 3; $k++) {
            if ($off + 4 -gt $s.Length) { $ok = $false; break }
            $len = [long][int][char]$s[$off] + 256L * [int][char]$s[$off + 1] + 65536L * [int][char]$s[$off + 2] + 16777216L * [int][char]$s[$off + 3]
            if ($len -gt 4096 -or $off + 4 + $len -gt $s.Length) { $ok = $false; break }
            $str = $s.Substring($off + 4, [int]$len)
            $red = Invoke-AdsRedactText -Text $str
            if ($red.Secrets -gt 0) { $changed = $true; $secrets += $red.Secrets }
            $parts += @((ConvertTo-AdsDwordLatin1 -Value $red.Text.Length) + $red.Text)
            $off += 4 + [int]$len
        }
        if ($ok -and $changed) {
            $tail = Invoke-AdsRedactText -Text $s.Substring($off)
            $secrets += $tail.Secrets
            $out = (-join $parts) + $tail.Text
        } else {
            $secrets = 0
        }
    }
    if ($null -eq $out) {
        $whole = Invoke-AdsRedactText -Text $s
        if ($whole.Secrets -eq 0) { return @{ Hex = $Hex; Secrets = 0 } }
        $out = $whole.Text
        $secrets = $whole.Secrets
    }
    $hexOut = -join @(foreach ($c in $out.ToCharArray()) { '{0:x2}' -f ([int]$c -band 0xff) })
    if ($upper) { $hexOut = $hexOut.ToUpperInvariant() }
    return @{ Hex = $hexOut; Secrets = $secrets }
}

function ConvertTo-AdsDwordLatin1 {
    # A little-endian DWORD as four Latin-1 characters (one per byte).
    param([long]$Value)
    return -join @([char]($Value -band 0xff), [char](($Value -shr 8) -band 0xff), [char](($Value -shr 16) -band 0xff), [char](($Value -shr 24) -band 0xff))
}

function Get-AdsTextEncoding {
    # The encoding of a file from its first bytes, decided as src/evidence/decode.ts detectEncoding
    # decides it (the TypeScript side's one sniffer: the collector, the zip writer and the readers read a
    # file alike): a BOM; else the NUL pattern of ASCII in UTF-16 in the first 1024 bytes (pairs of NULs
    # are padding, what NTFS leaves in a log after a crash, and do not count); else UTF-8 when the first
    # 64 KiB are valid UTF-8 (a character cut at the end allowed); else Windows-1252.
    # Returns @{ Name = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'; BomLength }.
    param([AllowNull()][AllowEmptyCollection()][object[]]$Head)
    if ($null -eq $Head) { $Head = @() }
    $n = $Head.Count
    if ($n -gt $script:AdsSniffHeadBytes) { $n = $script:AdsSniffHeadBytes }
    if ($n -ge 3 -and [int]$Head[0] -eq 0xEF -and [int]$Head[1] -eq 0xBB -and [int]$Head[2] -eq 0xBF) { return @{ Name = 'utf-8'; BomLength = 3 } }
    if ($n -ge 2 -and [int]$Head[0] -eq 0xFF -and [int]$Head[1] -eq 0xFE) { return @{ Name = 'utf-16le'; BomLength = 2 } }
    if ($n -ge 2 -and [int]$Head[0] -eq 0xFE -and [int]$Head[1] -eq 0xFF) { return @{ Name = 'utf-16be'; BomLength = 2 } }
    $m = $n
    if ($m -gt 1024) { $m = 1024 }
    $m = $m - ($m % 2)
    if ($m -ge 2) {
        $evenZeros = 0; $oddZeros = 0; $pairs = 0
        for ($i = 0; $i -lt $m; $i += 2) {
            $even = [int]$Head[$i] -eq 0
            $odd = [int]$Head[$i + 1] -eq 0
            if ($even -and $odd) { continue }
            $pairs++
            if ($even) { $evenZeros++ }
            if ($odd) { $oddZeros++ }
        }
        if ($pairs -ge 2) {
            if ($oddZeros / $pairs -ge 0.3 -and $evenZeros / $pairs -le 0.05) { return @{ Name = 'utf-16le'; BomLength = 0 } }
            if ($evenZeros / $pairs -ge 0.3 -and $oddZeros / $pairs -le 0.05) { return @{ Name = 'utf-16be'; BomLength = 0 } }
        }
    }
    if (Test-AdsUtf8Prefix -Bytes $Head -Count $n) { return @{ Name = 'utf-8'; BomLength = 0 } }
    return @{ Name = 'windows-1252'; BomLength = 0 }
}

function Test-AdsUtf8Prefix {
    # True when the first $Count bytes are valid UTF-8 (what a fatal TextDecoder accepts: no overlong
    # forms, no surrogates, nothing above U+10FFFF), allowing a character cut at the end. Integer work
    # only, so it runs in Constrained Language mode too.
    param([AllowEmptyCollection()][object[]]$Bytes, [int]$Count)
    $i = 0
    while ($i -lt $Count) {
        $c = [int]$Bytes[$i]
        if ($c -lt 0x80) { $i++; continue }
        $lo = 0x80; $hi = 0xBF
        if ($c -ge 0xC2 -and $c -le 0xDF) { $need = 1 }
        elseif ($c -ge 0xE0 -and $c -le 0xEF) {
            $need = 2
            if ($c -eq 0xE0) { $lo = 0xA0 }
            if ($c -eq 0xED) { $hi = 0x9F }
        } elseif ($c -ge 0xF0 -and $c -le 0xF4) {
            $need = 3
            if ($c -eq 0xF0) { $lo = 0x90 }
            if ($c -eq 0xF4) { $hi = 0x8F }
        } else { return $false }
        for ($k = 1; $k -le $need; $k++) {
            if ($i + $k -ge $Count) { return $true }
            $d = [int]$Bytes[$i + $k]
            if ($k -eq 1) { if ($d -lt $lo -or $d -gt $hi) { return $false } }
            elseif ($d -lt 0x80 -or $d -gt 0xBF) { return $false }
        }
        $i += $need + 1
    }
    return $true
}

function Get-AdsCompleteLength {
    # How many of the bytes after the BOM end on a character boundary (src/evidence/decode.ts
    # completeLength): the bytes of a character cut at the end are no text and are kept as they are.
    param([byte[]]$Bytes, [int]$Start, [string]$Encoding)
    $len = $Bytes.Length - $Start
    if ($Encoding -eq 'windows-1252') { return $len }
    if ($Encoding -ne 'utf-8') { return $len - ($len % 2) }
    for ($i = $Bytes.Length - 1; $i -ge $Start -and $i -ge $Bytes.Length - 4; $i--) {
        $c = [int]$Bytes[$i]
        if (($c -band 0xC0) -eq 0x80) { continue }
        $need = 1
        if ($c -ge 0xF0) { $need = 4 } elseif ($c -ge 0xE0) { $need = 3 } elseif ($c -ge 0xC0) { $need = 2 }
        if ($Bytes.Length - $i -ge $need) { return $len }
        return $i - $Start
    }
    return $len
}

function Read-AdsFileHead {
    # Up to $Count leading bytes of a file, in both language modes (Get-Content reads bytes with
    # -Encoding Byte in Windows PowerShell 5.1, with -AsByteStream from PowerShell 6 on).
    param([Parameter(Mandatory = $true)][string]$Path, [int]$Count = $script:AdsSniffHeadBytes)
    $read = @{ LiteralPath = $Path; TotalCount = $Count; ReadCount = 0; ErrorAction = 'Stop' }
    if ($PSVersionTable.PSVersion.Major -ge 6) { $read['AsByteStream'] = $true } else { $read['Encoding'] = 'Byte' }
    # -ReadCount 0: the bytes come as one array (assigned, it is that array; nothing for an empty file).
    $bytes = Get-Content @read
    if ($null -eq $bytes) { return , @() }
    return , @($bytes)
}

function Invoke-AdsRedactBundleFile {
    # A file already in the bundle (a copy of machine.config, a trace log, the probe script's output),
    # redacted in place: decoded in the encoding Get-AdsTextEncoding finds, every rule applied to the
    # whole text, written back in the same encoding with the same BOM (and the bytes of a character cut
    # at the end) when something was removed, else left byte for byte as it was. Records the count for
    # the manifest (Set-AdsRedactionCount) and returns it. When the file cannot be redacted (unreadable,
    # a rule timed out) it is deleted and the error thrown: the bundle never keeps an unredacted copy.
    #
    # Constrained Language mode has no byte or Encoding work: the text is read with Get-Content -Encoding
    # and written with Set-Content -Encoding. A file without a BOM whose redaction changed it then gets
    # one where Set-Content cannot write it without: UTF-16 always, UTF-8 with non-ASCII text under
    # Windows PowerShell 5.1 (the readers accept a BOM, docs/bundle-format.md); the bytes of a cut
    # character at the end are not kept.
    param([Parameter(Mandatory = $true)][hashtable]$Context, [Parameter(Mandatory = $true)][string]$RelativePath)
    $path = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $RelativePath
    try {
        $enc = Get-AdsTextEncoding -Head (Read-AdsFileHead -Path $path)
        if (Test-AdsFullLanguage) { $n = Invoke-AdsRedactFileFull -Path $path -Encoding $enc }
        else { $n = Invoke-AdsRedactFileConstrained -Path $path -Encoding $enc }
    } catch {
        $why = Get-AdsErrorText $_
        if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Force -ErrorAction SilentlyContinue }
        if (Test-Path -LiteralPath ($path + '.partial')) { Remove-Item -LiteralPath ($path + '.partial') -Force -ErrorAction SilentlyContinue }
        throw "$RelativePath left out of the bundle: it could not be redacted ($why)"
    }
    Set-AdsRedactionCount -Context $Context -RelativePath $RelativePath -Secrets $n
    return $n
}

function Invoke-AdsRedactFileFull {
    # Full Language: the bytes, decoded and encoded exactly as src/evidence/decode.ts decodeExact and
    # encodeExact do. Returns the number of secrets removed.
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][hashtable]$Encoding)
    $bytes = [IO.File]::ReadAllBytes($Path)
    switch ($Encoding.Name) {
        'utf-8' { $e = New-Object System.Text.UTF8Encoding $false }
        'utf-16le' { $e = New-Object System.Text.UnicodeEncoding $false, $false }
        'utf-16be' { $e = New-Object System.Text.UnicodeEncoding $true, $false }
        default { $e = [System.Text.Encoding]::GetEncoding(1252) }
    }
    $start = [int]$Encoding.BomLength
    $n = Get-AdsCompleteLength -Bytes $bytes -Start $start -Encoding $Encoding.Name
    $text = $e.GetString($bytes, $start, $n)
    $red = Invoke-AdsRedactText -Text $text
    if ($red.Secrets -eq 0) { return 0 }
    $body = $e.GetBytes($red.Text)
    $tailLength = $bytes.Length - $start - $n
    $ms = New-Object IO.MemoryStream
    try {
        $ms.Write($bytes, 0, $start)
        $ms.Write($body, 0, $body.Length)
        $ms.Write($bytes, $start + $n, $tailLength)
        [IO.File]::WriteAllBytes($Path + '.partial', $ms.ToArray())
    } finally { $ms.Dispose() }
    Remove-Item -LiteralPath $Path -Force
    Move-Item -LiteralPath ($Path + '.partial') -Destination $Path
    return $red.Secrets
}

function Invoke-AdsRedactFileConstrained {
    # Constrained Language: Get-Content / Set-Content with the encoding found (see Invoke-AdsRedactBundleFile).
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][hashtable]$Encoding)
    $ps6 = $PSVersionTable.PSVersion.Major -ge 6
    switch ($Encoding.Name) {
        'utf-8' { $read = 'UTF8' }
        'utf-16le' { $read = 'Unicode' }
        'utf-16be' { $read = 'BigEndianUnicode' }
        default { if ($ps6) { $read = 1252 } else { $read = 'Default' } }
    }
    $text = Get-Content -LiteralPath $Path -Raw -Encoding $read -ErrorAction Stop
    if ($null -eq $text) { return 0 }
    $red = Invoke-AdsRedactText -Text ([string]$text)
    if ($red.Secrets -eq 0) { return 0 }
    $write = $read
    if ($Encoding.Name -eq 'utf-8') {
        if ($ps6) {
            if ($Encoding.BomLength -gt 0) { $write = 'utf8BOM' } else { $write = 'utf8NoBOM' }
        } elseif ($Encoding.BomLength -eq 0 -and $red.Text -notmatch '[^\x00-\x7F]') {
            # ASCII text is the same bytes as UTF-8 without a BOM.
            $write = 'ASCII'
        }
    }
    Set-Content -LiteralPath ($Path + '.partial') -Value $red.Text -NoNewline -Encoding $write -ErrorAction Stop
    Remove-Item -LiteralPath $Path -Force
    Move-Item -LiteralPath ($Path + '.partial') -Destination $Path
    return $red.Secrets
}

function Write-AdsBundleText {
    # A text file of the bundle (UTF-8, Write-AdsTextFile), every secret removed first. $Secrets: the
    # secrets already removed from the values the text was built from, counted with the text's own.
    param([Parameter(Mandatory = $true)][hashtable]$Context, [Parameter(Mandatory = $true)][string]$RelativePath,
          [Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text, [int]$Secrets = 0)
    $path = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $RelativePath
    $red = Invoke-AdsRedactText -Text $Text
    Write-AdsTextFile -Path $path -Text $red.Text
    Set-AdsRedactionCount -Context $Context -RelativePath $RelativePath -Secrets ($Secrets + $red.Secrets)
}

function Set-AdsRedactionCount {
    # What the manifest says was removed from one file (the file's last write counts: adsync.json and the
    # manifest are rewritten). $Context.Redaction is shared with the step runspace like the rest of $Context.
    param([Parameter(Mandatory = $true)][hashtable]$Context, [Parameter(Mandatory = $true)][string]$RelativePath, [int]$Secrets, [switch]$Add)
    if (-not $Context.ContainsKey('Redaction') -or -not ($Context.Redaction -is [hashtable])) { return }
    $key = $RelativePath -replace '\\', '/'
    if ($Add -and $Context.Redaction.ContainsKey($key)) { $Secrets += [int]$Context.Redaction[$key] }
    $Context.Redaction[$key] = $Secrets
}

function Get-AdsRedactionSummary {
    # The manifest's collectorRedaction (docs/bundle-format.md): what the collector removed, counts only.
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $files = @()
    $total = 0
    $ledger = @{}
    if ($Context.ContainsKey('Redaction') -and $Context.Redaction -is [hashtable]) { $ledger = $Context.Redaction }
    foreach ($k in @($ledger.Keys | Sort-Object)) {
        $n = [int]$ledger[$k]
        if ($n -le 0) { continue }
        $total += $n
        $files += @([ordered]@{ path = [string]$k; secrets = $n })
    }
    return [ordered]@{ rules = 'aadsync-diagnose/redaction-rules@1'; ruleCount = @($script:AdsRedaction.Rules).Count
                       secrets = $total; files = @($files); identities = 'kept' }
}
