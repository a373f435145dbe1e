# Pester 5 tests of ps/AADSyncDiagnose.psm1 with every OS read stubbed (Mock -ModuleName AADSyncDiagnose).
# Get-WinEvent and the ADSync cmdlets do not exist on Linux pwsh: stub functions with the real parameter
# names are defined first so that Pester can mock them (stack.md 4.2 / 6.3).

BeforeAll {
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '..' '..')
    Import-Module (Join-Path $script:Root 'ps' 'AADSyncDiagnose.psm1') -Force -DisableNameChecking
    function global:Get-WinEvent { [CmdletBinding()] param([hashtable]$FilterHashtable, [long]$MaxEvents, [string[]]$LogName) }
    function global:Get-ADSyncScheduler { [CmdletBinding()] param() }
    function global:Get-ADSyncConnectorRunStatus { [CmdletBinding()] param() }
    function global:Start-ADSyncSyncCycle { [CmdletBinding()] param([string]$PolicyType, [bool]$InteractiveMode) }
    function global:Get-ADSyncRunProfileResult { [CmdletBinding()] param([Guid]$RunHistoryId, [int]$NumberRequested, [switch]$RunStepDetails) }
    function global:Get-ADSyncConnector { [CmdletBinding()] param() }

    function New-TestContext([string]$Sync = 'Delta') {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('ads-pester-' + [guid]::NewGuid().ToString('n'))
        [void](New-Item -ItemType Directory -Path $dir)
        return @{ OutDir = $dir; Sync = $Sync; SinceHours = 24; StepTimeoutSeconds = 60; SyncWaitSeconds = 20; NoProbe = $false
                  ModuleImported = $true; AdSync = (New-AdsAdSyncRecord); InstallBin = $null; Simulated = $false
                  CurrentIdentity = @{ Name = 'CONTOSO\admin'; Sid = 'S-1-5-21-1-2-3-1104' } }
    }
    function New-Scheduler([hashtable]$Over = @{}) {
        $h = [ordered]@{ AllowedSyncCycleInterval = [TimeSpan]::FromMinutes(30); CurrentlyEffectiveSyncCycleInterval = [TimeSpan]::FromMinutes(30)
                         CustomizedSyncCycleInterval = $null; NextSyncCyclePolicyType = 'Delta'; NextSyncCycleStartTimeInUTC = [datetime]'2026-11-25T10:30:00'
                         PurgeRunHistoryInterval = [TimeSpan]::FromDays(7); SyncCycleEnabled = $true; MaintenanceEnabled = $true
                         StagingModeEnabled = $false; SchedulerSuspended = $false; SyncCycleInProgress = $false }
        foreach ($k in $Over.Keys) { $h[$k] = $Over[$k] }
        return [pscustomobject]$h
    }
    function Read-Json([hashtable]$Ctx, [string]$Rel) { Get-Content -Raw -LiteralPath (Join-Path $Ctx.OutDir $Rel) | ConvertFrom-Json }
    function New-NoEventsError {
        $ex = New-Object System.Exception 'No events were found that match the specified selection criteria.'
        New-Object System.Management.Automation.ErrorRecord $ex, 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand', 'ObjectNotFound', $null
    }
}

