# Step.Events.ps1 - step "events": Get-WinEvent -FilterHashtable per provider, written as
# events/Application-<Provider>.xml with the rendered message.

function Invoke-AdsEvents {
    # One bad record never costs a provider's events (issue 13.3): Get-AdsWinEvents keeps what it read
    # and sorts the errors out; the notes count what could not be read or rendered. A provider fails
    # the step only when nothing of it could be read and the reason is not "nothing there".
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $since = (Get-Date).AddHours(-[double]$Context.SinceHours)
    $failures = @()
    $notes = @()
    $culture = [string](Get-UICulture).Name
    if (-not $culture) { $culture = 'en-US' }
    foreach ($provider in $script:EventProviders) {
        Write-Verbose "Get-WinEvent Application, provider $provider, since $(Format-AdsDate $since)"
        try {
            $read = Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = $provider; StartTime = $since }
        } catch { $failures += @("${provider}: $(Get-AdsErrorText $_)"); continue }
        $events = @($read.Events)
        $readErrors = @($read.Problems | Where-Object { $_.kind -eq 'read' })
        foreach ($m in @($read.Problems | Where-Object { $_.kind -eq 'metadata' })) { $notes += @("${provider}: provider metadata unavailable ($($m.text))") }
        if ($events.Count -eq 0) {
            if ($readErrors.Count -gt 0) { $failures += @("${provider}: $($readErrors[0].text)"); continue }
            if ($read.Absent -and $read.Absent -ne 'none') { $notes += @("${provider}: none ($($read.Absent))") }
            else { $notes += @("${provider}: none") }
            continue
        }
        # Get-WinEvent returns the newest first, so -MaxEvents keeps the newest: say that older events
        # of the window were left out, so nobody reads the bundle as the whole window.
        if ($events.Count -ge $script:MaxEventsPerProvider) {
            $notes += @("${provider}: only the newest $($script:MaxEventsPerProvider) events of the look-back window were collected; older ones exist (use a shorter -SinceHours to see a whole window)")
        }
        if (-not (Test-AdsFullLanguage)) {
            # Constrained Language: no ToXml() or FormatDescription() (methods of a non-core type), no
            # .NET collections: the events are written from their properties (Write-AdsEventFileConstrained),
            # and unreadable records and unrendered messages are counted together.
            if ($readErrors.Count -gt 0) {
                $notes += @("${provider}: $($readErrors.Count) record(s) or message(s) could not be read ($($readErrors[0].text)); the $($events.Count) readable events are kept")
            }
            $names = @()
            foreach ($e in $events) { $n = [string]$e.ProviderName; if ($names -notcontains $n) { $names += @($n) } }
            foreach ($name in $names) {
                $group = @($events | Where-Object { [string]$_.ProviderName -eq $name } | Sort-Object -Property RecordId)
                $rel = 'events/Application-' + (Get-AdsSafeFileName $name) + '.xml'
                $removed = Write-AdsEventFileConstrained -Path (Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $rel) -Events $group -Culture $culture
                Set-AdsRedactionCount -Context $Context -RelativePath $rel -Secrets $removed
                $notes += @("${name}: $($group.Count)")
            }
            continue
        }
        # Errors happened: find the events whose message could not be rendered (FormatDescription throws
        # again for them; Get-WinEvent gave them a placeholder Message in the local language). The
        # remaining errors are records that could not be read at all.
        $noMessage = @{}
        if ($readErrors.Count -gt 0) {
            $firstRenderError = $null
            foreach ($e in $events) {
                try { [void]$e.FormatDescription() } catch {
                    $noMessage[[long]$e.RecordId] = $true
                    if (-not $firstRenderError) { $firstRenderError = Get-AdsErrorText $_ }
                }
            }
            $lost = $readErrors.Count - $noMessage.Count
            if ($lost -gt 0) {
                $firstLost = @($readErrors | Where-Object { $_.text -ne $firstRenderError })
                $why = $readErrors[0].text
                if ($firstLost.Count -gt 0) { $why = $firstLost[0].text }
                $notes += @("${provider}: $lost record(s) could not be read ($why); the $($events.Count) readable events are kept")
            }
            if ($noMessage.Count -gt 0) {
                $notes += @("${provider}: $($noMessage.Count) message(s) could not be rendered ($firstRenderError); those events are kept without RenderingInfo")
            }
        }
        # A wildcard provider can return several sources: one file per source (in the order first seen),
        # oldest first. Grouped and sorted with .NET collections: Group-Object and Sort-Object cost a
        # pipeline step per event.
        # Case-insensitive, like Group-Object (and like the file names on Windows).
        $groups = New-Object 'System.Collections.Generic.Dictionary[string,System.Collections.Generic.List[object]]' ([StringComparer]::OrdinalIgnoreCase)
        $order = New-Object System.Collections.Generic.List[string]
        foreach ($e in $events) {
            $name = [string]$e.ProviderName
            $list = $null
            if (-not $groups.TryGetValue($name, [ref]$list)) {
                $list = New-Object System.Collections.Generic.List[object]
                $groups.Add($name, $list)
                $order.Add($name)
            }
            $list.Add($e)
        }
        foreach ($name in $order) {
            $group = $groups[$name].ToArray()
            $keys = New-Object 'long[]' $group.Length
            for ($k = 0; $k -lt $group.Length; $k++) { $keys[$k] = [long]$group[$k].RecordId }
            # The non-generic Sort(keys, items, IComparer): with two arguments PowerShell binds the generic
            # overload and sorts a converted copy of the items, leaving $group as it was.
            [Array]::Sort($keys, $group, [System.Collections.Comparer]::DefaultInvariant)
            $rel = 'events/Application-' + (Get-AdsSafeFileName $name) + '.xml'
            $path = Resolve-AdsBundlePath -OutDir $Context.OutDir -RelativePath $rel
            $dir = Split-Path -Parent $path
            if (-not (Test-Path -LiteralPath $dir)) { [void](New-Item -ItemType Directory -Path $dir -Force) }
            $removed = Write-AdsEventFile -Path $path -Events $group -Culture $culture -NoMessage $noMessage
            Set-AdsRedactionCount -Context $Context -RelativePath $rel -Secrets $removed
            $notes += @("${name}: $($group.Length)")
        }
    }
    if ($failures.Count -gt 0) { return @{ status = 'failed'; error = ($failures -join '; '); notes = @($notes) } }
    return @{ status = 'ok'; error = $null; notes = @($notes) }
}

