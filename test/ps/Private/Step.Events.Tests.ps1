# Pester tests of ps/AADSyncDiagnose/Private/Step.Events.ps1 (Get-WinEvent mocked with the real cmdlet's shapes).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'TestSetup.ps1')
    # Errors as Get-WinEvent writes them (PowerShell/PowerShell src/Microsoft.PowerShell.Commands.Diagnostics/
    # GetEventCommand.cs): non-terminating, FQID '<id>,Microsoft.PowerShell.Commands.GetWinEventCommand';
    # ReadEvent and FormatDescription failures use the exception message as the id.
    function New-WinEventError([string]$Id, [string]$Message, [string]$Category = 'NotSpecified') {
        New-Object System.Management.Automation.ErrorRecord (New-Object System.Exception $Message), $Id, $Category, $null
    }
    function New-FakeEvent([string]$Provider, [long]$RecordId, [string]$Message, [switch]$MessageFails) {
        $o = [pscustomobject]@{ ProviderName = $Provider; RecordId = $RecordId; Message = $Message; LevelDisplayName = 'Error' }
        $o | Add-Member ScriptMethod ToXml { "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='$($this.ProviderName)'/><EventRecordID>$($this.RecordId)</EventRecordID></System></Event>" }
        if ($MessageFails) { $o | Add-Member ScriptMethod FormatDescription { throw 'The specified resource type cannot be found in the image file' } }
        else { $o | Add-Member ScriptMethod FormatDescription { $this.Message } }
        $o
    }
}

Describe 'Get-AdsWinEvents' {
    It 'treats NoMatchingEventsFound (a non-terminating error of the real cmdlet) as nothing there' {
        Mock -ModuleName AADSyncDiagnose Get-WinEvent { $PSCmdlet.WriteError((New-NoEventsError)) }
        $r = Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = 'ADSync' }
        @($r.Events).Count | Should -Be 0
        $r.Absent | Should -Be 'none'
        @($r.Problems).Count | Should -Be 0
    }
    It 'keeps the events read before and after a non-terminating error, and reports the error' {
        Mock -ModuleName AADSyncDiagnose Get-WinEvent {
            New-FakeEvent 'ADSync' 2 'm2'
            $PSCmdlet.WriteError((New-WinEventError 'The data is invalid,Microsoft.PowerShell.Commands.GetWinEventCommand' 'The data is invalid'))
            New-FakeEvent 'ADSync' 1 'm1'
        }
        $r = Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = 'ADSync' }
        @($r.Events).Count | Should -Be 2
        @($r.Problems) | ForEach-Object { $_.kind } | Should -Be @('read')
        @($r.Problems)[0].text | Should -Be 'The data is invalid'
    }
    It 'lets a terminating error through' {
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

Describe 'Invoke-AdsEvents' {
    It 'writes one <Events> file per provider with RenderingInfo, escaped, oldest first' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-WinEvent {
            if ($FilterHashtable.ProviderName -ne 'ADSync') { $PSCmdlet.WriteError((New-NoEventsError)); return }
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
                if ($FilterHashtable.ProviderName -ne 'ADSync') { $PSCmdlet.WriteError((New-NoEventsError)); return }
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
            if ($FilterHashtable.ProviderName -ne 'AzureADConnectHealth*') { $PSCmdlet.WriteError((New-NoEventsError)); return }
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
            $PSCmdlet.WriteError((New-NoEventsError))
        }
        $r = Invoke-AdsEvents -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match '^ADSync: Attempted'
    }
}