Describe 'JSON and paths' {
    It 'formats dates as ISO 8601 UTC strings' {
        $d = [datetime]::SpecifyKind([datetime]'2026-11-25T10:00:00', 'Utc')
        Format-AdsDate $d | Should -Be '2026-11-25T10:00:00.0000000Z'
        ConvertTo-AdsJson ([ordered]@{ t = (Format-AdsDate $d); n = $null; a = @(1) }) | Should -Be '{"t":"2026-11-25T10:00:00.0000000Z","n":null,"a":[1]}'
    }
    It 'refuses bundle paths that leave the bundle' {
        { Resolve-AdsBundlePath -OutDir '/tmp/x' -RelativePath '../evil.json' } | Should -Throw '*outside the bundle*'
        { Resolve-AdsBundlePath -OutDir '/tmp/x' -RelativePath 'config/../../evil.json' } | Should -Throw
        { Resolve-AdsBundlePath -OutDir '/tmp/x' -RelativePath 'C:\Windows\evil.json' } | Should -Throw
        Resolve-AdsBundlePath -OutDir '/tmp/x' -RelativePath 'config/adsync.json' | Should -Be (Join-Path (Join-Path '/tmp/x' 'config') 'adsync.json')
    }
    It 'writes UTF-8 without BOM' {
        $ctx = New-TestContext
        Write-AdsBundleJson -Context $ctx -RelativePath 'config/x.json' -Object ([ordered]@{ user = "CONTOSO\j$([char]0xF6)rg" })
        $bytes = [IO.File]::ReadAllBytes((Join-Path $ctx.OutDir 'config/x.json'))
        $bytes[0] | Should -Not -Be 0xEF
        [Text.Encoding]::UTF8.GetString($bytes) | Should -Be ('{"user":"CONTOSO\\j' + [char]0xF6 + 'rg"}')
    }
    It 'keeps a REG_BINARY value a byte array through Get-AdsProp' {
        $v = [ordered]@{ DefaultConnectionSettings = [byte[]](0x46, 0, 0, 0) }
        $b = Get-AdsProp $v 'DefaultConnectionSettings'
        ($b -is [byte[]]) | Should -BeTrue
        ConvertTo-AdsHex $b | Should -Be '46000000'
    }
}

Describe 'Get-AdsWinEvents' {
    It 'treats NoMatchingEventsFound as an empty result' {
        Mock -ModuleName AADSyncDiagnose Get-WinEvent { $PSCmdlet.ThrowTerminatingError((New-NoEventsError)) }
        @(Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = 'ADSync' }).Count | Should -Be 0
    }
    It 'rethrows any other error' {
        Mock -ModuleName AADSyncDiagnose Get-WinEvent { throw (New-Object System.UnauthorizedAccessException 'Attempted to perform an unauthorized operation.') }
        { Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application' } } | Should -Throw '*unauthorized*'
    }
    It 'filters with FilterHashtable in the call (never Where-Object)' {
        Mock -ModuleName AADSyncDiagnose Get-WinEvent { @() }
        $since = (Get-Date).AddHours(-3)
        [void](Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = 'ADSync'; StartTime = $since } -MaxEvents 50)
        Should -Invoke -ModuleName AADSyncDiagnose Get-WinEvent -Times 1 -ParameterFilter { $FilterHashtable.ProviderName -eq 'ADSync' -and $FilterHashtable.StartTime -eq $since -and $MaxEvents -eq 50 }
    }
}