function Get-AdsWinEvents {
    # Get-WinEvent with a FilterHashtable (filtered in the event-log service, never Where-Object).
    # Never -ErrorAction Stop: that turns the first non-terminating error into a terminating one and
    # every event read so far is lost (issue 13.3). The errors are collected and sorted out instead,
    # by their FullyQualifiedErrorId, never by the (localized) text. From Get-WinEvent's source
    # (PowerShell/PowerShell src/Microsoft.PowerShell.Commands.Diagnostics/GetEventCommand.cs):
    #   NoMatchingEventsFound        nothing in the window                      -> Absent 'none'
    #   NoMatchingProvidersFound     the provider is not registered here        -> Absent
    #   LogsAndProvidersDontOverlap  the provider writes to another log         -> Absent
    #   ProviderMetadataUnavailable  its metadata could not be read             -> Problem 'metadata'
    #   '<message>,...'              ReadEvent failed (a record is lost) or FormatDescription failed
    #                                (the event is kept with a placeholder Message) -> Problem 'read'
    # Returns @{ Events; Absent (why there is nothing, or $null); Problems (@{ kind; text }) }.
    param([Parameter(Mandatory = $true)][hashtable]$FilterHashtable, [int]$MaxEvents = $script:MaxEventsPerProvider)
    $errs = $null
    $events = @(Get-WinEvent -FilterHashtable $FilterHashtable -MaxEvents $MaxEvents -ErrorAction SilentlyContinue -ErrorVariable errs)
    $absent = $null
    $problems = @()
    foreach ($er in @($errs)) {
        if ($null -eq $er) { continue }
        $fqid = [string]$er.FullyQualifiedErrorId
        if ($fqid -like 'NoMatchingEventsFound*') { if (-not $absent) { $absent = 'none' }; continue }
        if ($fqid -like 'NoMatchingProvidersFound*') { $absent = 'not registered on this server'; continue }
        if ($fqid -like 'LogsAndProvidersDontOverlap*') { $absent = 'the provider writes to another log, not to Application'; continue }
        $kind = 'read'
        if ($fqid -like 'ProviderMetadataUnavailable*') { $kind = 'metadata' }
        $problems += @(@{ kind = $kind; text = (Get-AdsErrorText $er) })
    }
    return @{ Events = $events; Absent = $absent; Problems = @($problems) }
}

