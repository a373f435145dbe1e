// The rules that tell servers apart (src/fleet/identify.ts), on scanned facts: no files needed.
import { describe, expect, it } from 'vitest';
import { collectorRoot, hostKey, identify, SHARED_ZIP, type ScannedEntry } from '../../src/fleet/identify.js';

const G = '/in/ticket';

/** A file under the given folder /in/ticket, its display path `ticket/<rel>`. */
function file(rel: string, extra: Partial<ScannedEntry> = {}): ScannedEntry {
  const parts = rel.split('/');
  const chain: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) chain.push(`${G}/${parts.slice(0, i).join('/')}`);
  chain.push(G);
  return { display: `ticket/${rel}`, chain, diskFile: `${G}/${rel}`, ...extra };
}

/** A member of the zip /in/ticket/<zip>. */
function member(zip: string, rel: string, extra: Partial<ScannedEntry> = {}): ScannedEntry {
  const z = `${G}/${zip}`;
  const parts = rel.split('/');
  const chain: string[] = [];
  for (let i = parts.length - 1; i >= 1; i--) chain.push(`${z}!/${parts.slice(0, i).join('/')}`);
  chain.push(`${z}!`, G);
  return { display: `ticket/${zip}!/${rel}`, chain, diskFile: z, ...extra };
}

const events = (...computers: string[]): Partial<ScannedEntry> => ({ computers, namedBy: 'events' });

function byName(id: ReturnType<typeof identify>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const u of id.units) out[u.name] = [...u.entries].sort();
  return out;
}

describe('hostKey', () => {
  it('compares names by their first DNS label, case-insensitively', () => {
    expect(hostKey('AADC01.contoso.local')).toBe('AADC01');
    expect(hostKey('aadc01')).toBe('AADC01');
    expect(hostKey('AADC02.contoso.local')).not.toBe(hostKey('AADC01.contoso.local'));
  });
  it('names nothing for empty, localhost or placeholder names; keeps an IPv4 address whole', () => {
    for (const n of ['', '  ', 'localhost', '-', null, undefined]) expect(hostKey(n)).toBeNull();
    expect(hostKey('10.0.0.5')).toBe('10.0.0.5');
  });
});

describe('collectorRoot', () => {
  it('finds the run folder of Get-MECDiagData / Get-AADCDiagData and the Cloud Sync zip', () => {
    expect(collectorRoot('t.zip!/MECLOG/20261125-093000/CONFIG/GENERAL/machine.config')).toBe('t.zip!/MECLOG/20261125-093000');
    expect(collectorRoot('x/AADCLOG/20201228-101500/EVENTLOG/A_Application.evtx')).toBe('x/AADCLOG/20201228-101500');
    expect(collectorRoot('x/20261125-093000/EVENTLOG/A_Application.evtx')).toBe('x/20261125-093000');
    expect(collectorRoot('d/AADCloudProvisioningDiagnostics-20261125-093000.zip!/trace.log')).toBe('d/AADCloudProvisioningDiagnostics-20261125-093000.zip!');
  });
  it('near miss: a dated folder without a collector sub-folder is not a run', () => {
    expect(collectorRoot('x/20261125-093000/notes.txt')).toBeNull();
    expect(collectorRoot('x/MECLOG/notes.txt')).toBeNull();
  });
});

