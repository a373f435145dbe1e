# Fix.Simulation.ps1 - test and demo only (-SimulationPath of the fix functions): a simulated server,
# which is a COPY of a scenario folder marked as one (the aadsync-diagnose driver makes it in its output
# folder). ps/simulator answers the reads the fix shares with the collector from it; and
# ps/simulator/AADSyncFixSimulator.psm1 answers the fix seam (Fix.Seam.ps1): its files, its registry
# values in scenario.json, its service. Never used on a real server.

function Enable-AdsFixSimulatorForSession {
    param([Parameter(Mandatory = $true)][string]$ServerPath)
    if (-not (Test-Path -LiteralPath $ServerPath -PathType Container)) { throw "simulated server '$ServerPath' not found" }
    $full = (Resolve-Path -LiteralPath $ServerPath).ProviderPath
    Enable-AdsSimulatorForSession -ScenarioPath $full
    $fixSimulator = Join-Path (Join-Path (Split-Path -Parent $script:ModuleRoot) 'simulator') 'AADSyncFixSimulator.psm1'
    if (-not (Get-Module -Name AADSyncFixSimulator)) { Import-Module -Name $fixSimulator -DisableNameChecking -Global -Verbose:$false }
    Enable-AdsFixSimulation -ServerPath $full
}
