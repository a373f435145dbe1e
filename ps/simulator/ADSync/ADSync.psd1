# Simulated ADSync module (aadsync-diagnose --simulate). NOT the Microsoft module: it answers from a
# scenario folder with the property names the real cmdlets return (docs/windows-facts.md section 1).
@{
    RootModule        = 'ADSync.psm1'
    ModuleVersion     = '1.4.0.0'
    GUID              = '6b1e2c7e-9d1c-4b7c-8f0e-2a0a5c1d9e11'
    Author            = 'aadsync-diagnose simulator'
    Description       = 'Simulated ADSync cmdlets for aadsync-diagnose scenarios'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Get-ADSyncScheduler', 'Start-ADSyncSyncCycle', 'Get-ADSyncConnectorRunStatus', 'Get-ADSyncRunProfileResult', 'Get-ADSyncConnector')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
