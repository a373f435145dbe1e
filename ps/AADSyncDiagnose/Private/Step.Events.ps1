# Step.Events.ps1 - step "events": Get-WinEvent -FilterHashtable per provider, written as
# events/Application-<Provider>.xml with the rendered message.

function Invoke-AdsEvents {
    param([Parameter(Mandatory = $true)][hashtable]$Context)
    $since = (Get-Date).AddHours(-[double]$Context.SinceHours)
    $failures = New-Object System.Collections.ArrayList
    $notes = New-Object System.Collections.ArrayList
    $culture = [Globalization.CultureInfo]::CurrentUICulture.Name
    if (-not $culture) { $culture = 'en-US' }
    foreach ($provider in $script:EventProviders) {
        Write-Verbose "Get-WinEvent Application, provider $provider, since $(Format-AdsDate $since)"
        try {
            $events = @(Get-AdsWinEvents -FilterHashtable @{ LogName = 'Application'; ProviderName = $provider; StartTime = $since })
        } catch { [void]$failures.Add("${provider}: $(Get-AdsErrorText $_)"); continue }
        if ($events.Count -eq 0) { [void]$notes.Add("${provider}: none"); continue }
        # Get-WinEvent returns the newest first, so -MaxEvents keeps the newest: say that older events
        # of the window were left out, so nobody reads the bundle as the whole window.
        if ($events.Count -ge $script:MaxEventsPerProvider) {
            [void]$notes.Add("${provider}: only the newest $($script:MaxEventsPerProvider) events of the look-back window were collected; older ones exist (use a shorter -SinceHours to see a whole window)")
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
            Write-AdsEventFile -Path $path -Events $group -Culture $culture
            [void]$notes.Add("${name}: $($group.Length)")
        }
    }
    if ($failures.Count -gt 0) { return @{ status = 'failed'; error = ($failures -join '; '); notes = $notes.ToArray() } }
    return @{ status = 'ok'; error = $null; notes = $notes.ToArray() }
}

function Get-AdsWinEvents {
    # Get-WinEvent with a FilterHashtable (filtered in the event-log service, never Where-Object).
    # "No events were found" is an empty result; anything else throws.
    param([Parameter(Mandatory = $true)][hashtable]$FilterHashtable, [int]$MaxEvents = $script:MaxEventsPerProvider)
    try {
        return @(Get-WinEvent -FilterHashtable $FilterHashtable -MaxEvents $MaxEvents -ErrorAction Stop)
    } catch {
        $fqid = [string]$_.FullyQualifiedErrorId
        # windows-facts 5: match the id, never the (localized) text.
        if ($fqid -like 'NoMatchingEventsFound*') { return @() }
        # A provider that is not registered on this machine (no writeback, no Health agent): also empty.
        # The id is an assumption (UNVERIFIED); the message check is the English fallback.
        if ($fqid -like 'NoMatchingProvidersFound*' -or $fqid -like '*ProviderNotFound*' -or
            [string]$_.Exception.Message -like 'There is not an event provider*') { return @() }
        throw
    }
}

function Write-AdsEventFile {
    # One events/Application-<Provider>.xml: each event's ToXml() with <RenderingInfo> (the rendered
    # message, what wevtutil /f:RenderedXml adds) before </Event>, so the message survives off the server.
    # Per event: foreach statements and .NET calls only, straight into one StreamWriter (no pipeline, no
    # function call, no string built for the whole event): a server can hold 100k events in the window.
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][object[]]$Events, [string]$Culture)
    $riOpen = "<RenderingInfo Culture='" + [Security.SecurityElement]::Escape($Culture) + "'><Message>"
    $w = New-Object IO.StreamWriter(($Path + '.partial'), $false, $script:Utf8NoBom, 65536)
    try {
        $w.Write("<?xml version='1.0' encoding='utf-8'?>`r`n<Events>`r`n")
        foreach ($e in $Events) {
            $msg = $null
            try { $msg = [string]$e.Message } catch { $msg = $null }
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
    } finally { $w.Dispose() }
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
    [IO.File]::Move($Path + '.partial', $Path)
}
