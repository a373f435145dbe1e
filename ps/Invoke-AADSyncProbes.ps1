<#
.SYNOPSIS
  Live network probes for aadsync-diagnose: for each endpoint, DNS, a direct TCP connection, an HTTPS
  request through the proxy the sync service would use, and the user realm discovery request.

.DESCRIPTION
  Writes <OutDir>/probes-<As>.json (schema aadsync-diagnose/probes@1, docs/bundle-format.md).
  HTTPS probes run with this process's default TLS ("tls": "process-default") and the realm discovery
  (and an https-proxy test that failed on TLS) again with exactly TLS 1.2 ("tls": "tls12", test names
  realm-discovery-tls12 / https-proxy-tls12): the sync service does not force TLS 1.2 for itself.
  Everything it needs comes in as data: -ProxyJson names a JSON file with the proxy, the endpoints and
  the login host. Nothing from that file is ever run as code.

  Runs on Windows PowerShell 5.1 (the server) and on pwsh 7 (the tests). ASCII only.

  ProxyJson (every field optional):
  {
    "proxy": { "address": "http://proxy.contoso.com:8080", "useDefaultCredentials": true,
               "bypassOnLocal": true, "bypassList": ["regex", ...], "source": "machine.config (Framework64)" },
    "endpoints": [ { "host": "login.microsoftonline.com", "port": 443 } ],
    "loginHost": "login.microsoftonline.com",
    "realmUser": "someone@contoso.com",
    "caCertFile": "C:\\path\\test-ca.pem",
    "timeoutMs": 10000
  }
  caCertFile: an extra CA trusted for this script's own requests only (a test CA). Validation is not
  otherwise weakened: the host name must match and the chain must end at a trusted root or at that CA.

.PARAMETER OutDir
  Folder to write probes-<As>.json into (created when missing).
.PARAMETER As
  Who runs the probes: admin or service (only a label: the caller starts the script as that account).
.PARAMETER ProxyJson
  The JSON file described above.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)][string]$OutDir,
  [ValidateSet('admin', 'service')][string]$As = 'admin',
  [string]$ProxyJson
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$DefaultEndpoints = @(
  'login.microsoftonline.com', 'login.windows.net', 'adminwebservice.microsoftonline.com',
  'provisioningapi.microsoftonline.com', 'management.azure.com', 'policykeyservice.dc.ad.msft.net',
  'secure.aadcdn.microsoftonline-p.com'
)

function Write-ProbeJson([string]$Path, $Object) {
  $json = ConvertTo-Json -InputObject $Object -Depth 10 -Compress
  $utf8NoBom = New-Object System.Text.UTF8Encoding -ArgumentList $false
  $tmp = $Path + '.tmp'
  [System.IO.File]::WriteAllText($tmp, $json, $utf8NoBom)
  if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
  Move-Item -LiteralPath $tmp -Destination $Path
}

# Bad input: one line on stderr, exit 2, nothing written (Write-Error would stop with exit 1 under 'Stop').
function Stop-BadInput([string]$Message) {
  [Console]::Error.WriteLine('Invoke-AADSyncProbes: ' + $Message)
  exit 2
}

function Test-HostName([string]$Name) {
  return ($Name -match '^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$') -and ($Name.Length -le 253)
}

function Get-Prop($Object, [string]$Name) {
  if ($null -eq $Object) { return $null }
  $p = $Object.PSObject.Properties[$Name]
  if ($null -eq $p) { return $null }
  return $p.Value
}

# ---------------------------------------------------------------- input (data only)
$config = $null
if ($ProxyJson) {
  if (-not (Test-Path -LiteralPath $ProxyJson -PathType Leaf)) { Stop-BadInput "ProxyJson file not found: $ProxyJson" }
  try { $config = [System.IO.File]::ReadAllText($ProxyJson) | ConvertFrom-Json }
  catch { Stop-BadInput "ProxyJson is not valid JSON: $($_.Exception.Message)" }
}

$timeoutMs = 10000
$t = Get-Prop $config 'timeoutMs'
if ($null -ne $t) { $timeoutMs = $t -as [int] }
if ($null -eq $timeoutMs -or $timeoutMs -lt 100 -or $timeoutMs -gt 120000) { Stop-BadInput 'timeoutMs must be between 100 and 120000' }