Describe 'Invoke-AdsSyncCycle' {
    BeforeEach {
        $script:ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle { [pscustomobject]@{ Result = 'Success' } }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncRunProfileResult { @() }
        Mock -ModuleName AADSyncDiagnose Start-Sleep { }
    }
    It 'starts no cycle in staging mode, says why, and still records the scheduler' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ StagingModeEnabled = $true } }
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'skipped'
        $r.error | Should -Match 'staging-mode'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 0
        (Read-Json $ctx 'sync/cycle.json').skippedReason | Should -Be 'staging-mode'
        $ad = Read-Json $ctx 'config/adsync.json'
        $ad.scheduler.StagingModeEnabled | Should -BeTrue
        $ad.scheduler.PurgeRunHistoryInterval | Should -Be '7.00:00:00'
        Get-Content -Raw (Join-Path $ctx.OutDir 'config/adsync.json') | Should -Match '"NextSyncCycleStartTimeInUTC":"2026-11-25T10:30:00.0000000Z"'
    }
    It 'starts no cycle when the scheduler is suspended' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ SchedulerSuspended = $true } }
        (Invoke-AdsSyncCycle -Context $ctx).error | Should -Match 'scheduler-suspended'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 0
    }
    It 'starts no cycle while one runs (SyncCycleInProgress)' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ SyncCycleInProgress = $true } }
        (Invoke-AdsSyncCycle -Context $ctx).error | Should -Match 'sync-in-progress'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 0
    }
    It 'starts no cycle while a connector runs (RunState Busy)' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncConnectorRunStatus { [pscustomobject]@{ RunState = 'Busy'; ConnectorName = 'contoso.onmicrosoft.com - AAD' } }
        (Invoke-AdsSyncCycle -Context $ctx).error | Should -Match 'sync-in-progress'
    }
    It 'reads "Connector: <name> is busy." from Start-ADSyncSyncCycle as sync-in-progress, not a failure' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle {
            $text = 'System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.'
            $PSCmdlet.WriteError((New-Object System.Management.Automation.ErrorRecord (New-Object System.InvalidOperationException $text), $text, 'WriteError', $null))
        }
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'skipped'
        $c = Read-Json $ctx 'sync/cycle.json'
        $c.skippedReason | Should -Be 'sync-in-progress'
        $c.error | Should -Match 'is busy'
    }
    It 'fails the step on any other Start-ADSyncSyncCycle error, keeping cycle.json' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle { throw 'Access is denied' }
        { Invoke-AdsSyncCycle -Context $ctx } | Should -Throw '*denied*'
        (Read-Json $ctx 'sync/cycle.json').error | Should -Match 'denied'
    }
    It 'starts the requested cycle, waits for it, keeps only the runs of that cycle with their step errors' {
        $script:polls = 0
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { $script:polls++; New-Scheduler @{ SyncCycleInProgress = ($script:polls -ge 3 -and $script:polls -le 4) } }
        Mock -ModuleName AADSyncDiagnose Get-ADSyncRunProfileResult {
            $now = Get-Date
            [pscustomobject]@{ RunHistoryId = [guid]::NewGuid(); RunNumber = 12; ConnectorName = 'contoso.onmicrosoft.com - AAD'; RunProfileName = 'Export'
                               Result = 'stopped-extension-dll-exception'; StartDate = $now; EndDate = $now; IsRunComplete = $true
                               RunStepResults = @([pscustomobject]@{ StepNumber = 1; StepResult = 'stopped-extension-dll-exception'
                                   ConnectorDiscoveryErrors = '<call-stack>System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.</call-stack>'; SyncErrors = $null }) }
            [pscustomobject]@{ RunHistoryId = [guid]::NewGuid(); RunNumber = 3; ConnectorName = 'contoso.com'; RunProfileName = 'Delta Import'
                               Result = 'success'; StartDate = $now.AddHours(-2); EndDate = $now.AddHours(-2); IsRunComplete = $true; RunStepResults = @() }
        }
        $ctx.Sync = 'Initial'
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'ok'
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 1 -ParameterFilter { $PolicyType -eq 'Initial' }
        $c = Read-Json $ctx 'sync/cycle.json'
        $c.started | Should -BeTrue
        $c.startResult.Result | Should -Be 'Success'
        $c.waitTimedOut | Should -BeFalse
        $runs = Read-Json $ctx 'sync/run-profile-results.json'
        $runs.scope | Should -Be 'cycle'
        @($runs.results).Count | Should -Be 1
        $runs.results[0].RunNumber | Should -Be 12
        $runs.results[0].StepErrors[0] | Should -Match '\(407\) Proxy Authentication Required'
    }
    It 'reports a cycle still running after the bound as timeout, with what it has' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler @{ SyncCycleInProgress = ($script:started -eq $true) } }
        Mock -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle { $script:started = $true; [pscustomobject]@{ Result = 'Success' } }
        Mock -ModuleName AADSyncDiagnose Get-Date { [datetime]::Now.AddSeconds($script:clock); $script:clock += 4 }
        $script:clock = 0; $script:started = $false
        $ctx.SyncWaitSeconds = 10
        $r = Invoke-AdsSyncCycle -Context $ctx
        $r.status | Should -Be 'timeout'
        (Read-Json $ctx 'sync/cycle.json').waitTimedOut | Should -BeTrue
        Test-Path (Join-Path $ctx.OutDir 'sync/run-profile-results.json') | Should -BeTrue
    }
    It 'says not-requested for -Sync None and module-missing without the module' {
        Mock -ModuleName AADSyncDiagnose Get-ADSyncScheduler { New-Scheduler }
        $ctx.Sync = 'None'
        (Invoke-AdsSyncCycle -Context $ctx).error | Should -Match 'not-requested'
        $ctx2 = New-TestContext
        $ctx2.ModuleImported = $false
        $r = Invoke-AdsSyncCycle -Context $ctx2
        $r.status | Should -Be 'skipped'
        (Read-Json $ctx2 'sync/cycle.json').skippedReason | Should -Be 'module-missing'
        Should -Invoke -ModuleName AADSyncDiagnose Get-ADSyncScheduler -Times 1
        Should -Invoke -ModuleName AADSyncDiagnose Start-ADSyncSyncCycle -Times 0
    }
}

