# Step.Traces.ps1 - step "traces": the wizard trace logs modified in the look-back window.

function Invoke-AdsTraces {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $sinceUtc = (Get-Date).ToUniversalTime().AddHours(-[double]$Context.SinceHours)
    $dir = Join-AdsWinPath (Get-AdsKnownFolder -Name ProgramData) 'AADConnect'
    $copied = 0
    $failures = @()
    foreach ($f in @(Get-AdsChildFiles -Directory $dir -Filter 'trace-*.log')) {
        if ($f.LastWriteTimeUtc -lt $sinceUtc) { continue }
        # A secret in a file name (trace-...-Password=....log) is removed before the name is used anywhere.
        $named = ConvertTo-AdsRedactedFileName -Name (Split-AdsWinPath -Leaf $f.FullName)
        $name = $named.Text
        $rel = 'traces/' + (Get-AdsSafeFileName $name)
        try {
            Copy-AdsFile -Source $f.FullName -Destination (Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $rel)
            # Redacted in place at once: the log's secrets never stay in the bundle (Private/Redaction.ps1).
            $removed = Invoke-AdsRedactBundleFile -Context $Context -RelativePath $rel
            if ($named.Secrets -gt 0) { Set-AdsRedactionCount -Context $Context -RelativePath $rel -Secrets $named.Secrets -Add }
            $copied++
            Write-Verbose "Copied $name ($removed secret(s) removed)"
        } catch { $failures += @("${name}: $(Get-AdsErrorText $_)") }
    }
    if ($failures.Count -gt 0) { return @{ status = 'failed'; error = ($failures -join '; '); notes = @("$copied copied") } }
    return @{ status = 'ok'; error = $null; notes = @("$copied trace log(s) modified in the window") }
}
