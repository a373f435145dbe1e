# Output.ps1 - what the collector writes: JSON (one writer), UTF-8 files, dates, progress lines,
# paths inside the bundle (never outside it), the manifest's file list. Every file of the bundle passes
# the secret rules on its way in (Private/Redaction.ps1).

function Format-AdsDate {
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('o') }
    if ($Value -is [DateTimeOffset]) { return $Value.UtcDateTime.ToString('o') }
    return [string]$Value
}

function ConvertTo-AdsJson {
    # The one JSON writer: dates must already be strings (Format-AdsDate). Pure ASCII: every non-ASCII
    # character is written as \uXXXX (issue 13.6). Under Windows PowerShell 5.1 a redirected stdout
    # stays in the console's OEM code page whatever [Console]::OutputEncoding is set to later
    # (referencesource mscorlib/system/console.cs: the setter recreates Console.Out only when stdout
    # is not redirected), so localized text would reach the driver garbled, and a cp932/936/949/950
    # trail byte 0x5C would be a JSON backslash. ASCII is the same bytes in every code page.
    param([Parameter(Mandatory = $true)][AllowNull()]$InputObject)
    return (ConvertTo-AdsAsciiJson (ConvertTo-Json -InputObject $InputObject -Depth 10 -Compress))
}

function ConvertTo-AdsAsciiJson {
    # JSON text with every non-ASCII UTF-16 unit escaped as \uXXXX (valid JSON: outside strings JSON is
    # ASCII; surrogate pairs become two escapes). No script block evaluator, no StringBuilder: the same
    # code runs in Constrained Language mode.
    param([AllowNull()][string]$Json)
    if ($null -eq $Json -or $Json -notmatch '[^\x00-\x7F]') { return $Json }
    $parts = [regex]::Split($Json, '([^\x00-\x7F])')
    for ($i = 1; $i -lt $parts.Length; $i += 2) { $parts[$i] = '\u{0:x4}' -f [int][char]$parts[$i] }
    return (-join $parts)
}

function Resolve-AdsBundlePath {
    # A path inside the bundle. Refuses anything that would leave it.
    param([Parameter(Mandatory = $true)][string]$OutDir, [Parameter(Mandatory = $true)][string]$RelativePath)
    # Rooted (\x, /x, \\server), a drive or stream (:), or a step up (..): refused, in both language modes.
    if ($RelativePath -match '(^|[\\/])\.\.([\\/]|$)' -or $RelativePath -match '^[\\/]' -or $RelativePath -match ':') {
        throw "refusing to write outside the bundle: '$RelativePath'"
    }
    $parts = $RelativePath -split '[\\/]'
    $full = $OutDir
    foreach ($p in $parts) { if ($p) { $full = Join-Path $full $p } }
    return $full
}

function Write-AdsTextFile {
    # UTF-8 without BOM, the whole file at once (a crash leaves either the old file or the new one).
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text)
    $dir = Split-Path -Parent $Path
    if ($dir -and -not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir -Force) }
    $tmp = $Path + '.partial'
    if (Test-AdsFullLanguage) {
        [IO.File]::WriteAllText($tmp, $Text, $script:Utf8NoBom)
    } else {
        # Constrained Language: cmdlets only. ASCII text (every JSON file: non-ASCII is escaped) is the
        # same bytes as before; other text gets UTF-8, with a BOM under Windows PowerShell 5.1.
        $encoding = 'UTF8'
        if ($Text -notmatch '[^\x00-\x7F]') { $encoding = 'ASCII' }
        Set-Content -LiteralPath $tmp -Value $Text -NoNewline -Encoding $encoding
    }
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
    Move-Item -LiteralPath $tmp -Destination $Path
}

function Write-AdsBundleJson {
    # A JSON file of the bundle, every secret removed from its text (Write-AdsBundleText). $Secrets: the
    # secrets already removed from the values in $Object (counted for the manifest with the text's own).
    param([Parameter(Mandatory = $true)][hashtable]$Context, [Parameter(Mandatory = $true)][string]$RelativePath,
          [Parameter(Mandatory = $true)]$Object, [int]$Secrets = 0)
    Write-AdsBundleText -Context $Context -RelativePath $RelativePath -Text (ConvertTo-AdsJson -InputObject $Object) -Secrets $Secrets
}