Describe 'Write-AdsEventFile' {
    It 'writes an Events file, UTF-8 without BOM and CRLF, with the message as RenderingInfo before the end of each event' {
        $e = [pscustomobject]@{ ProviderName = 'ADSync'; RecordId = 1; Message = "a`u{0001}b & <c>"; LevelDisplayName = 'Error' }
        $e | Add-Member ScriptMethod ToXml { "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventRecordID>1</EventRecordID></System></Event>" }
        $p = Join-Path $TestDrive 'Application-ADSync.xml'
        Write-AdsEventFile -Path $p -Events @($e) -Culture 'de-DE'
        $bytes = [IO.File]::ReadAllBytes($p)
        $bytes[0] | Should -Be 0x3C
        $text = [Text.Encoding]::UTF8.GetString($bytes)
        $text | Should -BeLike "<?xml version='1.0' encoding='utf-8'?>`r`n<Events>`r`n<Event *"
        $text | Should -Match "<RenderingInfo Culture='de-DE'><Message>ab &amp; &lt;c&gt;</Message><Level>Error</Level></RenderingInfo></Event>`r`n</Events>`r`n$"
        Test-Path -LiteralPath ($p + '.partial') | Should -BeFalse
    }
    It 'removes the secrets of every event, in every chunk, and returns how many (issue 15 A6)' {
        $events = @(foreach ($i in 1..40) {
            $e = [pscustomobject]@{ ProviderName = 'PasswordResetService'; RecordId = $i; Message = "Endpoint=sb://contoso-sspr.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=FAKE-S3cret-$i"; LevelDisplayName = 'Error' }
            $e | Add-Member ScriptMethod ToXml ([scriptblock]::Create("`"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventRecordID>$i</EventRecordID></System><EventData><Data>proxy http://svc-proxy:FAKE-Pr0xy-$i@proxy.contoso.com:8080</Data></EventData></Event>`""))
            $e
        })
        $p = Join-Path $TestDrive 'Application-PasswordResetService.xml'
        # Small chunks: events are redacted in several chunks, each of whole events.
        $old = & $script:AdsModule { $script:AdsEventChunkChars }
        & $script:AdsModule { $script:AdsEventChunkChars = 1000 }
        try { $n = Write-AdsEventFile -Path $p -Events $events -Culture 'en-US' }
        finally { & $script:AdsModule { param($v) $script:AdsEventChunkChars = $v } $old }
        $n | Should -Be 80
        $text = [IO.File]::ReadAllText($p)
        $text | Should -Not -Match 'FAKE'
        @(([xml]$text).Events.Event).Count | Should -Be 40
        $text | Should -Match 'SharedAccessKey=\[REDACTED\]</Message>'
        $text | Should -Match 'http://svc-proxy:\[REDACTED\]@proxy\.contoso\.com:8080</Data>'
    }
}

Describe 'Invoke-AdsEvents with unreadable records (issue 13.3)' {
    It 'keeps every readable event and counts the unreadable record and the unrendered message in the notes' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-WinEvent {
            switch ($FilterHashtable.ProviderName) {
                'ADSync' {
                    New-FakeEvent 'ADSync' 12 'm12'
                    $PSCmdlet.WriteError((New-WinEventError 'The data is invalid,Microsoft.PowerShell.Commands.GetWinEventCommand' 'The data is invalid'))
                    $PSCmdlet.WriteError((New-WinEventError 'The specified resource type cannot be found in the image file,Microsoft.PowerShell.Commands.GetWinEventCommand' 'The specified resource type cannot be found in the image file'))
                    New-FakeEvent 'ADSync' 11 'Cannot retrieve event message text.' -MessageFails
                    New-FakeEvent 'ADSync' 10 'm10'
                }
                'Directory Synchronization' {
                    $PSCmdlet.WriteError((New-WinEventError 'ProviderMetadataUnavailable,Microsoft.PowerShell.Commands.GetWinEventCommand' 'Could not retrieve information about the Directory Synchronization provider. Error: The locale specific resource for the desired message is not present.'))
                    New-FakeEvent 'Directory Synchronization' 20 'm20'
                }
                'PasswordResetService' {
                    $PSCmdlet.WriteError((New-WinEventError 'NoMatchingProvidersFound,Microsoft.PowerShell.Commands.GetWinEventCommand' 'There is not an event provider on the localhost computer that matches "PasswordResetService".' 'ObjectNotFound'))
                }
                default {
                    $PSCmdlet.WriteError((New-WinEventError 'LogsAndProvidersDontOverlap,Microsoft.PowerShell.Commands.GetWinEventCommand' 'The specified providers do not write events to any of the specified logs.' 'InvalidArgument'))
                }
            }
        }
        $r = Invoke-AdsEvents -Context $ctx
        $r.status | Should -Be 'ok'
        $notes = @($r.notes)
        $notes | Should -Contain 'ADSync: 3'
        $notes | Should -Contain 'ADSync: 1 record(s) could not be read (The data is invalid); the 3 readable events are kept'
        $notes | Should -Contain 'ADSync: 1 message(s) could not be rendered (The specified resource type cannot be found in the image file); those events are kept without RenderingInfo'
        $notes | Should -Contain 'Directory Synchronization: 1'
        @($notes | Where-Object { $_ -like 'Directory Synchronization: provider metadata unavailable (Could not retrieve information*' }).Count | Should -Be 1
        $notes | Should -Contain 'PasswordResetService: none (not registered on this server)'
        $notes | Should -Contain 'AzureADConnectHealth*: none (the provider writes to another log, not to Application)'
        [xml]$x = Get-Content -Raw (Join-Path $ctx.OutDir 'events' 'Application-ADSync.xml')
        $ns = @{ e = 'http://schemas.microsoft.com/win/2004/08/events/event' }
        $ev = @(Select-Xml -Xml $x -XPath '/Events/e:Event' -Namespace $ns | ForEach-Object { $_.Node })
        @($ev | ForEach-Object { $_.System.EventRecordID }) | Should -Be @('10', '11', '12')
        @($ev[1].ChildNodes | Where-Object { $_.LocalName -eq 'RenderingInfo' }).Count | Should -Be 0
        $ev[0].RenderingInfo.Message | Should -Be 'm10'
        # With -ErrorAction Stop the first of these errors would end the call and lose the provider's events.
        Should -Invoke -ModuleName AADSyncDiagnose Get-WinEvent -Times 4 -Exactly -ParameterFilter { [string]$PSBoundParameters['ErrorAction'] -ne 'Stop' }
    }
    It 'fails the step for a provider of which nothing could be read, and keeps the others' {
        $ctx = New-TestContext
        Mock -ModuleName AADSyncDiagnose Get-WinEvent {
            if ($FilterHashtable.ProviderName -eq 'ADSync') {
                $PSCmdlet.WriteError((New-WinEventError 'LogInfoUnavailable,Microsoft.PowerShell.Commands.GetWinEventCommand' "To access the 'Application' log start PowerShell with elevated user rights.  Error: Attempted to perform an unauthorized operation."))
                return
            }
            if ($FilterHashtable.ProviderName -eq 'Directory Synchronization') { New-FakeEvent 'Directory Synchronization' 5 'm5'; return }
            $PSCmdlet.WriteError((New-NoEventsError))
        }
        $r = Invoke-AdsEvents -Context $ctx
        $r.status | Should -Be 'failed'
        $r.error | Should -Match "^ADSync: To access the 'Application' log"
        Test-Path (Join-Path $ctx.OutDir 'events' 'Application-Directory Synchronization.xml') | Should -BeTrue
    }
}

Describe 'ConvertTo-AdsXmlEscaped' {
    It 'escapes the ampersand and angle brackets in element text, also the apostrophe in attributes, and drops XML 1.0 control characters' {
        ConvertTo-AdsXmlEscaped "a & <b> 'c'`u{0001}" | Should -Be "a &amp; &lt;b&gt; 'c'"
        ConvertTo-AdsXmlEscaped "it's" -Attribute | Should -Be 'it&apos;s'
        ConvertTo-AdsXmlEscaped $null | Should -Be ''
    }
}

Describe 'ConvertTo-AdsEventXml' {
    It 'builds a classic event from the record''s properties, as ToXml() would lay it out' {
        $e = [pscustomobject]@{ ProviderName = 'Directory Synchronization'; Id = 906; Qualifiers = 0; Level = 2; Task = 0; Keywords = 36028797018963968
                                TimeCreated = [datetime]::SpecifyKind([datetime]'2026-11-25T09:30:02', 'Utc'); RecordId = 48210; LogName = 'Application'; MachineName = 'AADC01.contoso.com'
                                Properties = @([pscustomobject]@{ Value = "GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). <x>" }); Message = 'm & n'; LevelDisplayName = 'Error' }
        $x = ConvertTo-AdsEventXml -Event $e -Culture 'en-US'
        $x | Should -Be ("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/><EventID Qualifiers='0'>906</EventID><Level>2</Level><Task>0</Task><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2026-11-25T09:30:02.0000000Z'/><EventRecordID>48210</EventRecordID><Channel>Application</Channel><Computer>AADC01.contoso.com</Computer></System><EventData><Data>GetSecurityToken: unable to retrieve a security token for the provisioning web service (AWS). &lt;x&gt;</Data></EventData><RenderingInfo Culture='en-US'><Message>m &amp; n</Message><Level>Error</Level></RenderingInfo></Event>")
        ([xml]$x).Event.System.EventID.'#text' | Should -Be '906'
    }
}

Describe 'Write-AdsEventFileConstrained' {
    It 'writes the same Events layout as the fast path' {
        $e = [pscustomobject]@{ ProviderName = 'ADSync'; Id = 6900; Qualifiers = 49152; Level = 2; Task = 0; Keywords = $null; TimeCreated = $null; RecordId = 1; LogName = 'Application'; MachineName = 'X'; Properties = @(); Message = $null; LevelDisplayName = $null }
        $p = Join-Path $TestDrive 'Application-ADSync.xml'
        Write-AdsEventFileConstrained -Path $p -Events @($e, $e) -Culture 'en-US'
        $text = [IO.File]::ReadAllText($p)
        $text | Should -BeLike "<?xml version='1.0' encoding='utf-8'?>`r`n<Events>`r`n<Event *</Event>`r`n<Event *</Event>`r`n</Events>`r`n"
        @(([xml]$text).Events.Event).Count | Should -Be 2
    }
    It 'removes the secrets of the events in Constrained Language mode too, and returns how many' {
        $p = Join-Path $TestDrive 'Application-ADSync-clm.xml'
        $n = Invoke-AdsConstrained {
            param($p)
            # Hashtables: Constrained Language cannot make a [pscustomobject]; Get-AdsProp reads either.
            $e = @{ ProviderName = 'ADSync'; Id = 6900; Qualifiers = 49152; Level = 2; Task = 0; Keywords = $null; TimeCreated = $null; RecordId = 1; LogName = 'Application'; MachineName = 'X'
                    Properties = @(@{ Value = 'Data Source=sql01;User ID=sa;Password=FAKE-S3cret-1;Connect Timeout=30' }); Message = 'http://svc-proxy:FAKE-S3cret-2@proxy.contoso.com:8080'; LevelDisplayName = 'Error' }
            Write-AdsEventFileConstrained -Path $p -Events @($e) -Culture 'en-US'
        } -ArgumentList @($p)
        $n | Should -Be 2
        $text = [IO.File]::ReadAllText($p)
        $text | Should -Not -Match 'FAKE'
        $text | Should -Match 'User ID=sa;Password=\[REDACTED\];Connect Timeout=30</Data>'
        $text | Should -Match 'http://svc-proxy:\[REDACTED\]@proxy.contoso.com:8080</Message>'
        @(([xml]$text).Events.Event).Count | Should -Be 1
    }
}
