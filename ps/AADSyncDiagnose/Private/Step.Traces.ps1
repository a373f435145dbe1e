# Step.Traces.ps1 - step "traces": the wizard trace logs modified in the look-back window.

function Invoke-AdsTraces {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $sinceUtc = (Get-Date).ToUniversalTime().AddHours(-[double]$Context.SinceHours)
    $dir = Join-AdsWinPath (Get-AdsKnownFolder -Name ProgramData) 'AADConnect'
    $copied = 0
    $failures = @()
    foreach ($f in @(Get-AdsChildFiles -Directory $dir -Filter 'trace-*.log')) {
        if ($f.LastWriteTimeUtc -lt $sinceUtc) { continue }
        $name = Split-AdsWinPath -Leaf $f.FullName
        try {
            Copy-AdsFile -Source $f.FullName -Destination (Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath ("traces/" + (Get-AdsSafeFileName $name)))
            $copied++
            Write-Verbose "Copied $name"
        } catch { $failures += @("${name}: $(Get-AdsErrorText $_)") }
    }
    if ($failures.Count -gt 0) { return @{ status = 'failed'; error = ($failures -join '; '); notes = @("$copied copied") } }
    return @{ status = 'ok'; error = $null; notes = @("$copied trace log(s) modified in the window") }
}
