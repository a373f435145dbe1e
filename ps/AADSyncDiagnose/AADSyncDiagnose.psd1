@{
    RootModule           = 'AADSyncDiagnose.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '3f0c6d0e-5b7a-4c52-9d8e-1a6f2b4c7e91'
    Author               = 'aadsync-diagnose contributors'
    Copyright            = '(c) aadsync-diagnose contributors. MIT License.'
    Description          = 'Collects the evidence aadsync-diagnose needs on an Azure AD Connect (Entra Connect Sync) server: every proxy layer, one sync cycle and its run history, the events and wizard traces, live probes. Writes a support-bundle folder; diagnose it with aadsync-diagnose analyze.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FunctionsToExport    = @('Invoke-AADSyncDiagnose', 'Invoke-AADSyncFix', 'New-AADSyncFixPlan', 'Restart-AADSyncService', 'Test-AADSyncDiagnose', 'Undo-AADSyncFix')
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AzureADConnect', 'EntraConnect', 'ADSync', 'Proxy', 'Diagnostics')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
