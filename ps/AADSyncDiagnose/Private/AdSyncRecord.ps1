# AdSyncRecord.ps1 - config/adsync.json (written by preflight, completed by later steps) and the
# ADSync module's location.

function Save-AdsAdSyncJson {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    Write-AdsBundleJson -Context $Context -RelativePath 'config/adsync.json' -Object $Context.AdSync
}

function New-AdsAdSyncRecord {
    return [ordered]@{
        schema = "$script:SchemaPrefix/adsync@1"; elevated = $null
        module = [ordered]@{ found = $false; path = $null; error = $null }
        service = [ordered]@{ found = $false; name = 'ADSync'; status = $null; account = $null; startTime = $null; error = $null }
        product = [ordered]@{ version = $null }
        scheduler = $null; connectors = @(); configFiles = @()
    }
}

function Find-AdsADSyncModule {
    # The ADSync module: the install directory from the service's Parameters key first (the path the
    # product itself uses), then the classic folder, then renamed Entra Connect folders (UNVERIFIED names).
    $candidates = @()
    $params = $null
    try { $params = Get-AdsRegistryValues -Key 'HKLM\SYSTEM\CurrentControlSet\Services\ADSync\Parameters' } catch { $params = $null }
    $installDir = Get-AdsProp $params 'Path'
    if ($installDir) { $candidates += @((Join-AdsWinPath ([string]$installDir) 'Bin\ADSync\ADSync.psd1')) }
    $pf = Get-AdsKnownFolder -Name ProgramFiles
    foreach ($folder in @('Microsoft Azure AD Sync', 'Microsoft Entra Connect Sync', 'Microsoft Entra Sync', 'Microsoft Entra Connect')) {
        $candidates += @((Join-AdsWinPath $pf "$folder\Bin\ADSync\ADSync.psd1"))
    }
    foreach ($c in $candidates) {
        if (Get-AdsFileInfo -Path $c) {
            $bin = Split-AdsWinPath (Split-AdsWinPath $c)
            return @{ Path = $c; InstallBin = $bin }
        }
    }
    return $null
}