Describe 'Invoke-AdsProxyConfig' {
    BeforeEach {
        $script:ctx = New-TestContext
        $ctx.AdSync.service.account = 'NT SERVICE\ADSync'
        $script:src = Join-Path $ctx.OutDir '..' ('src-' + [guid]::NewGuid().ToString('n'))
        [void](New-Item -ItemType Directory -Path $src)
        [IO.File]::WriteAllText((Join-Path $src 'machine.config'), "<configuration>`r`n</configuration>`r`n")
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\Windows' }
        Mock -ModuleName AADSyncDiagnose Get-AdsFileInfo { if ($Path -like '*Framework64*') { @{ FullName = $Path; Length = 30; LastWriteTimeUtc = [datetime]::SpecifyKind([datetime]'2026-11-24T16:00:00', 'Utc') } } }
        Mock -ModuleName AADSyncDiagnose Copy-AdsFile { [void](New-Item -ItemType Directory -Force -Path (Split-Path $Destination)); Copy-Item -LiteralPath (Join-Path $script:src 'machine.config') -Destination $Destination }
        Mock -ModuleName AADSyncDiagnose Invoke-AdsNetshWinHttp { "`r`nCurrent WinHTTP proxy settings:`r`n`r`n    Direct access (no proxy server).`r`n`r`n" }
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistrySubKeyNames { @('.DEFAULT', 'S-1-5-18', 'S-1-5-21-1-2-3-1104', 'S-1-5-21-1-2-3-1104_Classes', 'S-1-5-21-1-2-3-1200') }
        Mock -ModuleName AADSyncDiagnose ConvertTo-AdsSid { 'S-1-5-80-1-2-3-4-5' }
        Mock -ModuleName AADSyncDiagnose ConvertFrom-AdsSid { "CONTOSO\user-$Sid" }
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues {
            switch -Wildcard ($Key) {
                'HKLM\SOFTWARE\Policies\*' { return $null }
                'HKCU\*\Connections' { return [ordered]@{ DefaultConnectionSettings = [byte[]](0x46, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0) } }
                'HKCU\*' { return [ordered]@{ ProxyEnable = 1; ProxyServer = 'proxy.contoso.com:8080'; ProxyOverride = '<local>' } }
                'HKU\S-1-5-21-1-2-3-1200\*Connections' { return $null }
                'HKU\S-1-5-21-1-2-3-1200\*' { return [ordered]@{ ProxyEnable = 0 } }
                default { return $null }
            }
        }
        Mock -ModuleName AADSyncDiagnose Get-AdsEnvironmentVariables { if ($Scope -eq 'Machine') { @{ https_proxy = 'http://p:3128'; PATH = 'C:\x' } } else { @{ TEMP = 'x' } } }
    }
    It 'copies the config files and records their modification time' {
        $r = Invoke-AdsProxyConfig -Context $ctx
        $r.status | Should -Be 'ok'
        Test-Path (Join-Path $ctx.OutDir 'config/Framework64/machine.config') | Should -BeTrue
        Test-Path (Join-Path $ctx.OutDir 'config/Framework/machine.config') | Should -BeFalse
        $ad = Read-Json $ctx 'config/adsync.json'
        $ad.configFiles[0].bundlePath | Should -Be 'config/Framework64/machine.config'
        Get-Content -Raw (Join-Path $ctx.OutDir 'config/adsync.json') | Should -Match '"lastWriteTimeUtc":"2026-11-24T16:00:00.0000000Z"'
        [IO.File]::ReadAllText((Join-Path $ctx.OutDir 'config/winhttp.txt')) | Should -Match 'Direct access \(no proxy server\)\.'
    }
    It 'reads the current user, the service account (not loaded: says so) and other loaded hives, never *_Classes or .DEFAULT' {
        [void](Invoke-AdsProxyConfig -Context $ctx)
        $w = Read-Json $ctx 'config/wininet.json'
        $w.schema | Should -Be 'aadsync-diagnose/wininet@1'
        $w.policy.proxySettingsPerUser | Should -BeNullOrEmpty
        @($w.hives.hive) | Should -Be @('current-user', 'service-account', 'loaded:S-1-5-18', 'loaded:S-1-5-21-1-2-3-1200')
        $w.hives[0].values.ProxyServer | Should -Be 'proxy.contoso.com:8080'
        $w.hives[0].defaultConnectionSettings | Should -Be '460000000100000003000000'
        $w.hives[0].keyPath | Should -Be 'HKU\S-1-5-21-1-2-3-1104\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
        $w.hives[1].sid | Should -Be 'S-1-5-80-1-2-3-4-5'
        $w.hives[1].error | Should -Match 'not loaded'
        $w.hives[3].user | Should -Be 'CONTOSO\user-S-1-5-21-1-2-3-1200'
    }
    It 'adds the machine-wide settings when ProxySettingsPerUser is 0' {
        Mock -ModuleName AADSyncDiagnose Get-AdsRegistryValues {
            if ($Key -like 'HKLM\SOFTWARE\Policies\*') { return [ordered]@{ ProxySettingsPerUser = 0 } }
            if ($Key -like 'HKLM\Software\Microsoft\Windows\CurrentVersion\Internet Settings') { return [ordered]@{ ProxyEnable = 1; ProxyServer = 'machine-proxy:8080' } }
            return $null
        }
        [void](Invoke-AdsProxyConfig -Context $ctx)
        $w = Read-Json $ctx 'config/wininet.json'
        $w.policy.proxySettingsPerUser | Should -Be 0
        ($w.hives | Where-Object { $_.hive -eq 'machine' }).values.ProxyServer | Should -Be 'machine-proxy:8080'
    }
    It 'keeps only proxy variables, any case' {
        [void](Invoke-AdsProxyConfig -Context $ctx)
        $e = Read-Json $ctx 'config/environment.json'
        @($e.variables).Count | Should -Be 1
        $e.variables[0].scope | Should -Be 'machine'
        $e.variables[0].name | Should -Be 'https_proxy'
    }
    It 'fails the step when netsh fails, and still writes the other files' {
        Mock -ModuleName AADSyncDiagnose Invoke-AdsNetshWinHttp { throw 'netsh winhttp show proxy exited with code 1' }
        $r = Invoke-AdsProxyConfig -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match 'netsh'
        Test-Path (Join-Path $ctx.OutDir 'config/wininet.json') | Should -BeTrue
        Test-Path (Join-Path $ctx.OutDir 'config/environment.json') | Should -BeTrue
    }
}