$endpoints = @()
$eps = Get-Prop $config 'endpoints'
if ($null -ne $eps) {
  foreach ($e in @($eps)) {
    $h = [string](Get-Prop $e 'host')
    $port = Get-Prop $e 'port'
    if ($null -eq $port) { $port = 443 }
    if (-not (Test-HostName $h)) { Stop-BadInput "endpoint host is not a host name: '$h'" }
    $portNumber = $port -as [int]
    if ($null -eq $portNumber -or $portNumber -lt 1 -or $portNumber -gt 65535) { Stop-BadInput "endpoint port out of range: $port" }
    $port = $portNumber
    $endpoints += New-Object PSObject -Property @{ host = $h.ToLowerInvariant(); port = $port }
  }
} else {
  foreach ($h in $DefaultEndpoints) { $endpoints += New-Object PSObject -Property @{ host = $h; port = 443 } }
}

$loginHost = [string](Get-Prop $config 'loginHost')
if (-not $loginHost) { $loginHost = 'login.microsoftonline.com' }
if (-not (Test-HostName $loginHost)) { Stop-BadInput "loginHost is not a host name: '$loginHost'" }
$realmUser = [string](Get-Prop $config 'realmUser')
if (-not $realmUser) { $realmUser = 'aadsync-diagnose@contoso.com' }
if ($realmUser -notmatch '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$') { Stop-BadInput 'realmUser must look like user@domain' }

$proxyConf = Get-Prop $config 'proxy'
$proxyAddress = [string](Get-Prop $proxyConf 'address')
$proxyUri = $null
if ($proxyAddress) {
  try { $proxyUri = New-Object System.Uri -ArgumentList $proxyAddress }
  catch { Stop-BadInput "proxy address is not a URI: '$proxyAddress'" }
  if ($proxyUri.Scheme -ne 'http') { Stop-BadInput 'proxy address must be an http:// URI' }
}
$useDefaultCredentials = [bool](Get-Prop $proxyConf 'useDefaultCredentials')
$bypassOnLocal = [bool](Get-Prop $proxyConf 'bypassOnLocal')
$bypassList = @()
$bl = Get-Prop $proxyConf 'bypassList'
if ($null -ne $bl) { $bypassList = @($bl | ForEach-Object { [string]$_ }) }
$proxySource = [string](Get-Prop $proxyConf 'source')
if (-not $proxySource) { $proxySource = $null }

