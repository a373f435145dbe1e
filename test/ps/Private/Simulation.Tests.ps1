# Pester tests of ps/AADSyncDiagnose/Private/Simulation.ps1: loading the simulator (test and demo only).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
}

Describe 'Get-AdsSimulatorPath' {
    It 'is ps/simulator/AADSyncSimulator.psm1 beside the module folder' {
        Get-AdsSimulatorPath | Should -Be (Join-Path $script:Root 'ps' 'simulator' 'AADSyncSimulator.psm1')
        Test-Path -LiteralPath (Get-AdsSimulatorPath) | Should -BeTrue
    }
}

Describe 'Enable-AdsSimulatorForSession' {
    It 'refuses a scenario folder that does not exist' {
        { Enable-AdsSimulatorForSession -ScenarioPath (Join-Path $TestDrive 'nope') } | Should -Throw '*not found*'
    }
    It 'makes the seam answer from the scenario' {
        $job = Start-Job -ScriptBlock {
            param($manifest, $scenario)
            Import-Module $manifest -Force
            & (Get-Module AADSyncDiagnose) { param($s) Enable-AdsSimulatorForSession -ScenarioPath $s; Get-AdsComputerName; (Get-AdsServiceInfo -Name ADSync).StartName } $scenario
        } -ArgumentList $script:ModuleManifest, (Join-Path $script:Root 'scenarios' 'proxy-bypass')
        $out = @(Receive-Job $job -Wait -AutoRemoveJob)
        $out | Should -Be @('AADC01', 'NT SERVICE\ADSync')
    }
}