Describe 'Invoke-AdsEvents and Invoke-AdsTraces' {
    It 'writes one <Events> file per provider with RenderingInfo, escaped, oldest first' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-WinEvent {
            if ($FilterHashtable.ProviderName -ne 'ADSync') { $PSCmdlet.ThrowTerminatingError((New-NoEventsError)); return }
            foreach ($id in 7, 5) {
                $o = [pscustomobject]@{ ProviderName = 'ADSync'; RecordId = $id; Message = "fail <$id> & 'x'"; LevelDisplayName = 'Error' }
                $o | Add-Member ScriptMethod ToXml { "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='ADSync'/><EventRecordID>$($this.RecordId)</EventRecordID></System><EventData><Data>d</Data></EventData></Event>" }
                $o
            }
        }
        $r = Invoke-AdsEvents -Context $ctx
        $r.status | Should -Be 'ok'
        $files = @(Get-ChildItem (Join-Path $ctx.OutDir 'events'))
        $files.Name | Should -Be @('Application-ADSync.xml')
        [xml]$x = Get-Content -Raw $files[0].FullName
        $ns = @{ e = 'http://schemas.microsoft.com/win/2004/08/events/event' }
        $ev = @(Select-Xml -Xml $x -XPath '/Events/e:Event' -Namespace $ns)
        $ev.Count | Should -Be 2
        $ev[0].Node.System.EventRecordID | Should -Be '5'
        $ev[1].Node.RenderingInfo.Message | Should -Be "fail <7> & 'x'"
        $ev[1].Node.RenderingInfo.Level | Should -Be 'Error'
        Should -Invoke -ModuleName AADSyncDiagnose Get-WinEvent -Times 4 -ParameterFilter { $FilterHashtable.LogName -eq 'Application' -and $FilterHashtable.StartTime -is [datetime] }
    }
    It 'says so in the step notes when the per-provider cap cut the window (newest kept), and passes the cap to Get-WinEvent' {
        $ctx = New-TestContext
        InModuleScope AADSyncDiagnose { $script:MaxEventsPerProvider = 2 }
        try {
            Mock -ModuleName AADSyncDiagnose Get-WinEvent {
                if ($FilterHashtable.ProviderName -ne 'ADSync') { $PSCmdlet.ThrowTerminatingError((New-NoEventsError)); return }
                foreach ($id in 9, 8) {
                    $o = [pscustomobject]@{ ProviderName = 'ADSync'; RecordId = $id; Message = 'm'; LevelDisplayName = 'Error' }
                    $o | Add-Member ScriptMethod ToXml { "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='ADSync'/><EventRecordID>$($this.RecordId)</EventRecordID></System></Event>" }
                    $o
                }
            }
            $r = Invoke-AdsEvents -Context $ctx
            $r.status | Should -Be 'ok'
            @($r.notes | Where-Object { $_ -like 'ADSync: only the newest 2 events*' }).Count | Should -Be 1
            @($r.notes | Where-Object { $_ -like 'Directory Synchronization: only the newest*' }).Count | Should -Be 0
            Should -Invoke -ModuleName AADSyncDiagnose Get-WinEvent -ParameterFilter { $MaxEvents -eq 2 }
        } finally {
            InModuleScope AADSyncDiagnose { $script:MaxEventsPerProvider = 20000 }
        }
    }
    It 'writes one file per source of a wildcard provider, each oldest first; no message means no RenderingInfo' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-WinEvent {
            if ($FilterHashtable.ProviderName -ne 'AzureADConnectHealth*') { $PSCmdlet.ThrowTerminatingError((New-NoEventsError)); return }
            # Newest first, as the event log service answers; two sources, one in two spellings of case.
            foreach ($ev in @(@('AzureADConnectHealthSyncMonitor', 31, 'm31'), @('AzureADConnectHealthSyncInsights', 30, ''),
                              @('azureadconnecthealthsyncmonitor', 12, 'm12'), @('AzureADConnectHealthSyncInsights', 11, 'm11'))) {
                $o = [pscustomobject]@{ ProviderName = $ev[0]; RecordId = [long]$ev[1]; Message = $ev[2]; LevelDisplayName = 'Information' }
                $o | Add-Member ScriptMethod ToXml { "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='$($this.ProviderName)'/><EventRecordID>$($this.RecordId)</EventRecordID></System></Event>" }
                $o
            }
        }
        $r = Invoke-AdsEvents -Context $ctx
        $r.status | Should -Be 'ok'
        @($r.notes) | Should -Contain 'AzureADConnectHealthSyncMonitor: 2'
        @($r.notes) | Should -Contain 'AzureADConnectHealthSyncInsights: 2'
        $ns = @{ e = 'http://schemas.microsoft.com/win/2004/08/events/event' }
        [xml]$mon = Get-Content -Raw (Join-Path $ctx.OutDir 'events/Application-AzureADConnectHealthSyncMonitor.xml')
        @(Select-Xml -Xml $mon -XPath '/Events/e:Event' -Namespace $ns | ForEach-Object { $_.Node.System.EventRecordID }) | Should -Be @('12', '31')
        [xml]$ins = Get-Content -Raw (Join-Path $ctx.OutDir 'events/Application-AzureADConnectHealthSyncInsights.xml')
        $ev = @(Select-Xml -Xml $ins -XPath '/Events/e:Event' -Namespace $ns)
        @($ev | ForEach-Object { $_.Node.System.EventRecordID }) | Should -Be @('11', '30')
        $ev[0].Node.RenderingInfo.Message | Should -Be 'm11'
        @($ev[1].Node.ChildNodes | Where-Object { $_.LocalName -eq 'RenderingInfo' }).Count | Should -Be 0
    }
    It 'fails the step for a provider that cannot be read, and keeps the others' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-WinEvent {
            if ($FilterHashtable.ProviderName -eq 'ADSync') { throw (New-Object System.UnauthorizedAccessException 'Attempted to perform an unauthorized operation.') }
            $PSCmdlet.ThrowTerminatingError((New-NoEventsError))
        }
        $r = Invoke-AdsEvents -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match '^ADSync: Attempted'
    }
    It 'copies only the trace logs modified in the window' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-AdsKnownFolder { 'C:\ProgramData' }
        Mock -ModuleName AADSyncDiagnose Get-AdsChildFiles {
            @(@{ FullName = 'C:\ProgramData\AADConnect\trace-20261125-091201.log'; Length = 10; LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1) },
              @{ FullName = 'C:\ProgramData\AADConnect\trace-20260301-101500.log'; Length = 10; LastWriteTimeUtc = [datetime]::UtcNow.AddDays(-200) })
        }
        Mock -ModuleName AADSyncDiagnose Copy-AdsFile { [void](New-Item -ItemType Directory -Force -Path (Split-Path $Destination)); [IO.File]::WriteAllText($Destination, $Source) }
        $r = Invoke-AdsTraces -Context $ctx
        $r.status | Should -Be 'ok'
        Should -Invoke -ModuleName AADSyncDiagnose Copy-AdsFile -Times 1 -ParameterFilter { $Source -like '*trace-20261125-091201.log' -and $Destination -like '*traces*trace-20261125-091201.log' }
        Should -Invoke -ModuleName AADSyncDiagnose Get-AdsChildFiles -Times 1 -ParameterFilter { $Directory -eq 'C:\ProgramData\AADConnect' -and $Filter -eq 'trace-*.log' }
    }
}

