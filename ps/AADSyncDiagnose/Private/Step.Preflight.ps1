# Step.Preflight.ps1 - step "preflight": elevation, the ADSync service, its account and start time,
# the ADSync module (imported once), the product version, the connectors.

function Invoke-AdsPreflight {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $ad = $Context.AdSync
    $notes = @()
    try { $ad.elevated = [bool](Test-AdsElevated) } catch { $ad.elevated = $null; $notes += @('elevation unknown: ' + (Get-AdsErrorText $_)) }
    if ($ad.elevated -eq $false) { $notes += @('not elevated: ADSync cmdlets and other users'' hives may be refused') }
    $Context.Host = Get-AdsComputerName
    $Context.CurrentIdentity = Get-AdsCurrentIdentity

    # Service: account (StartName) and start time (its process).
    try {
        $svc = Get-AdsServiceInfo -Name 'ADSync'
        if ($svc) {
            $ad.service.found = $true
            $ad.service.status = $svc.State
            $ad.service.account = $svc.StartName
            try { $ad.service.startTime = Format-AdsDate (Get-AdsProcessStartTime -ProcessId $svc.ProcessId) }
            catch { $ad.service.error = 'start time unknown: ' + (Get-AdsErrorText $_) }
            Write-Verbose "Service ADSync: $($svc.State), account $($svc.StartName)"
            if ($svc.PathName -match '^"?(?<exe>[^"]*miiserver\.exe)') { $Context.MiiServerExe = $Matches['exe'] }
        }
    } catch { $ad.service.error = Get-AdsErrorText $_ }

    # Module: found where, imported once.
    $found = Find-AdsADSyncModule
    if ($found) {
        $ad.module.found = $true
        $ad.module.path = $found.Path
        Write-Verbose "ADSync module: $($found.Path)"
        $Context.InstallBin = $found.InstallBin
        if (-not $Context.MiiServerExe) { $Context.MiiServerExe = Join-AdsWinPath $found.InstallBin 'miiserver.exe' }
        try {
            Import-AdsADSyncModule -Path $found.Path
            $Context.ModuleImported = $true
        } catch {
            $ad.module.error = 'import failed: ' + (Get-AdsErrorText $_)
        }
    } else {
        $ad.module.error = 'ADSync.psd1 not found in the install directory (HKLM\SYSTEM\CurrentControlSet\Services\ADSync\Parameters Path) or under Program Files'
    }

    try { if ($Context.MiiServerExe) { $ad.product.version = Get-AdsFileProductVersion -Path $Context.MiiServerExe } }
    catch { $notes += @('product version unknown: ' + (Get-AdsErrorText $_)) }

    if ($Context.ModuleImported) {
        try {
            $list = @()
            foreach ($c in @(Get-ADSyncConnector -ErrorAction Stop)) {
                # Type / ConnectorTypeName: 'AD', 'Extensible2' (the Entra connector); SubType: 'Windows Azure
                # Active Directory (Microsoft)' for the Entra connector (Microsoft's password hash sync
                # troubleshooting script filters on SubType and ConnectorTypeName).
                $type = Get-AdsProp $c 'Type'
                if (-not $type) { $type = Get-AdsProp $c 'ConnectorTypeName' }
                $sub = Get-AdsProp $c 'SubType'
                if (-not $sub) { $sub = $null } else { $sub = [string]$sub }
                $list += @([ordered]@{ name = [string](Get-AdsProp $c 'Name'); type = [string]$type; subType = $sub
                                            identifier = [string](Get-AdsProp $c 'Identifier') })
            }
            $ad.connectors = @($list)
        } catch { $notes += @('Get-ADSyncConnector: ' + (Get-AdsErrorText $_)) }
    }
    Save-AdsAdSyncJson -Context $Context
    return @{ status = 'ok'; error = $null; notes = @($notes) }
}
