# WinPath.ps1 - Windows paths as strings (the simulator answers with Windows paths on Linux).

function Join-AdsWinPath {
    # Joins Windows paths as strings: Join-Path would insist that the drive exists, which breaks the
    # simulator on Linux and needlessly touches the file system on Windows.
    param([Parameter(Mandatory = $true)][string]$Parent, [Parameter(Mandatory = $true)][string]$Child)
    return $Parent.TrimEnd('\') + '\' + $Child.TrimStart('\')
}

function Split-AdsWinPath {
    # Parent folder (or -Leaf: the name) of a Windows path, as strings.
    param([Parameter(Mandatory = $true)][string]$Path, [switch]$Leaf)
    $p = $Path.TrimEnd('\')
    $i = $p.LastIndexOf('\')
    if ($Leaf) { return $p.Substring($i + 1) }
    if ($i -lt 0) { return '' }
    return $p.Substring(0, $i)
}

function Expand-AdsHiveName {
    param([string]$Key)
    $k = $Key -replace '^HKLM\\', 'HKEY_LOCAL_MACHINE\' -replace '^HKCU\\', 'HKEY_CURRENT_USER\' -replace '^HKU\\', 'HKEY_USERS\'
    return $k
}