Describe 'Invoke-AdsBoundedStep' {
    BeforeAll {
        $script:wctx = @{ ModulePath = (Join-Path $script:Root 'ps' 'AADSyncDiagnose.psm1'); SimulatorPath = $null; ScenarioPath = $null; ModuleImported = $false; AdSync = (New-AdsAdSyncRecord) }
    }
    It 'returns the step result, and a thrown error as failed' {
        $w = New-AdsWorker -Context $wctx
        try {
            [void]$w.PowerShell.AddScript('function global:Invoke-OkStep { param($Context) $Context.Seen = $true; [ordered]@{ status = "skipped"; error = "why"; notes = @("n1") } }; function global:Invoke-BadStep { param($Context) throw "Access is denied" }').Invoke()
            $shared = @{}
            $r = Invoke-AdsBoundedStep -Worker $w -Function 'Invoke-OkStep' -Context $shared -TimeoutSeconds 10
            $r.status | Should -Be 'skipped'
            $r.error | Should -Be 'why'
            @($r.notes) | Should -Be @('n1')
            $shared.Seen | Should -BeTrue
            $r = Invoke-AdsBoundedStep -Worker $w -Function 'Invoke-BadStep' -Context @{} -TimeoutSeconds 10
            $r.status | Should -Be 'failed'
            $r.error | Should -Be 'Access is denied'
        } finally { Close-AdsWorker $w }
    }
    It 'stops a step that runs too long' {
        $w = New-AdsWorker -Context $wctx
        try {
            $ps = $w.PowerShell
            # A step function defined in the worker that sleeps interruptibly.
            [void]$ps.AddScript('function global:Invoke-SlowStep { param($Context) Start-Sleep -Seconds 60; @{ status = "ok" } }'); [void]$ps.Invoke()
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $r = Invoke-AdsBoundedStep -Worker $w -Function 'Invoke-SlowStep' -Context @{} -TimeoutSeconds 1
            $r.status | Should -Be 'timeout'
            $r.abandoned | Should -BeFalse
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        } finally { Close-AdsWorker $w }
    }
    It 'abandons a step that ignores the stop request' {
        $w = New-AdsWorker -Context $wctx
        $ps = $w.PowerShell
        [void]$ps.AddScript('function global:Invoke-StuckStep { param($Context) [System.Threading.Thread]::Sleep(20000) }'); [void]$ps.Invoke()
        $r = Invoke-AdsBoundedStep -Worker $w -Function 'Invoke-StuckStep' -Context @{} -TimeoutSeconds 1
        $r.status | Should -Be 'timeout'
        $r.abandoned | Should -BeTrue
        $r.error | Should -Match 'abandoned'
    }
}