function Write-AdsEventFile {
    # One events/Application-<Provider>.xml: each event's ToXml() with <RenderingInfo> (the rendered
    # message, what wevtutil /f:RenderedXml adds) before </Event>, so the message survives off the server.
    # Per event: foreach statements and .NET calls only, into one StringWriter (no pipeline, no function
    # call, no string built for the whole event): a server can hold 100k events in the window. Whole
    # events are gathered into chunks of about $script:AdsEventChunkChars characters; each chunk passes
    # the secret rules (Invoke-AdsRedactText) before it reaches the file, so no secret is ever written and
    # a secret is never cut by a chunk end (it lives inside one event); Invoke-AdsRedactEventsText keeps
    # the markup of every event. Returns the secrets removed.
    # $NoMessage: RecordIds whose message could not be rendered (no RenderingInfo for them).
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][object[]]$Events, [string]$Culture,
          [hashtable]$NoMessage = @{})
    $riOpen = "<RenderingInfo Culture='" + [Security.SecurityElement]::Escape($Culture) + "'><Message>"
    $file = New-Object IO.StreamWriter(($Path + '.partial'), $false, $script:Utf8NoBom, 65536)
    $w = New-Object IO.StringWriter
    $secrets = 0
    $written = $false
    try {
        $w.Write("<?xml version='1.0' encoding='utf-8'?>`r`n<Events>`r`n")
        foreach ($e in $Events) {
            if ($w.GetStringBuilder().Length -ge $script:AdsEventChunkChars) {
                $red = Invoke-AdsRedactEventsText -Text $w.ToString()
                $file.Write($red.Text)
                $secrets += $red.Secrets
                [void]$w.GetStringBuilder().Clear()
            }
            $msg = $null
            if ($NoMessage.Count -eq 0 -or -not $NoMessage.ContainsKey([long]$e.RecordId)) {
                try { $msg = [string]$e.Message } catch { $msg = $null }
            }
            $xml = [string]$e.ToXml()
            $i = -1
            if ($msg) { $i = $xml.LastIndexOf('</Event>', [StringComparison]::Ordinal) }
            if ($i -lt 0) { $w.Write($xml); $w.Write("`r`n"); continue }
            $lvl = $null
            try { $lvl = [string]$e.LevelDisplayName } catch { $lvl = $null }
            $w.Write($xml.Substring(0, $i))
            $w.Write($riOpen)
            $w.Write([Security.SecurityElement]::Escape($script:XmlControlChars.Replace($msg, '')))
            $w.Write('</Message>')
            if ($lvl) { $w.Write('<Level>'); $w.Write([Security.SecurityElement]::Escape($lvl)); $w.Write('</Level>') }
            $w.Write('</RenderingInfo>')
            $w.Write($xml.Substring($i))
            $w.Write("`r`n")
        }
        $w.Write("</Events>`r`n")
        $red = Invoke-AdsRedactEventsText -Text $w.ToString()
        $file.Write($red.Text)
        $secrets += $red.Secrets
        $written = $true
    } finally {
        $file.Dispose()
        $w.Dispose()
        # A chunk that could not be redacted (a rule timed out) leaves no partial file behind.
        if (-not $written) { Remove-Item -LiteralPath ($Path + '.partial') -Force -ErrorAction SilentlyContinue }
    }
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
    [IO.File]::Move($Path + '.partial', $Path)
    return $secrets
}

function ConvertTo-AdsXmlEscaped {
    # Text for an XML element (& < > escaped, as ToXml() writes it) or, with -Attribute, for a
    # single-quoted attribute (' too); XML 1.0 control characters removed.
    param([AllowNull()][string]$Text, [switch]$Attribute)
    if ($null -eq $Text) { return '' }
    $t = ($Text -replace '[\x00-\x08\x0B\x0C\x0E-\x1F]', '') -replace '&', '&amp;' -replace '<', '&lt;' -replace '>', '&gt;'
    if ($Attribute) { $t = $t -replace "'", '&apos;' }
    return $t
}

