#Requires -Version 7.0
# The Windows PowerShell 5.1 gate (docs/DEVELOPING.md, Standards), run by pwsh in the test suite: parses each file with
# the PowerShell AST and prints one line per construct 5.1 does not have, then exits 1 if any.
# Usage: pwsh -File Test-PS51Compat.ps1 <file-or-folder>...
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Paths)

$L = [System.Management.Automation.Language.Parser]
$files = foreach ($p in $Paths) {
    if (Test-Path -LiteralPath $p -PathType Container) { Get-ChildItem -LiteralPath $p -Recurse -File -Include *.ps1, *.psm1, *.psd1 }
    else { Get-Item -LiteralPath $p }
}
$ps7Cmds = 'Join-String', 'Get-Error', 'Test-Json', 'ConvertFrom-Markdown', 'Show-Markdown', 'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'Start-ThreadJob', 'Get-SecureRandom', 'ConvertTo-CliXml', 'ConvertFrom-CliXml'
$bad = New-Object System.Collections.Generic.List[string]
foreach ($f in $files) {
    $name = $f.FullName
    $tok = $null; $err = $null
    $ast = $L::ParseFile($f.FullName, [ref]$tok, [ref]$err)
    foreach ($e in $err) { $bad.Add("${name}:$($e.Extent.StartLineNumber): parse error: $($e.Message)") }
    foreach ($t in $tok) {
        if ($t.Kind -in 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr', 'Clean') {
            $bad.Add("${name}:$($t.Extent.StartLineNumber): PS7-only token $($t.Kind) '$($t.Text)'")
        }
        if ($t.Kind -eq 'StringExpandable' -and $t.Text -match '`u\{') { $bad.Add("${name}:$($t.Extent.StartLineNumber): PS6+ escape ``u{}") }
    }
    $nodes = $ast.FindAll({ param($n)
            $n -is [System.Management.Automation.Language.TernaryExpressionAst] -or
            $n -is [System.Management.Automation.Language.PipelineChainAst] -or
            ($n -is [System.Management.Automation.Language.PipelineAst] -and $n.Background) -or
            ($n -is [System.Management.Automation.Language.MemberExpressionAst] -and $n.NullConditional) -or
            ($n -is [System.Management.Automation.Language.IndexExpressionAst] -and $n.NullConditional) }, $true)
    foreach ($n in $nodes) { $bad.Add("${name}:$($n.Extent.StartLineNumber): PS7-only syntax $($n.GetType().Name)") }
    foreach ($c in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $cmd = $c.GetCommandName()
        $params = @($c.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object { $_.ParameterName })
        $line = $c.Extent.StartLineNumber
        if ($cmd -in $ps7Cmds) { $bad.Add("${name}:${line}: PS6+/7 cmdlet $cmd") }
        if ($cmd -in 'ForEach-Object', '%', 'foreach' -and @($params | Where-Object { $_.Length -ge 2 -and 'Parallel'.StartsWith($_, 'OrdinalIgnoreCase') }).Count) { $bad.Add("${name}:${line}: ForEach-Object -Parallel") }
        if ($cmd -eq 'ConvertFrom-Json' -and @($params | Where-Object { $_ -in 'AsHashtable', 'Depth', 'NoEnumerate' }).Count) { $bad.Add("${name}:${line}: ConvertFrom-Json -$($params -join ',')") }
        if ($cmd -eq 'ConvertTo-Json' -and @($params | Where-Object { $_ -in 'AsArray', 'EnumsAsStrings', 'EscapeHandling' }).Count) { $bad.Add("${name}:${line}: ConvertTo-Json PS6+ parameter") }
        if ($cmd -eq 'Where-Object' -and @($params | Where-Object { $_ -eq 'Not' }).Count) { $bad.Add("${name}:${line}: Where-Object -Not") }
        if ($cmd -eq 'Get-Content' -and @($params | Where-Object { $_ -eq 'AsByteStream' }).Count) { $bad.Add("${name}:${line}: Get-Content -AsByteStream") }
        if ($cmd -eq 'Import-Module' -and @($params | Where-Object { $_ -eq 'UseWindowsPowerShell' }).Count) { $bad.Add("${name}:${line}: Import-Module -UseWindowsPowerShell") }
        if ($cmd -eq 'Get-WinEvent' -and @($params | Where-Object { $_ -eq 'SuppressHashFilter' }).Count) { $bad.Add("${name}:${line}: Get-WinEvent -SuppressHashFilter") }
        # -Encoding utf8NoBOM / utf8BOM exist only in PowerShell 6+.
        for ($i = 0; $i -lt $c.CommandElements.Count; $i++) {
            $el = $c.CommandElements[$i]
            if ($el -is [System.Management.Automation.Language.CommandParameterAst] -and $el.ParameterName -eq 'Encoding') {
                $arg = $el.Argument
                if (-not $arg -and $i + 1 -lt $c.CommandElements.Count) { $arg = $c.CommandElements[$i + 1] }
                if ($arg -and $arg.Extent.Text -match '(?i)utf8(no)?bom') { $bad.Add("${name}:${line}: -Encoding $($arg.Extent.Text)") }
            }
        }
    }
    # Get-WinEvent must filter in the event-log service: never piped into Where-Object (docs/windows-facts.md section 4.3).
    foreach ($p in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.PipelineAst] }, $true)) {
        $names = @($p.PipelineElements | ForEach-Object { if ($_ -is [System.Management.Automation.Language.CommandAst]) { $_.GetCommandName() } })
        if ($names -contains 'Get-WinEvent' -and ($names -contains 'Where-Object' -or $names -contains '?' -or $names -contains 'where')) { $bad.Add("${name}:$($p.Extent.StartLineNumber): Get-WinEvent piped into Where-Object") }
    }
    $bytes = [IO.File]::ReadAllBytes($f.FullName)
    $hasBom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
    if (-not $hasBom) {
        for ($i = 0; $i -lt $bytes.Length; $i++) { if ($bytes[$i] -gt 0x7F) { $bad.Add("${name}: non-ASCII byte at offset $i without a UTF-8 BOM"); break } }
    }
}
"checked $(@($files).Count) file(s)"
if ($bad.Count -gt 0) { $bad; exit 1 }
exit 0
