# The module as PowerShell users know modules: manifest, explicit exports, Get-Help of every public
# function and entry script, the simulator's seam named in one place, and a Describe for every function.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:ModDir = Join-Path $script:Root 'ps' 'AADSyncDiagnose'
    $script:PublicNames = @(Get-ChildItem -LiteralPath (Join-Path $ModDir 'Public') -Filter '*.ps1' | ForEach-Object { $_.BaseName } | Sort-Object)
    function Get-FunctionNames([string]$Path) {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$null)
        @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.FunctionDefinitionAst] -and
                         -not ($n.Parent.Parent.Parent -is [System.Management.Automation.Language.FunctionDefinitionAst]) }, $true) | ForEach-Object { $_.Name })
    }
}

Describe 'AADSyncDiagnose.psd1' {
    It 'is a valid manifest for Windows PowerShell 5.1 with an explicit export list equal to Public/' {
        $m = Test-ModuleManifest -Path $script:ModuleManifest
        $m.PowerShellVersion | Should -Be ([version]'5.1')
        $data = Import-PowerShellDataFile -Path $script:ModuleManifest
        @($data.FunctionsToExport | Sort-Object) | Should -Be $script:PublicNames
        foreach ($key in 'FunctionsToExport', 'CmdletsToExport', 'VariablesToExport', 'AliasesToExport') {
            @($data[$key] | Where-Object { $_ -like '*[*?]*' }).Count | Should -Be 0 -Because "$key must not use wildcards"
        }
        $data.CmdletsToExport.Count | Should -Be 0
        $data.VariablesToExport.Count | Should -Be 0
    }
    It 'exports only the public functions, through the manifest and through the .psm1 alone' {
        @((Get-Module AADSyncDiagnose).ExportedFunctions.Keys | Sort-Object) | Should -Be $script:PublicNames
        $direct = Import-Module (Join-Path $ModDir 'AADSyncDiagnose.psm1') -PassThru -Force -Prefix Direct
        try { @($direct.ExportedFunctions.Keys | Sort-Object) | Should -Be @($script:PublicNames | ForEach-Object { $_ -replace '^(\w+)-', '$1-Direct' } | Sort-Object) }
        finally { Remove-Module $direct; Import-Module $script:ModuleManifest -Force }
    }
}

Describe 'Get-Help' {
    It 'shows synopsis, description, every parameter and an example for <_>' -ForEach @('Invoke-AADSyncDiagnose', 'Test-AADSyncDiagnose', 'Invoke-AADSyncFix', 'Undo-AADSyncFix', 'Restart-AADSyncService', 'New-AADSyncFixPlan') {
        $h = Get-Help $_ -Full
        $h.Synopsis | Should -Not -BeNullOrEmpty
        $h.Synopsis | Should -Not -Match '^\s*\S+ \[' -Because 'a synopsis that is the syntax line means the help block was not found'
        ($h.Description | Out-String) | Should -Match '\w{4}'
        $cmd = Get-Command $_
        foreach ($p in $cmd.Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }) {
            $ph = $h.parameters.parameter | Where-Object { $_.name -eq $p }
            ($ph.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "parameter -$p needs a description"
        }
        @($h.examples.example).Count | Should -BeGreaterThan 0
    }
    It 'shows the help of the entry script <_> (help block first, #Requires after it)' -ForEach @('Invoke-AADSyncDiagnose.ps1', 'Test-AADSyncDiagnose.ps1', 'Invoke-AADSyncProbes.ps1', 'Invoke-AADSyncProbesAsService.ps1') {
        $path = Join-Path $script:Root 'ps' $_
        $h = Get-Help $path -Full
        $h.Synopsis | Should -Not -Match ([regex]::Escape($_) + ' \[') -Because 'only the syntax line means Get-Help found no help block'
        $h.Synopsis.Trim().Length | Should -BeGreaterThan 20
        $cmd = Get-Command $path
        foreach ($p in $cmd.Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }) {
            $ph = $h.parameters.parameter | Where-Object { $_.name -eq $p }
            ($ph.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "$_ parameter -$p needs a description"
        }
    }
}

Describe 'Set-AdsSeam' {
    It 'names every function of Seam.ps1 in $AdsSeam, and nothing else' {
        $defined = @(Get-FunctionNames (Join-Path $ModDir 'Private' 'Seam.ps1') | Where-Object { $_ -ne 'Set-AdsSeam' } | Sort-Object)
        $listed = @(& $script:AdsModule { $script:AdsSeam } | Sort-Object)
        $listed | Should -Be $defined
    }
    It 'refuses to replace a function that is not in the seam' {
        { Set-AdsSeam -Implementation @{ 'Write-AdsBundleJson' = { } } } | Should -Throw '*not a seam function: Write-AdsBundleJson*'
    }
    It 'is replaced entirely by the simulator (every seam function answers from the scenario)' {
        $job = Start-Job -ScriptBlock {
            param($manifest, $simulator, $scenario)
            Import-Module $manifest -Force
            Import-Module $simulator -Force
            & (Get-Module AADSyncDiagnose) { param($p) Enable-AdsSimulatorForSession -ScenarioPath $p } $scenario
            $m = Get-Module AADSyncDiagnose
            & $m { foreach ($n in $script:AdsSeam) { '{0}={1}' -f $n, (Split-Path -Leaf ((Get-Item "function:$n").ScriptBlock.File)) } }
        } -ArgumentList $script:ModuleManifest, (Join-Path $script:Root 'ps' 'simulator' 'AADSyncSimulator.psm1'), (Join-Path $script:Root 'scenarios' 'healthy')
        $lines = @(Receive-Job $job -Wait -AutoRemoveJob)
        $lines.Count | Should -Be (& $script:AdsModule { $script:AdsSeam.Count })
        $lines | ForEach-Object { $_ | Should -Match '=AADSyncSimulator\.psm1$' }
    }
}

Describe 'Pester tests per function' {
    It 'has a Describe named after every function of ps/AADSyncDiagnose' {
        $functions = @(Get-ChildItem -LiteralPath $ModDir -Recurse -Filter '*.ps1' | ForEach-Object { Get-FunctionNames $_.FullName } | Sort-Object -Unique)
        $describes = @{}
        foreach ($f in Get-ChildItem -LiteralPath (Join-Path $script:Root 'test' 'ps') -Recurse -Filter '*.Tests.ps1') {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($f.FullName, [ref]$null, [ref]$null)
            foreach ($c in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Describe' }, $true)) {
                $describes[[string]$c.CommandElements[1].SafeGetValue()] = $true
            }
        }
        @($functions | Where-Object { -not $describes.ContainsKey($_) }) | Should -Be @()
    }
}
