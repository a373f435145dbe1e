// Binary XML of one record -> WinEvent, field for field as the event-XML reader maps
// `<Event>` text: System values, EventData/Data (named and unnamed), Binary, UserData, RenderingInfo.
import type { WinEvent } from '../../types.js';
import { ElNode, EvtxDataError, type ChunkParser, type InstNode, type Node } from './binxml.js';

export interface RecordHeader {
  recordId: number;
  /** Record header FILETIME as ISO, used when the event has no TimeCreated. */
  written: string;
}

function localName(n: string): string {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
}

function int(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (t === '') return undefined;
  const v = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : Number(t);
  return Number.isFinite(v) ? v : undefined;
}

export function mapRecord(cp: ChunkParser, nodes: Node[], header: RecordHeader, file: string): WinEvent {
  let root: ElNode | null = null;
  let rootInst: InstNode | null = null;
  cp.forEachElement(nodes, null, 0, (el, inst) => {
    if (root === null) {
      root = el;
      rootInst = inst;
    }
  });
  if (root === null) throw new EvtxDataError('record holds no element');
  const ev: WinEvent = {
    file,
    provider: '',
    eventId: 0,
    level: 0,
    time: '',
    recordId: header.recordId,
    channel: '',
    computer: '',
    namedData: {},
    unnamedData: [],
    location: `record ${header.recordId}`,
  };
  let recordIdText: string | undefined;
  cp.forEachElement((root as ElNode).children, rootInst, 1, (section, inst) => {
    switch (localName(section.name)) {
      case 'System':
        cp.forEachElement(section.children, inst, 2, (el, i) => {
          switch (localName(el.name)) {
            case 'Provider':
              ev.provider = cp.attr(el, 'Name', i, 3) ?? cp.attr(el, 'EventSourceName', i, 3) ?? '';
              break;
            case 'EventID': {
              ev.eventId = int(cp.text(el.children, i, 3)) ?? 0;
              const q = int(cp.attr(el, 'Qualifiers', i, 3));
              if (q !== undefined) ev.qualifiers = q;
              break;
            }
            case 'Level':
              ev.level = int(cp.text(el.children, i, 3)) ?? 0;
              break;
            case 'Task': {
              const t = int(cp.text(el.children, i, 3));
              if (t !== undefined) ev.task = t;
              break;
            }
            case 'Keywords': {
              const k = cp.text(el.children, i, 3);
              if (k !== '') ev.keywords = k;
              break;
            }
            case 'TimeCreated':
              ev.time = cp.attr(el, 'SystemTime', i, 3) ?? '';
              break;
            case 'EventRecordID':
              recordIdText = cp.text(el.children, i, 3);
              break;
            case 'Channel':
              ev.channel = cp.text(el.children, i, 3);
              break;
            case 'Computer':
              ev.computer = cp.text(el.children, i, 3);
              break;
          }
        });
        break;
      case 'EventData':
        cp.forEachElement(section.children, inst, 2, (el, i) => {
          const n = localName(el.name);
          if (n === 'Data') {
            const name = cp.attr(el, 'Name', i, 3);
            const items = cp.arrayOf(el.children, i);
            if (items) {
              // An array value renders as one <Data> per item; a named one keeps the items joined.
              if (name !== undefined && name !== '') ev.namedData[name] = items.join(', ');
              else for (const it of items) ev.unnamedData.push(it);
              return;
            }
            const value = cp.text(el.children, i, 3);
            if (name !== undefined && name !== '') ev.namedData[name] = value;
            else ev.unnamedData.push(value);
          } else if (n === 'Binary') {
            const b = cp.text(el.children, i, 3);
            if (b !== '') ev.binary = b;
          }
        });
        break;
      case 'UserData':
      case 'ProcessingErrorData':
      case 'DebugData': {
        const flat: Record<string, string> = ev.userData ?? {};
        flattenUserData(cp, section.children, inst, 2, flat);
        if (Object.keys(flat).length > 0) ev.userData = flat;
        break;
      }
      case 'RenderingInfo':
        cp.forEachElement(section.children, inst, 2, (el, i) => {
          if (localName(el.name) === 'Message') {
            const m = cp.text(el.children, i, 3);
            if (m.trim() !== '') ev.message = m;
          }
        });
        break;
    }
  });
  const rid = int(recordIdText);
  if (rid !== undefined) {
    ev.recordId = rid;
    ev.location = `record ${rid}`;
  }
  if (ev.time === '') ev.time = header.written;
  return ev;
}

/**
 * The provider of a parsed record (Provider/@Name, else @EventSourceName), without mapping the rest:
 * the pre-filter of analyze reads only this of records it will drop.
 */
export function recordProvider(cp: ChunkParser, nodes: Node[]): string {
  let provider = '';
  let done = false;
  cp.forEachElement(nodes, null, 0, (root, rootInst) => {
    if (done) return;
    done = true;
    cp.forEachElement(root.children, rootInst, 1, (section, inst) => {
      if (localName(section.name) !== 'System') return;
      cp.forEachElement(section.children, inst, 2, (el, i) => {
        if (localName(el.name) === 'Provider') provider = cp.attr(el, 'Name', i, 3) ?? cp.attr(el, 'EventSourceName', i, 3) ?? '';
      });
    });
  });
  return provider;
}

/** UserData flattened to leaf element name -> text; a repeated name keeps its last value (as the event-XML reader does). */
function flattenUserData(cp: ChunkParser, nodes: Node[], inst: InstNode | null, depth: number, out: Record<string, string>): void {
  cp.forEachElement(nodes, inst, depth, (el, i) => {
    let hasChild = false;
    cp.forEachElement(el.children, i, depth + 1, () => {
      hasChild = true;
    });
    if (hasChild) {
      flattenUserData(cp, el.children, i, depth + 1, out);
      return;
    }
    out[localName(el.name)] = cp.text(el.children, i, depth + 1);
  });
}
