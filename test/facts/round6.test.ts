// Facts added after the corpus's sixth round (corpus/round6/, scored once before anyone read it): each from
// a type name, a documented number, a program's fixed message or a product's own page; the case id names
// the public source, the comment in src/facts the specification.
import { describe, expect, it } from 'vitest';
import { diagnoseText } from '../rules/helpers.js';

const diagnosis = diagnoseText;

describe('who answered', () => {
  it('a SOAP fault is the service answering (r6-clients-0023)', () => {
    const d = diagnosis("raise Exception(dataxml['s:Envelope']['s:Body']['s:Fault']['s:Reason']['s:Text']['#text'])\nException: The creator of this fault did not specify a Reason.");
    expect(d.codes).toContain('remote-service-error');
    expect(d.verdict).toBe('not-network');
  });

  it('a browser console\'s "the server responded with a status of 500" is the server (r6-clients-0012)', () => {
    expect(diagnosis('Failed to load resource: the server responded with a status of 500 ()').codes).toContain('remote-service-error');
  });

  it('a library\'s report of a refused CONNECT with the proxy\'s status (r6-proxies-0008)', () => {
    const d = diagnosis("Could not open CONNECT tunnel with proxy zagent1495.example.org:22222 [{'status': 403, 'reason': b'Auth Failed'}]");
    expect(d.codes).toContain('proxy-denied');
    expect(d.verdict).toBe('proxy-rejected');
  });

  it('IE\'s words for a 407 without the number (r6-proxies-0025)', () => {
    expect(diagnosis('You must be authenticated by a proxy before the Web server can process your request.').codes).toContain('proxy-auth-required');
  });

  it('a forward proxy that cannot reach its upstream names itself (proxy.py\'s ProxyConnectionFailed; r6-proxies-0006)', () => {
    const d = diagnosis("proxy - ERROR - <ProxyConnectionFailed - ipv6.msftconnecttest.com:80 - gaierror(11001, 'getaddrinfo failed')>");
    expect(d.codes).not.toContain('proxy-bypass-dns');
    expect(d.verdict).toBe('proxy-rejected');
  });

  it('Varnish\'s and Werkzeug\'s own error pages are the destination\'s (r6-proxies-0028, 0036)', () => {
    for (const t of [
      'Error 503 Connection timed out\nGuru Meditation:\nXID: 3541054209\nVarnish cache server',
      'Error 403: <!doctype html> <title>403 Forbidden</title> <h1>Forbidden</h1> <p>You don&#39;t have the permission to access the requested resource. It is either read-protected or not readable by the server.</p>',
    ]) {
      const d = diagnosis(t);
      expect(d.verdict).not.toMatch(/^proxy-/);
      expect(d.codes).toContain('remote-service-error');
    }
  });

  it('an AADSTS code that is not Conditional Access decides, even inside MsalUiRequiredException (r6-clients-0014)', () => {
    const d = diagnosis("Exception: 'Microsoft.Identity.Client.MsalUiRequiredException' occured: AADSTS5000224: We are sorry, this resource is not available.");
    expect(d.codes).toContain('not-network-entra-error');
    expect(d.codes).not.toContain('not-network-conditional-access');
    // Without a code, the exception still means an interaction was needed.
    expect(diagnosis('Microsoft.Identity.Client.MsalUiRequiredException: No account or login hint was passed').codes).toContain('not-network-conditional-access');
  });
});

describe('failures of the program or the server itself', () => {
  it('.NET\'s fixed messages: a null reference, a malformed URI, a service that cannot start (r6-aadc-0002, r6-clients-0037, 0010)', () => {
    for (const t of [
      'Object reference was not set to an instance of an object Synchronization rules editor',
      'An error occurred: Invalid URI: The URI scheme is not valid.',
      'Service cannot be started. System.Xml.XmlException: Unexpected end of file.',
    ]) expect(diagnosis(t).codes).toContain('not-network-local');
  });

  it('the sync engine refusing a second run profile is a run in progress (r6-clients-0039: 0x8023063d)', () => {
    const t = 'BAIL: MMS(3120): ..\\ma.cpp(3419): 0x8023063d (The operation cannot be performed because other synchronization run profile is already running.)';
    expect(diagnosis(t).codes).toContain('sync-in-progress');
  });

  it('cloud sync\'s uniqueness violation is an object error (r6-aadc-0007)', () => {
    expect(diagnosis('An attribute value violates a uniqueness constraint. Please study the values of the attributes').codes).toContain('sync-object-errors');
  });
});

describe('network failures with no hop named', () => {
  it('WCF\'s CommunicationException, PackageManagement\'s unreachable source, NSS\'s mangled handshake (r6-aadc-0001, r6-clients-0002, r6-localized-0023)', () => {
    for (const t of [
      "Error in connector service host: 'System.ServiceModel.CommunicationException: An error occurred while transmitting data.' \"System.IO.IOException: More data was expected, but EOF was reached. \"",
      "WARNING: Unable to resolve package source 'https://www.powershellgallery.com/api/v2'.",
      'Код ошибки: SSL_ERROR_RX_MALFORMED_SERVER_HELLO',
    ]) {
      const d = diagnosis(t);
      expect(d.codes).toContain('network-send-failure');
      expect(d.verdict).toBe('inconclusive');
    }
  });

  it('Winsock texts in Turkish (10054) and Japanese (10061) (r6-localized-0003, 0017)', () => {
    expect(diagnosis('Varolan bir bağlantı uzaktaki bir ana bilgisayar tarafından zorla kapatıldı.').codes).toContain('network-send-failure');
    expect(diagnosis('対象のコンピューターによって拒否されたため、接続できません').codes).toContain('network-send-failure');
  });
});
