// WinEvent -> the event XML Windows shows (Get-WinEvent ... .ToXml(), Event Viewer's XML view):
// `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>…</System><EventData>…`,
// single-quoted attributes, no white space between elements, one event per call.
// Used by `events --format xml`; the output reads back through the event-XML reader unchanged.
import type { WinEvent } from '../types.js';

const EVENT_NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

function text(s: string): string {
  // \r as a character reference: an XML parser turns a raw CR LF into LF, and event data keeps CR LF.
  return s
    .replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'))
    .replace(INVALID_XML, '');
}

function attr(s: string): string {
  return text(s).replace(/'/g, '&apos;');
}

// Characters XML 1.0 cannot carry (Windows writes them as-is into .evtx strings; dropped here so
// the output is well-formed).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

const NAME = /^[A-Za-z_][\w.-]*$/;

export function renderEventXml(e: WinEvent): string {
  let s = `<Event xmlns='${EVENT_NS}'><System>`;
  s += `<Provider Name='${attr(e.provider)}'/>`;
  s += e.qualifiers !== undefined ? `<EventID Qualifiers='${e.qualifiers}'>${e.eventId}</EventID>` : `<EventID>${e.eventId}</EventID>`;
  s += `<Level>${e.level}</Level>`;
  if (e.task !== undefined) s += `<Task>${e.task}</Task>`;
  if (e.keywords !== undefined) s += `<Keywords>${text(e.keywords)}</Keywords>`;
  if (e.time) s += `<TimeCreated SystemTime='${attr(e.time)}'/>`;
  s += `<EventRecordID>${e.recordId}</EventRecordID>`;
  s += `<Channel>${text(e.channel)}</Channel>`;
  s += `<Computer>${text(e.computer)}</Computer>`;
  s += '</System>';
  const named = Object.entries(e.namedData);
  if (e.userData && named.length === 0 && e.unnamedData.length === 0) {
    // UserData keeps only leaf names and values (WinEvent flattens it): rendered under one element.
    s += '<UserData><EventXML>';
    for (const [k, v] of Object.entries(e.userData)) {
      const name = NAME.test(k) ? k : 'Data';
      s += `<${name}>${text(v)}</${name}>`;
    }
    s += '</EventXML></UserData>';
  } else if (named.length > 0 || e.unnamedData.length > 0 || e.binary !== undefined) {
    s += '<EventData>';
    for (const [k, v] of named) s += `<Data Name='${attr(k)}'>${text(v)}</Data>`;
    for (const v of e.unnamedData) s += `<Data>${text(v)}</Data>`;
    if (e.binary !== undefined) s += `<Binary>${text(e.binary)}</Binary>`;
    s += '</EventData>';
  }
  if (e.message !== undefined) s += `<RenderingInfo><Message>${text(e.message)}</Message></RenderingInfo>`;
  s += '</Event>';
  return s;
}
