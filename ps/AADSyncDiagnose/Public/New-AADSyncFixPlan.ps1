function New-AADSyncFixPlan {
    <#
    .SYNOPSIS
        Builds a fix plan (what Invoke-AADSyncFix should change) from parameters, on a server without Node.

    .DESCRIPTION
        aadsync-diagnose fix decides the plan from a diagnosis. Where only PowerShell is available, read
        the diagnosis (aadsync-diagnose analyze on any machine, or the report of a bundle) and give the
        same facts here: the proxy address the sync service must use, whether it must send Windows
        credentials (a proxy that answered 407), extra bypass entries, and whether TLS 1.2 must be set
        for .NET. Changes nothing and reads nothing: it only checks the values and returns the plan
        (schema aadsync-diagnose/fix-plan@1), which Invoke-AADSyncFix takes from the pipeline or as a
        JSON file (ConvertTo-Json -Depth 5).

    .PARAMETER ProxyAddress
        The proxy, as host:port or http://host:port (a proxy is reached with http:// also for HTTPS
        traffic). No user name or password: the sync service authenticates with its Windows identity.

    .PARAMETER UseDefaultCredentials
        Send the service account's Windows credentials to the proxy (useDefaultCredentials="true"), for a
        proxy that answers 407 and accepts the account (NT SERVICE\ADSync reaches it as DOMAIN\SERVER$).

    .PARAMETER BypassList
        Regular expressions for <bypasslist> (.NET matches them against the URL; e.g. '\.contoso\.com$').
        Never a Microsoft endpoint: those must go through the proxy.

    .PARAMETER Framework
        Which machine.config files: Framework64 and Framework (both by default; 32-bit tools read the second).

    .PARAMETER Tls12
        Set SchUseStrongCrypto and SystemDefaultTlsVersions for .NET (64- and 32-bit).

    .PARAMETER Reason
        The finding codes the plan answers (recorded in the journal).

    .EXAMPLE
        New-AADSyncFixPlan -ProxyAddress proxy.contoso.com:8080 | Invoke-AADSyncFix -WhatIf

        Previews the machine.config change of both frameworks.

    .EXAMPLE
        New-AADSyncFixPlan -ProxyAddress http://proxy.contoso.com:8080 -UseDefaultCredentials -Tls12 | ConvertTo-Json -Depth 5 | Set-Content plan.json

        Writes a plan file for Invoke-AADSyncFix -PlanPath.

    .OUTPUTS
        PSCustomObject (schema aadsync-diagnose/fix-plan@1).
    #>
    [CmdletBinding()]
    param(
        [string]$ProxyAddress,
        [switch]$UseDefaultCredentials,
        [string[]]$BypassList = @(),
        [ValidateSet('Framework64', 'Framework')][string[]]$Framework = @('Framework64', 'Framework'),
        [switch]$Tls12,
        [string[]]$Reason = @()
    )
    $plan = [ordered]@{ schema = $script:AdsFixPlanSchema; source = 'New-AADSyncFixPlan'; reasons = @($Reason); machineConfig = $null; tls12 = $null }
    if ($ProxyAddress) {
        $address = $ProxyAddress.Trim()
        if ($address -notmatch '^[A-Za-z][A-Za-z0-9+.-]*://') { $address = 'http://' + $address }
        $plan.machineConfig = [ordered]@{ proxyAddress = $address.TrimEnd('/'); useDefaultCredentials = [bool]$UseDefaultCredentials; bypassOnLocal = $true
                                          bypassList = @($BypassList); frameworks = @($Framework) }
    } elseif ($UseDefaultCredentials -or $BypassList.Count -gt 0) {
        Write-Error -Message '-UseDefaultCredentials and -BypassList belong to the proxy section: give -ProxyAddress too' -Category InvalidArgument -ErrorId 'AadsyncBadPlan'
        return
    }
    if ($Tls12) { $plan.tls12 = [ordered]@{ views = @('64', '32') } }
    $object = New-Object PSObject -Property $plan
    try { [void](ConvertTo-AdsFixPlan -Plan $object) }
    catch { Write-Error -Message (Get-AdsErrorText $_) -Category InvalidArgument -ErrorId 'AadsyncBadPlan'; return }
    return $object
}
