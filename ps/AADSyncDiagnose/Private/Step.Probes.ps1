# Step.Probes.ps1 - step "probes": ps/Invoke-AADSyncProbes.ps1 in this process.

function Invoke-AdsProbes {
    # Hook for the live probes (ps/Invoke-AADSyncProbes.ps1, written beside the collector by the probes
    # work): if the script is there, it runs in this process with -OutDir <bundle>/probes and
    # -ProxyJson <bundle>/probes/proxy-input.json (the proxy the sync service would use). Probing as the
    # service account (--as-service) is driven by the TypeScript side (src/collect/as-service.ts).
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    if ($Context.NoProbe) { return @{ status = 'skipped'; error = 'not requested (-NoProbe)'; notes = @() } }
    if ($Context.Simulated) { return @{ status = 'skipped'; error = 'simulated server: no live network probes'; notes = @() } }
    if (-not (Test-AdsFullLanguage)) {
        # The probe script needs .NET network classes (TcpClient, HttpWebRequest, Dns) that Constrained
        # Language blocks.
        return @{ status = 'skipped'; error = "Constrained Language mode: the live probes need .NET network classes the policy blocks (sign the scripts to run them)"; notes = @() }
    }
    $script = $Context.ProbeScript
    if (-not $script -or -not (Test-Path -LiteralPath $script -PathType Leaf)) {
        return @{ status = 'skipped'; error = 'live probes are not available (Invoke-AADSyncProbes.ps1 not found beside the collector)'; notes = @() }
    }
    $probeDir = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath 'probes'
    if (-not (Test-Path -LiteralPath $probeDir)) { [void](New-Item -ItemType Directory -Path $probeDir -Force) }
    # Set by the proxy-config step; absent when that step failed (strict mode: ask before reading).
    $proxy = $null
    if ($Context.ContainsKey('ProxySummary')) { $proxy = $Context.ProxySummary }
    if (-not $proxy) { $proxy = Get-AdsServiceProxySummary -Context $Context }
    $probeInput = [ordered]@{ schema = "$script:SchemaPrefix/probe-input@1"; timeoutMs = 10000 }
    if ($proxy.address) { $probeInput.proxy = $proxy }
    Write-AdsBundleJson -Context $Context -RelativePath 'probes/proxy-input.json' -Object $probeInput
    # In this process (one PowerShell per run): a script called with & keeps its strict mode and
    # $ErrorActionPreference in its own scope, and its `exit N` ends only the script, setting
    # $LASTEXITCODE. Its parameters are data (paths), never code.
    Write-Verbose "Running $script as admin (proxy: $($proxy.address))"
    $global:LASTEXITCODE = 0
    try {
        $out = & $script -OutDir $probeDir -As admin -ProxyJson (Join-Path $probeDir 'proxy-input.json') 2>&1
    } catch {
        return @{ status = 'failed'; error = "probe script failed: $($_.Exception.Message)"; notes = @() }
    }
    $code = $LASTEXITCODE
    # The probe script writes its own file (it runs alone too, as the service account): its text passes
    # the secret rules here, before the step ends (an error text may quote a proxy URL with a password).
    foreach ($written in @(Get-ChildItem -LiteralPath $probeDir -Filter 'probes-*.json' -File)) {
        try { [void](Invoke-AdsRedactBundleFile -Context $Context -RelativePath ('probes/' + $written.Name)) }
        catch { return @{ status = 'failed'; error = (Get-AdsErrorText $_); notes = @() } }
    }
    if ($code -ne 0) {
        $first = @($out | ForEach-Object { [string]$_ } | Where-Object { $_.Trim() }) | Select-Object -First 1
        return @{ status = 'failed'; error = "probe script exited with code ${code}: $first"; notes = @() }
    }
    return @{ status = 'ok'; error = $null; notes = @() }
}
