# Shared setup of the fix tests, dot-sourced after TestSetup.ps1:
#   . (Join-Path $PSScriptRoot '..' 'FixTestSetup.ps1')
#
# A simulated server is a copy of a scenario with the marker the fix simulator insists on before any
# write (ps/simulator/AADSyncFixSimulator.psm1). The machine.config texts below are the variants admins
# leave behind; they are built from the scenarios' own machine.config (Microsoft's layout, CRLF, UTF-8
# without BOM), so every variant differs from a real file only where it says.

# Usable in BeforeDiscovery too (the -ForEach data of the variants), before TestSetup.ps1 ran.
if (-not (Get-Variable -Name Root -Scope Script -ErrorAction SilentlyContinue)) { $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).ProviderPath }
$global:FixRoot = $script:Root

$global:Mc64 = 'C:\Windows\Microsoft.NET\Framework64\v4.0.30319\Config\machine.config'
$global:Mc32 = 'C:\Windows\Microsoft.NET\Framework\v4.0.30319\Config\machine.config'
$global:NetFx64 = 'HKLM\SOFTWARE\Microsoft\.NETFramework\v4.0.30319'
$global:NetFx32 = 'HKLM\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319'

function global:New-FixServer {
    # A marked copy of scenarios/<Scenario>. -Files: Windows path -> byte[] or string (UTF-8, no BOM).
    # -Set: top-level scenario.json properties (elevated, fixFaults, registry ...).
    param([string]$Scenario = 'proxy-bypass', [hashtable]$Files = @{}, [hashtable]$Set = @{})
    $d = Join-Path ([IO.Path]::GetTempPath()) ('ads-fix-' + [guid]::NewGuid().ToString('n'))
    Copy-Item -LiteralPath (Join-Path $global:FixRoot 'scenarios' $Scenario) -Destination $d -Recurse
    [IO.File]::WriteAllText((Join-Path $d '.aadsync-simulated-server'), '')
    foreach ($k in $Files.Keys) {
        $v = $Files[$k]
        if ($v -is [string]) { $v = (New-Object System.Text.UTF8Encoding $false).GetBytes($v) }
        [IO.File]::WriteAllBytes((Get-FixServerPath -Server $d -WindowsPath $k), [byte[]]$v)
    }
    if ($Set.Count -gt 0) {
        $json = Get-Content -Raw -LiteralPath (Join-Path $d 'scenario.json') | ConvertFrom-Json
        foreach ($k in $Set.Keys) {
            if ($json.PSObject.Properties[$k]) { $json.$k = $Set[$k] } else { $json | Add-Member -NotePropertyName $k -NotePropertyValue $Set[$k] }
        }
        [IO.File]::WriteAllText((Join-Path $d 'scenario.json'), ($json | ConvertTo-Json -Depth 32))
    }
    return $d
}

function global:Get-FixServerPath {
    param([string]$Server, [string]$WindowsPath)
    $rest = $WindowsPath.Substring(3) -replace '\\', [IO.Path]::DirectorySeparatorChar
    return (Join-Path (Join-Path (Join-Path $Server 'fs') $WindowsPath.Substring(0, 1)) $rest)
}

function global:Get-FixServerBytes {
    param([string]$Server, [string]$WindowsPath)
    return , [IO.File]::ReadAllBytes((Get-FixServerPath -Server $Server -WindowsPath $WindowsPath))
}

function global:Get-FixSha([byte[]]$Bytes) {
    $sha = [Security.Cryptography.SHA256]::Create()
    try { return (($sha.ComputeHash($Bytes) | ForEach-Object { $_.ToString('x2') }) -join '') } finally { $sha.Dispose() }
}

function global:Get-FixTreeHash {
    # Every file under a folder with its SHA-256: equal strings = nothing was written.
    param([string]$Dir)
    $root = (Resolve-Path -LiteralPath $Dir).ProviderPath
    return ((Get-ChildItem -LiteralPath $root -Recurse -File -Force | Sort-Object FullName | ForEach-Object {
                $_.FullName.Substring($root.Length) + '=' + (Get-FixSha ([IO.File]::ReadAllBytes($_.FullName)))
            }) -join "`n")
}

function global:Get-FixRegistry {
    # The scenario.json registry key of a simulated server, or $null.
    param([string]$Server, [string]$Key)
    $json = Get-Content -Raw -LiteralPath (Join-Path $Server 'scenario.json') | ConvertFrom-Json
    if (-not $json.PSObject.Properties['registry']) { return $null }
    foreach ($p in $json.registry.PSObject.Properties) { if ($p.Name -ieq $Key) { return $p.Value } }
    return $null
}

function global:New-FixPlan {
    # A plan object as the driver writes it (JSON shape).
    param([string]$Proxy = 'http://proxy.contoso.com:8080', [switch]$Credentials, [string[]]$Bypass = @(), [switch]$Tls, [switch]$NoProxy)
    $p = [ordered]@{ schema = 'aadsync-diagnose/fix-plan@1'; source = 'test'; reasons = @('service-proxy-missing'); machineConfig = $null; tls12 = $null }
    if (-not $NoProxy) { $p.machineConfig = [ordered]@{ proxyAddress = $Proxy; useDefaultCredentials = [bool]$Credentials; bypassOnLocal = $true; bypassList = $Bypass; frameworks = @('Framework64', 'Framework') } }
    if ($Tls) { $p.tls12 = [ordered]@{ views = @('64', '32') } }
    return ((ConvertTo-Json -InputObject $p -Depth 5) | ConvertFrom-Json)
}

# The machine.config variants. $global:McBase is Microsoft's layout without <system.net> (CRLF).
$global:McBase = [IO.File]::ReadAllText((Join-Path $global:FixRoot 'scenarios' 'proxy-bypass' 'fs' 'C' 'Windows' 'Microsoft.NET' 'Framework64' 'v4.0.30319' 'Config' 'machine.config'))
function global:New-McVariant {
    # The base text with $Insert put just before <system.web> (as its own lines).
    param([string]$Insert)
    return $global:McBase.Replace("  <system.web>`r`n", $Insert + "  <system.web>`r`n")
}
$global:McVariants = [ordered]@{
    'no system.net'                   = $global:McBase
    'system.net without defaultProxy' = (New-McVariant "  <system.net>`r`n    <settings>`r`n      <ipv6 enabled=""true"" />`r`n    </settings>`r`n  </system.net>`r`n")
    'defaultProxy with another proxy' = (New-McVariant "  <system.net>`r`n    <defaultProxy enabled=""true"">`r`n      <proxy usesystemdefault=""true"" proxyaddress=""http://oldproxy.contoso.com:3128"" bypassonlocal=""false"" />`r`n    </defaultProxy>`r`n  </system.net>`r`n")
    'commented-out section'           = (New-McVariant "  <!-- <system.net><defaultProxy><proxy proxyaddress=""http://old:80"" /></defaultProxy></system.net> -->`r`n")
    'empty system.net element'        = (New-McVariant "  <system.net />`r`n")
    'misspelt defaultproxy'           = (New-McVariant "  <system.net>`r`n    <defaultproxy>`r`n      <proxy proxyaddress=""http://proxy.contoso.com:8080"" />`r`n    </defaultproxy>`r`n  </system.net>`r`n")
}
