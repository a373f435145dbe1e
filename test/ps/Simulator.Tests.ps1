# The simulator's stand-ins must fail the way the real cmdlets fail: each Get-WinEvent fault of a
# scenario ("winEventFaults") as the real cmdlet reports it, and the collector keeps what is readable.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    function Invoke-InSimulation([string]$Scenario, [object[]]$Faults, [scriptblock]$Body) {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('ads-sim-' + [guid]::NewGuid().ToString('n'))
        Copy-Item -LiteralPath (Join-Path $script:Root 'scenarios' $Scenario) -Destination $dir -Recurse
        $json = Get-Content -Raw (Join-Path $dir 'scenario.json') | ConvertFrom-Json
        $json | Add-Member -NotePropertyName winEventFaults -NotePropertyValue $Faults -Force
        $json | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath (Join-Path $dir 'scenario.json')
        $job = Start-Job -ScriptBlock {
            param($manifest, $simulator, $scenario, $body)
            Import-Module $manifest -Force
            Import-Module $simulator -Force
            & (Get-Module AADSyncDiagnose) { param($p) Enable-AdsSimulatorForSession -ScenarioPath $p } $scenario
            & ([scriptblock]::Create($body))
        } -ArgumentList $script:ModuleManifest, (Join-Path $script:Root 'ps' 'simulator' 'AADSyncSimulator.psm1'), $dir, $Body.ToString()
        Receive-Job $job -Wait -AutoRemoveJob
    }
}

Describe 'SimGet-WinEvent faults' {
    It 'writes each fault as the real cmdlet does: FQID, category, events kept or lost' {
        $faults = @(
            @{ provider = 'ADSync'; fault = 'unreadable-record'; count = 1 },
            @{ provider = 'Directory Synchronization'; fault = 'message-unavailable'; count = 1 },
            @{ provider = 'AzureADConnectHealth*'; fault = 'logs-dont-overlap' },
            @{ provider = 'PasswordResetService'; fault = 'provider-metadata' }
        )
        $out = Invoke-InSimulation 'proxy-bypass' $faults {
            foreach ($p in 'ADSync', 'Directory Synchronization', 'AzureADConnectHealth*', 'PasswordResetService') {
                $errs = $null
                $ev = @(Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = $p } -ErrorAction SilentlyContinue -ErrorVariable errs)
                $fails = @($ev | Where-Object { try { [void]$_.FormatDescription(); $false } catch { $true } }).Count
                # A function's error ids get ",Get-WinEvent" appended after the real cmdlet's id: cut it off.
                '{0}|{1}|{2}|{3}' -f $p, $ev.Count, $fails, ((@($errs) | ForEach-Object { "$($_.FullyQualifiedErrorId -replace ',Get-WinEvent$', '')/$($_.CategoryInfo.Category)" }) -join ';')
            }
        }
        $out[0] | Should -Be 'ADSync|1|0|The data is invalid,Microsoft.PowerShell.Commands.GetWinEventCommand/NotSpecified'
        $out[1] | Should -Be 'Directory Synchronization|2|1|The specified resource type cannot be found in the image file,Microsoft.PowerShell.Commands.GetWinEventCommand/NotSpecified'
        $out[2] | Should -Be 'AzureADConnectHealth*|0|0|LogsAndProvidersDontOverlap,Microsoft.PowerShell.Commands.GetWinEventCommand/InvalidArgument'
        $out[3] | Should -Be 'PasswordResetService|0|0|ProviderMetadataUnavailable,Microsoft.PowerShell.Commands.GetWinEventCommand/NotSpecified;LogsAndProvidersDontOverlap,Microsoft.PowerShell.Commands.GetWinEventCommand/InvalidArgument'
    }
    It 'the events step keeps every readable event under these faults and counts the rest' {
        $faults = @(@{ provider = 'Directory Synchronization'; fault = 'unreadable-record'; count = 1 }, @{ provider = 'Directory Synchronization'; fault = 'message-unavailable'; count = 1 })
        $out = Invoke-InSimulation 'proxy-bypass' $faults {
            $d = Join-Path ([IO.Path]::GetTempPath()) ('ads-ev-' + [guid]::NewGuid().ToString('n'))
            [void](New-Item -ItemType Directory -Path $d)
            $r = & (Get-Module AADSyncDiagnose) { param($o) Invoke-AdsEvents -Context @{ OutDir = $o; SinceHours = 24 } } $d
            $r.status
            $r.notes
        }
        $out[0] | Should -Be 'ok'
        $out | Should -Contain 'Directory Synchronization: 1 record(s) could not be read (The data is invalid); the 1 readable events are kept'
        $out | Should -Contain 'Directory Synchronization: 1 message(s) could not be rendered (The specified resource type cannot be found in the image file); those events are kept without RenderingInfo'
        $out | Should -Contain 'Directory Synchronization: 1'
    }
}

Describe 'Start-ADSyncSyncCycle stand-in' {
    It 'answers with the real wordings: the scheduler''s cycle, a busy connector, access denied' {
        $out = Invoke-InSimulation 'healthy' @() {
            & (Get-Module AADSyncDiagnose) { Import-AdsADSyncModule -Path 'C:\Program Files\Microsoft Azure AD Sync\Bin\ADSync\ADSync.psd1' }
            (Get-AdsSimState).Scenario.adsync.scheduler | Add-Member -NotePropertyName SyncCycleInProgress -NotePropertyValue $true -Force
            $e = $null; [void](Start-ADSyncSyncCycle -PolicyType Delta -ErrorAction SilentlyContinue -ErrorVariable e); "$($e[0].Exception.GetType().Name)|$($e[0].Exception.Message)"
            $s = Get-AdsSimState
            $s.Scenario.adsync | Add-Member -NotePropertyName busyConnector -NotePropertyValue 'contoso.onmicrosoft.com - AAD' -Force
            $e = $null; [void](Start-ADSyncSyncCycle -PolicyType Delta -ErrorAction SilentlyContinue -ErrorVariable e); ($e[0].Exception.Message -split "`r`n")[0]
            $s.Scenario.adsync | Add-Member -NotePropertyName accessDenied -NotePropertyValue $true -Force
            try { [void](Start-ADSyncSyncCycle -PolicyType Delta) } catch { "$($_.Exception.GetType().Name)|$($_.Exception.Message)" }
            (Get-ADSyncConnector | Where-Object { $_.Name -like '* - AAD' } | ForEach-Object { "$($_.Type)|$($_.SubType)|$($_.Identifier)" })
        }
        $out[0] | Should -Be 'InvalidOperationException|System.InvalidOperationException: Sync is already running. Cannot start a new run till this one completes.'
        $out[1] | Should -Be 'System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.'
        $out[2] | Should -Be 'UnauthorizedAccessException|Retrieving the COM class factory for remote component with CLSID {835BEE60-8731-4159-8BFF-941301D76D05} from machine failed due to the following error: 80070005'
        $out[3] | Should -Be 'Extensible2|Windows Azure Active Directory (Microsoft)|b891884f-051e-4a83-95af-2544101c9083'
    }
}
