// `events` output is evidence as much as a report is (issue 15 A7: it goes into tickets too): every
// event passes the redactor before it is written, in every format. Secrets always; identities with
// `events --redact`, as `analyze --redact`. The event's numbers, provider, channel and time stay.
import type { WinEvent } from '../evidence/types.js';
import type { Redactor } from './redactor.js';

export function redactEvent(e: WinEvent, r: Redactor): WinEvent {
  const out: WinEvent = {
    ...e,
    file: r.path(e.file),
    computer: r.text(e.computer),
    location: r.text(e.location),
    namedData: r.json(e.namedData),
    unnamedData: e.unnamedData.map((v) => r.text(v)),
  };
  if (e.message !== undefined) out.message = r.text(e.message);
  if (e.userData !== undefined) out.userData = r.json(e.userData);
  if (e.binary !== undefined) out.binary = r.text(e.binary);
  return out;
}