Describe 'Invoke-AdsProbes' {
    BeforeAll {
        function New-FakeProbe([string]$Body) {
            $f = Join-Path ([IO.Path]::GetTempPath()) ('fake-probe-' + [guid]::NewGuid().ToString('n') + '.ps1')
            Set-Content -LiteralPath $f -Value ("param([string]`$OutDir, [string]`$As, [string]`$ProxyJson)`nSet-StrictMode -Version 2.0`n`$ErrorActionPreference = 'Stop'`n" + $Body)
            return $f
        }
    }
    It 'runs the probe script in this PowerShell process (one process per run), with the proxy input as a file' {
        $ctx = New-TestContext
        $ctx.ProbeScript = New-FakeProbe "[IO.File]::WriteAllText((Join-Path `$OutDir 'pid.txt'), [string]`$PID + ' ' + `$As + ' ' + (Test-Path -LiteralPath `$ProxyJson))`nexit 0"
        $ctx.ProxySummary = @{ address = 'http://proxy.contoso.com:8080'; useDefaultCredentials = $true; source = 'machine.config (Framework64)' }
        $r = Invoke-AdsProbes -Context $ctx
        $r.status | Should -Be 'ok'
        Get-Content -Raw -LiteralPath (Join-Path $ctx.OutDir 'probes/pid.txt') | Should -Be "$PID admin True"
        (Read-Json $ctx 'probes/proxy-input.json').proxy.address | Should -Be 'http://proxy.contoso.com:8080'
    }
    It 'an exit 2 of the probe script fails the step with its message and does not end the collector' {
        $ctx = New-TestContext
        $ctx.ProbeScript = New-FakeProbe "[Console]::Error.WriteLine('probe input: bad endpoint list')`nWrite-Output 'probe input: bad endpoint list'`nexit 2"
        $ctx.ProxySummary = @{ address = $null }
        $r = Invoke-AdsProbes -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match 'exited with code 2: probe input: bad endpoint list'
    }
    It 'a terminating error in the probe script fails the step, it does not escape' {
        $ctx = New-TestContext
        $ctx.ProbeScript = New-FakeProbe "throw 'resolver exploded'"
        $ctx.ProxySummary = @{ address = $null }
        $r = Invoke-AdsProbes -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match 'resolver exploded'
    }
}