function Write-AdsProgress {
    # One machine-readable line per step event on stdout; the TypeScript driver parses these.
    param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Event)
    $line = '##aadsync ' + (ConvertTo-AdsJson -InputObject $Event)
    if (Test-AdsFullLanguage) {
        [Console]::Out.WriteLine($line)
        [Console]::Out.Flush()
    } else {
        # Constrained Language: no [Console]; the host writes Write-Host text to standard output.
        Write-Host $line
    }
}

function Get-AdsProp {
    # A property of an object whose exact shape is not documented (ADSync classes), or $null.
    param($Object, [string]$Name)
    if ($null -eq $Object) { return $null }
    # The comma keeps arrays (a REG_BINARY byte[], RunStepResults) from being unrolled on return.
    if ($Object -is [System.Collections.IDictionary]) {
        if ($Object.Contains($Name)) { return , $Object[$Name] }
        return $null
    }
    $p = $Object.PSObject.Properties[$Name]
    if ($p) { return , $p.Value }
    return $null
}

function Get-AdsErrorText {
    param($ErrorRecord)
    if ($null -eq $ErrorRecord) { return $null }
    $ex = $ErrorRecord
    if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $ex = $ErrorRecord.Exception }
    if ($ex -is [System.Management.Automation.MethodInvocationException] -and $ex.InnerException) { $ex = $ex.InnerException }
    $msg = [string]$ex.Message
    if ($ex -is [Exception] -and $ex.InnerException -and $msg -notmatch [regex]::Escape([string]$ex.InnerException.Message)) {
        $msg = $msg + ' ---> ' + [string]$ex.InnerException.Message
    }
    return ($msg -replace '\s+', ' ').Trim()
}

function Get-AdsFileSha256 {
    param([Parameter(Mandatory = $true)][string]$Path)
    if (-not (Test-AdsFullLanguage)) { return ([string](Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash).ToLowerInvariant() }
    $sha = [Security.Cryptography.SHA256]::Create()
    $fs = [IO.File]::Open($Path, [IO.FileMode]::Open, [IO.FileAccess]::Read, [IO.FileShare]::ReadWrite)
    try { $hash = $sha.ComputeHash($fs) } finally { $fs.Dispose(); $sha.Dispose() }
    return (($hash | ForEach-Object { $_.ToString('x2') }) -join '')
}

function Get-AdsBundleFileList {
    # Every file of the bundle (except the manifest itself) with size and SHA-256. $Cache avoids
    # re-hashing files that did not change since the last manifest write.
    param([Parameter(Mandatory = $true)][string]$OutDir, [hashtable]$Cache = @{})
    $root = (Resolve-Path -LiteralPath $OutDir).ProviderPath.TrimEnd('\', '/')
    $list = @()
    foreach ($f in @(Get-ChildItem -LiteralPath $root -Recurse -File -Force | Sort-Object FullName)) {
        $rel = $f.FullName.Substring($root.Length + 1) -replace '\\', '/'
        if ($rel -eq 'manifest.json' -or $rel -like '*.partial') { continue }
        $key = '{0}|{1}|{2}' -f $rel, $f.Length, $f.LastWriteTimeUtc.Ticks
        if (-not $Cache.ContainsKey($key)) { $Cache[$key] = Get-AdsFileSha256 -Path $f.FullName }
        $list += @([ordered]@{ path = $rel; bytes = [long]$f.Length; sha256 = $Cache[$key] })
    }
    return , @($list)
}

function ConvertTo-AdsHex {
    param([byte[]]$Bytes)
    if ($null -eq $Bytes) { return $null }
    return (($Bytes | ForEach-Object { $_.ToString('x2') }) -join '')
}

function Get-AdsSafeFileName {
    param([string]$Name)
    return ($Name -replace '[^A-Za-z0-9 ._-]', '_')
}