function ConvertTo-AdsEventXml {
    # One <Event> built from an EventLogRecord's properties, for Constrained Language mode where ToXml()
    # cannot be called: the System elements the analyzer reads (Provider, EventID with Qualifiers,
    # Level, Task, Keywords, TimeCreated in UTC, EventRecordID, Channel, Computer), the EventData values
    # as unnamed <Data> (what classic sources such as ADSync write), and RenderingInfo with the message.
    # Correlation, Execution and Security are not available this way.
    param([Parameter(Mandatory = $true)]$Event, [string]$Culture)
    $x = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
    $x += "<Provider Name='" + (ConvertTo-AdsXmlEscaped ([string](Get-AdsProp $Event 'ProviderName')) -Attribute) + "'/>"
    $q = Get-AdsProp $Event 'Qualifiers'
    if ($null -ne $q) { $x += "<EventID Qualifiers='" + [string]$q + "'>" } else { $x += '<EventID>' }
    $x += [string](Get-AdsProp $Event 'Id') + '</EventID>'
    $x += '<Level>' + [string](Get-AdsProp $Event 'Level') + '</Level>'
    $task = Get-AdsProp $Event 'Task'
    if ($null -eq $task) { $task = 0 }
    $x += '<Task>' + [string]$task + '</Task>'
    $kw = Get-AdsProp $Event 'Keywords'
    if ($null -ne $kw) { $x += '<Keywords>' + ('0x{0:x}' -f [long]$kw) + '</Keywords>' }
    $t = Get-AdsProp $Event 'TimeCreated'
    if ($t -is [datetime]) { $x += "<TimeCreated SystemTime='" + $t.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffffff') + "Z'/>" }
    $x += '<EventRecordID>' + [string](Get-AdsProp $Event 'RecordId') + '</EventRecordID>'
    $x += '<Channel>' + (ConvertTo-AdsXmlEscaped ([string](Get-AdsProp $Event 'LogName'))) + '</Channel>'
    $x += '<Computer>' + (ConvertTo-AdsXmlEscaped ([string](Get-AdsProp $Event 'MachineName'))) + '</Computer>'
    $x += '</System><EventData>'
    # Get-AdsProp returns the list as one object; assigned, it is the list itself.
    $props = Get-AdsProp $Event 'Properties'
    foreach ($p in $props) {
        if ($null -eq $p) { continue }
        $x += '<Data>' + (ConvertTo-AdsXmlEscaped ([string](Get-AdsProp $p 'Value'))) + '</Data>'
    }
    $x += '</EventData>'
    $msg = $null
    try { $msg = [string](Get-AdsProp $Event 'Message') } catch { $msg = $null }
    if ($msg) {
        $x += "<RenderingInfo Culture='" + (ConvertTo-AdsXmlEscaped $Culture -Attribute) + "'><Message>" + (ConvertTo-AdsXmlEscaped $msg) + '</Message>'
        $lvl = Get-AdsProp $Event 'LevelDisplayName'
        if ($lvl) { $x += '<Level>' + (ConvertTo-AdsXmlEscaped ([string]$lvl)) + '</Level>' }
        $x += '</RenderingInfo>'
    }
    return $x + '</Event>'
}

function Write-AdsEventFileConstrained {
    # events/Application-<Provider>.xml in Constrained Language mode: the same <Events> layout as
    # Write-AdsEventFile, each event built from its properties; the whole text passes the secret rules
    # (Invoke-AdsRedactEventsText), then Write-AdsTextFile. Returns the secrets removed.
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][object[]]$Events, [string]$Culture)
    $lines = @(foreach ($e in $Events) { ConvertTo-AdsEventXml -Event $e -Culture $Culture })
    $text = "<?xml version='1.0' encoding='utf-8'?>`r`n<Events>`r`n" + (($lines -join "`r`n")) + "`r`n</Events>`r`n"
    $red = Invoke-AdsRedactEventsText -Text $text
    Write-AdsTextFile -Path $Path -Text $red.Text
    return $red.Secrets
}