describe('identify', () => {
  it('one bundle is one server named by its manifest, whatever its events say', () => {
    const id = identify(
      [file('b1/manifest.json', { manifestHost: 'AADC01' }), file('b1/events/app.xml', events('OTHER.contoso.local')), file('b1/config/machine.config')],
      [G],
    );
    expect(byName(id)).toEqual({ AADC01: ['ticket/b1/config/machine.config', 'ticket/b1/events/app.xml', 'ticket/b1/manifest.json'] });
    expect(id.units[0]!.identifiedBy).toBe('bundle-manifest');
    expect(id.units[0]!.standaloneRoot).toBe(`${G}/b1`);
    expect(id.byComputer.size).toBe(0);
  });

  it('two bundles of the same host name are two servers (two collections; redacted hosts are tokens)', () => {
    const id = identify(
      [
        file('b1/manifest.json', { manifestHost: 'host-1' }),
        file('b1/events/app.xml'),
        member('b2.zip', 'manifest.json', { manifestHost: 'host-1' }),
        member('b2.zip', 'events/app.xml'),
        { display: 'ticket/b2.zip', chain: [G], diskFile: `${G}/b2.zip`, zip: true },
      ],
      [G],
    );
    expect(id.units.map((u) => u.name)).toEqual(['host-1', 'host-1']);
    expect(id.units.map((u) => u.standaloneRoot).sort()).toEqual([`${G}/b1`, `${G}/b2.zip`]);
    expect(id.unitOf.get('ticket/b2.zip')).toBe(id.unitOf.get('ticket/b2.zip!/manifest.json'));
  });

  it('a collector run is one server named by its <HOST>_ files', () => {
    const id = identify(
      [
        member('c.zip', 'MECLOG/20261125-093000/EVENTLOG/SYNC01_Application.evtx', events('SYNC01.contoso.com')),
        member('c.zip', 'MECLOG/20261125-093000/CONFIG/GENERAL/machine.config'),
        { display: 'ticket/c.zip', chain: [G], diskFile: `${G}/c.zip`, zip: true },
      ],
      [G],
    );
    expect(id.units).toHaveLength(1);
    expect(id.units[0]).toMatchObject({ name: 'SYNC01', identifiedBy: 'collector', standaloneRoot: `${G}/c.zip` });
  });

  it('loose files are grouped by the computer they name; unnamed ones go to the only server of their folder', () => {
    const id = identify(
      [
        file('a/app.xml', events('SRVA.contoso.local')),
        file('a/machine.config'),
        file('b/app.evtx', events('SRVB.contoso.local')),
        file('b/sub/trace-20261125-090544.log'),
      ],
      [G],
    );
    expect(byName(id)).toEqual({
      'SRVA.contoso.local': ['ticket/a/app.xml', 'ticket/a/machine.config'],
      'SRVB.contoso.local': ['ticket/b/app.evtx', 'ticket/b/sub/trace-20261125-090544.log'],
    });
    expect(id.keptApart).toEqual([]);
  });

  it('unnamed files in a folder holding two servers are kept apart, and the reason says so', () => {
    const id = identify([file('x/app-a.xml', events('SRVA')), file('x/app-b.xml', events('SRVB')), file('x/machine.config')], [G]);
    const apart = id.units.find((u) => u.identifiedBy === 'kept-apart')!;
    expect(apart.entries).toEqual(['ticket/x/machine.config']);
    expect(apart.notes.join(' ')).toMatch(/name no computer.*ticket\/x.*2 servers \(SRVA, SRVB\)/);
    expect(id.keptApart.map((k) => k.inputs[0]).sort()).toEqual(['ticket/x/app-a.xml', 'ticket/x/app-b.xml', 'ticket/x/machine.config']);
    // Neither named server got the machine.config.
    expect(byName(id)['SRVA']).toEqual(['ticket/x/app-a.xml']);
    expect(byName(id)['SRVB']).toEqual(['ticket/x/app-b.xml']);
  });

  it('nothing named anywhere: one server of unknown name, everything in it (analyze of one server, as before)', () => {
    const id = identify([file('machine.config'), file('trace-20261125-090544.log'), file('pasted.txt')], [G]);
    expect(id.units).toHaveLength(1);
    expect(id.units[0]).toMatchObject({ key: 'unknown', identifiedBy: 'none' });
    expect(id.units[0]!.entries).toHaveLength(3);
  });

  it('one server named and loose files beside it: all one server', () => {
    const id = identify([file('app.xml', events('AADC01.contoso.local')), file('machine.config'), file('sub/netsh.txt')], [G]);
    expect(id.units).toHaveLength(1);
    expect(id.units[0]!.entries).toHaveLength(3);
  });

  it('a loose event file naming the host of the bundle beside it joins that bundle; near miss: in another ticket of a tickets folder it does not', () => {
    const beside = identify(
      [file('t1/b/manifest.json', { manifestHost: 'AADC01' }), file('t1/b/events/app.xml'), file('t1/Application.xml', events('AADC01.contoso.local'))],
      [G],
    );
    expect(beside.units).toHaveLength(1);
    expect(beside.units[0]!.entries).toContain('ticket/t1/Application.xml');
    const apart = identify(
      [
        file('t1/b/manifest.json', { manifestHost: 'AADC01' }),
        file('t1/b/events/app.xml'),
        file('t3/b/manifest.json', { manifestHost: 'SYNC07' }),
        file('t2/Application.xml', events('AADC01.contoso.local')),
      ],
      [G],
    );
    // Both name AADC01 (a common name) but sit in two tickets: the loose file is not folded into the other ticket's bundle.
    expect(apart.units.map((u) => `${u.name}:${u.identifiedBy}`).sort()).toEqual(['AADC01.contoso.local:events', 'AADC01:bundle-manifest', 'SYNC07:bundle-manifest']);
  });

  it('a file whose events name two computers is read by computer: each name gets its own server', () => {
    const id = identify([file('fwd/ForwardedEvents.xml', events('SRVA.contoso.local', 'SRVB.contoso.local'))], [G]);
    expect(id.units.map((u) => u.name).sort()).toEqual(['SRVA.contoso.local', 'SRVB.contoso.local']);
    const own = id.byComputer.get('ticket/fwd/ForwardedEvents.xml')!;
    expect(id.eventUnits.get('ticket/fwd/ForwardedEvents.xml\nSRVA')).toBe(own);
    expect(id.eventUnits.get('ticket/fwd/ForwardedEvents.xml\nSRVB')).not.toBe(own);
    expect(id.keptApart[0]!.reason).toMatch(/name 2 computers/);
    // Read in the walk that routes its events, never alone.
    expect(id.units.every((u) => u.standaloneRoot === undefined)).toBe(true);
  });

  it('a zip holding two bundles is shared; each bundle is its own server', () => {
    const id = identify(
      [
        { display: 'ticket/t.zip', chain: [G], diskFile: `${G}/t.zip`, zip: true },
        member('t.zip', 'a/manifest.json', { manifestHost: 'A' }),
        member('t.zip', 'a/events/x.xml'),
        member('t.zip', 'b/manifest.json', { manifestHost: 'B' }),
        member('t.zip', 'b/events/x.xml'),
      ],
      [G],
    );
    expect(id.unitOf.get('ticket/t.zip')).toBe(SHARED_ZIP);
    expect(id.units.map((u) => u.name).sort()).toEqual(['A', 'B']);
    // Both live in one zip file: read in one walk, not alone.
    expect(id.units.every((u) => u.standaloneRoot === undefined)).toBe(true);
  });
});