# ---------------------------------------------------------------- trust for a test CA (our requests only)
$validator = $null
$caFile = [string](Get-Prop $config 'caCertFile')
if ($caFile) {
  if (-not (Test-Path -LiteralPath $caFile -PathType Leaf)) { Stop-BadInput "caCertFile not found: $caFile" }
  # C# 5 (Windows PowerShell compiles with the .NET Framework compiler). Static code: no data inside.
  if (-not ('AadSyncProbeTrust' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
public static class AadSyncProbeTrust {
    public static RemoteCertificateValidationCallback ForCa(X509Certificate2 ca) {
        return delegate (object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) {
            if (errors == SslPolicyErrors.None) return true;
            // A name mismatch or a missing certificate is never accepted.
            if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
            if (certificate == null) return false;
            X509Chain own = new X509Chain();
            own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            own.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            own.ChainPolicy.ExtraStore.Add(ca);
            X509Certificate2 leaf = new X509Certificate2(certificate);
            own.Build(leaf);
            if (own.ChainElements.Count < 2) return false;
            X509Certificate2 root = own.ChainElements[own.ChainElements.Count - 1].Certificate;
            if (!string.Equals(root.Thumbprint, ca.Thumbprint, StringComparison.OrdinalIgnoreCase)) return false;
            foreach (X509ChainStatus s in own.ChainStatus) {
                if (s.Status != X509ChainStatusFlags.NoError && s.Status != X509ChainStatusFlags.UntrustedRoot) return false;
            }
            return true;
        };
    }
}
'@
  }
  # Loaded here, not in C#: the file constructor is obsolete (a compile error) on .NET 9+, not in PowerShell.
  $caCert = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (Resolve-Path -LiteralPath $caFile).ProviderPath
  $validator = [AadSyncProbeTrust]::ForCa($caCert)
}

# ---------------------------------------------------------------- TLS: the process default, and TLS 1.2 forced
# The sync service does not enable TLS 1.2 for itself: on .NET Framework 4.x the versions a process offers
# come from its target framework and the registry (SchUseStrongCrypto, SystemDefaultTlsVersions: collected
# in config/tls.json). Forcing TLS 1.2 here would pass where miiserver.exe fails (issue 13.5), so every
# HTTPS probe runs with this process's own default first ("process-default": for powershell.exe the
# same registry settings decide; whether miiserver.exe targets the same framework version is
# UNVERIFIED), and the realm discovery always, the https-proxy test when its default attempt failed on
# TLS, again with exactly TLS 1.2 ("tls12"). Each result says which in its "tls" field.
$tlsDefault = [System.Net.ServicePointManager]::SecurityProtocol
$tlsForced = [System.Net.SecurityProtocolType]::Tls12

# ---------------------------------------------------------------- error classification (structured)
function Get-InnerExceptions($Exception) {
  $list = @()
  $e = $Exception
  $n = 0
  while ($null -ne $e -and $n -lt 12) {
    $list += $e
    if ($e -is [System.AggregateException] -and $e.InnerExceptions.Count -gt 0) { $e = $e.InnerExceptions[0] } else { $e = $e.InnerException }
    $n++
  }
  return $list
}

function Get-SocketClass($SocketException, [bool]$ToProxy) {
  $name = [string]$SocketException.SocketErrorCode
  switch ($name) {
    'HostNotFound' { return 'name-unresolved' }
    'NoData' { return 'name-unresolved' }
    'TryAgain' { return 'name-unresolved' }
    'TimedOut' { if ($ToProxy) { return 'proxy-unreachable' } else { return 'timeout' } }
    'ConnectionRefused' { if ($ToProxy) { return 'proxy-unreachable' } else { return 'refused' } }
    'NetworkUnreachable' { if ($ToProxy) { return 'proxy-unreachable' } else { return 'unreachable' } }
    'HostUnreachable' { if ($ToProxy) { return 'proxy-unreachable' } else { return 'unreachable' } }
    'ConnectionReset' { return 'other' }
  }
  return 'other'
}

# Returns @{ errorClass; httpStatus } for an exception from an HTTP request.
function Get-HttpErrorClass($Exception, [bool]$ViaProxy) {
  $status = $null
  $class = 'other'
  foreach ($e in (Get-InnerExceptions $Exception)) {
    if ($e -is [System.Net.WebException]) {
      if ($null -ne $e.Response -and $e.Response -is [System.Net.HttpWebResponse]) {
        $status = [int]$e.Response.StatusCode
        $e.Response.Close()
      }
      switch ([string]$e.Status) {
        'NameResolutionFailure' { $class = 'name-unresolved' }
        'ProxyNameResolutionFailure' { return @{ errorClass = 'proxy-unreachable'; httpStatus = $status } }
        'Timeout' { $class = 'timeout' }
        'TrustFailure' { return @{ errorClass = 'tls'; httpStatus = $status } }
        'SecureChannelFailure' { return @{ errorClass = 'tls'; httpStatus = $status } }
      }
    }
    # .NET 5+: HttpRequestException carries the status of a failed proxy tunnel.
    $sc = Get-Prop $e 'StatusCode'
    if ($null -eq $status -and $null -ne $sc -and $e.GetType().Name -eq 'HttpRequestException') { $status = [int]$sc }
    $hre = Get-Prop $e 'HttpRequestError'
    if ($null -ne $hre) {
      switch ([string]$hre) {
        'NameResolutionError' { if ($ViaProxy) { $class = 'proxy-unreachable' } else { $class = 'name-unresolved' } }
        'SecureConnectionError' { return @{ errorClass = 'tls'; httpStatus = $status } }
      }
    }
    if ($e -is [System.Security.Authentication.AuthenticationException]) { return @{ errorClass = 'tls'; httpStatus = $status } }
    if ($e -is [System.Net.Sockets.SocketException]) {
      $sockClass = Get-SocketClass $e $ViaProxy
      if ($class -eq 'other' -or $class -eq 'timeout') { $class = $sockClass }
    }
    if ($e -is [System.TimeoutException] -or $e -is [System.Threading.Tasks.TaskCanceledException]) { if ($class -eq 'other') { $class = 'timeout' } }
  }
  if ($null -eq $status) {
    # Last resort, language-neutral: the status number in parentheses, as .NET writes "(407)".
    foreach ($e in (Get-InnerExceptions $Exception)) {
      if ($e.Message -match "\((40[37])\)|'(40[37])'") { if ($matches[1]) { $status = [int]$matches[1] } else { $status = [int]$matches[2] } ; break }
    }
  }
  if ($status -eq 407) { return @{ errorClass = 'proxy-auth'; httpStatus = 407 } }
  if ($status -eq 403) { return @{ errorClass = 'forbidden'; httpStatus = 403 } }
  if ($null -ne $status -and $class -eq 'other') { $class = 'http-error' }
  return @{ errorClass = $class; httpStatus = $status }
}

function Get-ShortError($Exception) {
  $all = Get-InnerExceptions $Exception
  $last = $all[$all.Count - 1]
  $msg = $last.GetType().Name + ': ' + $last.Message
  if ($msg.Length -gt 300) { $msg = $msg.Substring(0, 300) }
  return $msg
}

function New-Result([string]$Endpoint, [int]$Port, [string]$Test) {
  return [ordered]@{
    endpoint = $Endpoint; port = $Port; test = $Test; ok = $false; addresses = $null; proxy = $null
    route = $null; httpStatus = $null; errorClass = $null; error = $null; durationMs = 0
  }
}

# 'process-default' or 'tls12': the versions this process offers for the next request.
function Set-ProbeTls([string]$Mode) {
  if ($Mode -eq 'tls12') { [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.SecurityProtocolType]::Tls12 }
  else { [System.Net.ServicePointManager]::SecurityProtocol = $tlsDefault }
}

# ---------------------------------------------------------------- the tests
function Resolve-Name([string]$Name) {
  $ar = [System.Net.Dns]::BeginGetHostAddresses($Name, $null, $null)
  if (-not $ar.AsyncWaitHandle.WaitOne($timeoutMs)) { throw (New-Object System.TimeoutException -ArgumentList "DNS lookup of $Name timed out") }
  return [System.Net.Dns]::EndGetHostAddresses($ar)
}

function Test-Dns($Ep) {
  $r = New-Result $Ep.host $Ep.port 'dns'
  $sw = [System.Diagnostics.Stopwatch]::StartNew()
  try {
    $addrs = @(Resolve-Name $Ep.host)
    $r.addresses = @($addrs | ForEach-Object { $_.ToString() })
    $r.ok = ($addrs.Count -gt 0)
    if (-not $r.ok) { $r.errorClass = 'name-unresolved' }
  } catch {
    $ex = $_.Exception
    $r.errorClass = 'name-unresolved'
    foreach ($e in (Get-InnerExceptions $ex)) { if ($e -is [System.TimeoutException]) { $r.errorClass = 'timeout' } }
    $r.error = Get-ShortError $ex
  }
  $r.durationMs = [int]$sw.ElapsedMilliseconds
  return $r
}

function Test-TcpDirect($Ep, $Addresses) {
  $r = New-Result $Ep.host $Ep.port 'tcp-direct'
  $r.route = 'direct'
  $sw = [System.Diagnostics.Stopwatch]::StartNew()
  if ($null -eq $Addresses -or @($Addresses).Count -eq 0) {
    $r.errorClass = 'name-unresolved'
    $r.error = 'the name did not resolve, so no direct connection could be tried'
    $r.durationMs = [int]$sw.ElapsedMilliseconds
    return $r
  }
  $addr = [System.Net.IPAddress]::Parse(@($Addresses)[0])
  $client = New-Object System.Net.Sockets.TcpClient -ArgumentList $addr.AddressFamily
  try {
    $ar = $client.BeginConnect($addr, $Ep.port, $null, $null)
    if (-not $ar.AsyncWaitHandle.WaitOne($timeoutMs)) {
      $r.errorClass = 'timeout'
      $r.error = "no answer from ${addr}:$($Ep.port) within $timeoutMs ms"
    } else {
      $client.EndConnect($ar)
      $r.ok = $true
    }
  } catch {
    $ex = $_.Exception
    $r.errorClass = 'other'
    foreach ($e in (Get-InnerExceptions $ex)) { if ($e -is [System.Net.Sockets.SocketException]) { $r.errorClass = Get-SocketClass $e $false } }
    $r.error = Get-ShortError $ex
  } finally {
    $client.Close()
  }
  $r.durationMs = [int]$sw.ElapsedMilliseconds
  return $r
}

function New-ProbeProxy {
  if ($null -eq $proxyUri) { return $null }
  $p = New-Object System.Net.WebProxy -ArgumentList $proxyUri
  $p.BypassProxyOnLocal = $bypassOnLocal
  if ($bypassList.Count -gt 0) { $p.BypassList = [string[]]$bypassList }
  if ($useDefaultCredentials) { $p.UseDefaultCredentials = $true }
  return $p
}

# One HTTPS GET: through the proxy (unless a bypass rule sends it direct), our own trust callback only.
function Invoke-Probe([string]$Url, [string]$Endpoint, [int]$Port, [string]$Test, [bool]$ExpectJson, [string]$Tls = 'process-default') {
  $r = New-Result $Endpoint $Port $Test
  $r.tls = $Tls
  Set-ProbeTls $Tls
  $uri = New-Object System.Uri -ArgumentList $Url
  $proxy = New-ProbeProxy
  $viaProxy = ($null -ne $proxy) -and (-not $proxy.IsBypassed($uri))
  if ($viaProxy) { $r.proxy = $proxyUri.AbsoluteUri.TrimEnd('/'); $r.route = 'proxy' } else { $r.route = 'direct' }
  $sw = [System.Diagnostics.Stopwatch]::StartNew()
  $response = $null
  try {
    $req = [System.Net.HttpWebRequest][System.Net.WebRequest]::Create($uri)
    if ($null -ne $proxy) { $req.Proxy = $proxy } else { $req.Proxy = $null }
    $req.Method = 'GET'
    $req.Timeout = $timeoutMs
    $req.ReadWriteTimeout = $timeoutMs
    $req.AllowAutoRedirect = $false
    $req.KeepAlive = $false
    $req.UserAgent = 'aadsync-diagnose-probe'
    if ($null -ne $validator) { $req.ServerCertificateValidationCallback = $validator }
    try {
      $response = [System.Net.HttpWebResponse]$req.GetResponse()
    } catch [System.Net.WebException] {
      # A server answer such as 404 still proves the path; only the proxy's own refusals are failures.
      $we = $_.Exception
      if ($null -ne $we.Response -and $we.Status -eq [System.Net.WebExceptionStatus]::ProtocolError) {
        $code = [int]([System.Net.HttpWebResponse]$we.Response).StatusCode
        if ($code -ne 407 -and -not ($viaProxy -and $code -eq 403)) { $response = [System.Net.HttpWebResponse]$we.Response }
      }
      if ($null -eq $response) { throw }
    }
    $r.httpStatus = [int]$response.StatusCode
    $r.ok = $true
    if ($ExpectJson) {
      $ctype = [string]$response.ContentType
      if ($r.httpStatus -ne 200 -or $ctype -notmatch 'json') {
        # HTML where JSON is expected: a block page or a proxy's own answer, not Azure AD's.
        $r.ok = $false
        $r.errorClass = 'http-error'
        $r.error = "realm discovery answered HTTP $($r.httpStatus) with '$ctype', not JSON"
      }
    }
  } catch {
    $ex = $_.Exception
    $c = Get-HttpErrorClass $ex $viaProxy
    $r.errorClass = $c.errorClass
    $r.httpStatus = $c.httpStatus
    $r.error = Get-ShortError $ex
  } finally {
    if ($null -ne $response) { $response.Close() }
  }
  $r.durationMs = [int]$sw.ElapsedMilliseconds
  return $r
}

# ---------------------------------------------------------------- run
if (-not (Test-Path -LiteralPath $OutDir)) { New-Item -ItemType Directory -Path $OutDir -Force | Out-Null }
$outFile = Join-Path $OutDir ("probes-" + $As + ".json")

$results = New-Object System.Collections.ArrayList
foreach ($ep in $endpoints) {
  $dns = Test-Dns $ep
  [void]$results.Add($dns)
  [void]$results.Add((Test-TcpDirect $ep $dns.addresses))
  if ($null -ne $proxyUri) {
    $scheme = 'https'
    if ($ep.port -eq 80) { $scheme = 'http' }
    $url = $scheme + '://' + $ep.host + ':' + $ep.port + '/'
    $viaDefault = Invoke-Probe $url $ep.host $ep.port 'https-proxy' $false 'process-default'
    [void]$results.Add($viaDefault)
    if ($scheme -eq 'https' -and $viaDefault.errorClass -eq 'tls') {
      [void]$results.Add((Invoke-Probe $url $ep.host $ep.port 'https-proxy-tls12' $false 'tls12'))
    }
  }
}
$realmUrl = 'https://' + $loginHost + '/common/userrealm/' + [System.Uri]::EscapeDataString($realmUser) + '?api-version=1.0'
[void]$results.Add((Invoke-Probe $realmUrl $loginHost 443 'realm-discovery' $true 'process-default'))
[void]$results.Add((Invoke-Probe $realmUrl $loginHost 443 'realm-discovery-tls12' $true 'tls12'))
Set-ProbeTls 'process-default'

$user = $null
try { $user = [System.Security.Principal.WindowsIdentity]::GetCurrent().Name } catch { $user = [System.Environment]::UserName }

$proxyOut = $null
if ($null -ne $proxyUri) {
  $proxyOut = [ordered]@{ address = $proxyUri.AbsoluteUri.TrimEnd('/'); useDefaultCredentials = $useDefaultCredentials; source = $proxySource }
}
$doc = [ordered]@{
  schema = 'aadsync-diagnose/probes@1'
  as = $As
  user = $user
  startedBy = 'ps/Invoke-AADSyncProbes.ps1'
  tls = [ordered]@{ processDefault = [string]$tlsDefault; forced = [string]$tlsForced }
  proxy = $proxyOut
  results = @($results)
}
Write-ProbeJson $outFile $doc
exit 0
