# Simulation.ps1 - test and demo only (-SimulationPath): loads ps/simulator, which answers every read
# of the machine from a scenario folder through the seam (Seam.ps1). Never used on a real server.

function Get-AdsSimulatorPath {
    return (Join-Path (Join-Path (Split-Path -Parent $script:ModuleRoot) 'simulator') 'AADSyncSimulator.psm1')
}

function Enable-AdsSimulatorForSession {
    param([Parameter(Mandatory = $true)][string]$ScenarioPath)
    if (-not (Test-Path -LiteralPath $ScenarioPath -PathType Container)) { throw "scenario folder '$ScenarioPath' not found" }
    if (-not (Get-Module -Name AADSyncSimulator)) { Import-Module -Name (Get-AdsSimulatorPath) -DisableNameChecking -Global }
    # The simulator returns its stand-ins; this module installs them through its own seam.
    $seam = Enable-AdsSimulation -ScenarioPath ((Resolve-Path -LiteralPath $ScenarioPath).ProviderPath)
    Set-AdsSeam -Implementation $seam
}
