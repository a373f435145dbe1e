// A large event export as the collector writes it (UTF-16 LE with BOM, CRLF, one <Event> per line with
// multi-line messages), every event carrying obviously fake seeded secrets and customer identities.
// Written in batches, so the generating process stays small whatever the size.
//
// Seeded values are placed ACROSS the places a streaming redactor could cut the text:
// - every READ_BLOCK_BYTES byte boundary: a secret (even blocks) or a surrogate pair (odd blocks)
//   straddles it, so a block read splits it;
// - every PIECE_CHARS from the start of the current piece: a secret straddles it (a fixed-size cut
//   would split it). The piece then really ends before that event (the last `\n<Event` in the window),
//   right after the previous event, whose last line also carries a secret.
import { closeSync, openSync, writeSync } from 'node:fs';

export const LATE_HOST = 'SYNCLATE02';
export const FAKE_MARKERS = ['FAKE', 'c3ZjLXByb3h5OkZB' /* base64 of "svc-proxy:FA" */];
export const CUSTOMER_NAMES = ['contoso', 'AADC01', 'svc-aadc', '3623811015', '10.20.30.40', LATE_HOST];

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Deterministic variety (ids, times, words), so the file compresses like a real export (about 10:1). */
let rng = 1;
const rand = (n: number) => {
  rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
  return (rng >>> 8) % n;
};
const WORDS = 'the sync cycle delta import export run profile connector space metaverse object failed completed retry proxy token service endpoint timeout reset'.split(' ');
const hex = (n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[rand(16)]).join('');
const noise = () => `${Array.from({ length: 12 }, () => WORDS[rand(WORDS.length)]).join(' ')} ${rand(100000)}`;

/** One event line (CRLF at the end). `mid` is put in a Data element after `pad` characters of filler. */
function event(i: number, opts: { pad?: number; mid?: string; last?: boolean } = {}): string {
  rng = (Math.imul(i, 2654435761) >>> 0) + 1; // the same event for the same i, whatever the padding
  const computer = opts.last ? `${LATE_HOST}.contoso.local` : 'AADC01.contoso.local';
  const padData = opts.pad !== undefined ? `<Data Name='pad'>${'.'.repeat(opts.pad)}${opts.mid ?? ''}</Data>` : '';
  const late = i % 50 === 7 ? ` The export ran on ${LATE_HOST} as well.` : '';
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Directory Synchronization'/>` +
    `<EventID Qualifiers='0'>906</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-24T${String(10 + rand(12)).padStart(2, '0')}:${String(rand(60)).padStart(2, '0')}:02.${rand(10000000)}Z'/>` +
    `<EventRecordID>${47000 + i}</EventRecordID><Correlation ActivityID='{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}'/>` +
    `<Execution ProcessID='${rand(9000)}' ThreadID='${rand(9000)}'/><Computer>${computer}</Computer>` +
    `<Security UserID='S-1-5-21-3623811015-3361044348-30300820-1104'/></System><EventData>${padData}` +
    `<Data>GetSecurityToken failed for svc-aadc@contoso.com through http://svc-proxy:P@ssw0rd-FAKE-${i}@proxy.contoso.com:8080 ` +
    `(CONTOSO\\svc-aadc from 10.20.30.40).${late} \u26a0 \u{1F600}\r\n` +
    `   at System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)\r\n` +
    `   ${noise()}\r\n` +
    `   Proxy-Authorization: Basic ${b64(`svc-proxy:FAKE-S3cret-b${i}`)}\r\n` +
    `   --- End of inner exception stack trace ---</Data>` +
    `<Data Name='connection'>Data Source=sql01.contoso.local;User ID=CONTOSO\\svc-sql;Password=FAKE-S3cret-c${i};</Data></EventData>` +
    `<RenderingInfo Culture='en-US'><Message>Sync as CN=svc-aadc,OU=Sync,DC=contoso,DC=local; retry with Password=FAKE-S3cret-d${i}</Message></RenderingInfo></Event>\r\n`
  );
}

/** Every identity and shape of the file once, without LATE_HOST (learned from the file itself). */
export function identitySeedText(): string {
  return event(1, { pad: 0, mid: 'x' });
}

export interface BigEventFile {
  bytes: number;
  events: number;
  /** Secrets or surrogate pairs placed across a block or piece boundary. */
  straddles: number;
}

export function writeBigEventXml(path: string, targetBytes: number, cuts: { pieceChars: number; blockBytes: number }): BigEventFile {
  const fd = openSync(path, 'w');
  let batch = '';
  let chars = 0; // characters written after the BOM
  const out = (s: string) => {
    batch += s;
    chars += s.length;
    if (batch.length > 1 << 19) {
      writeSync(fd, Buffer.from(batch, 'utf16le'));
      batch = '';
    }
  };
  try {
    writeSync(fd, Buffer.from([0xff, 0xfe]));
    out('<Events>\r\n');
    // Character index P: the boundary between char P-1 and P (byte 2 + 2P in the file).
    let pieceTarget = cuts.pieceChars;
    let block = 1;
    const blockTarget = () => (block * cuts.blockBytes - 2) / 2;
    let i = 0;
    let straddles = 0;
    const targetChars = (targetBytes - 2) / 2;
    while (chars < targetChars) {
      i++;
      const start = chars;
      const regular = event(i);
      const pieceNext = pieceTarget;
      const blockNext = blockTarget();
      const next = Math.min(pieceNext, blockNext);
      // Where a payload may begin in a straddle event: after the fixed text before the pad.
      const head = event(i, { pad: 0, mid: '' }).indexOf("<Data Name='pad'>") + "<Data Name='pad'>".length;
      let line = regular;
      if (start + regular.length + head + 64 > next) {
        const isBlock = next === blockNext;
        const mid = isBlock && block % 2 === 1 ? '\u{1F600}' : `http://svc-proxy:P@ssw0rd-FAKE-X${i}@proxy.contoso.com:8080`;
        // The middle of the payload: the surrogate pair's two halves, or inside the password.
        const center = mid.length === 2 ? 1 : mid.indexOf('FAKE') + 2;
        const pad = next - start - head - center;
        if (pad >= 0) {
          line = event(i, { pad, mid });
          straddles++;
        }
      }
      out(line);
      const end = chars;
      while (blockTarget() < end) block++;
      // The piece really ends at the last event start at or before pieceTarget (stream-text findCut).
      if (pieceTarget < end) pieceTarget = start + cuts.pieceChars;
      else if (pieceTarget === end) pieceTarget = end + cuts.pieceChars;
    }
    out(event(i + 1, { last: true }));
    out('</Events>\r\n');
    if (batch.length > 0) writeSync(fd, Buffer.from(batch, 'utf16le'));
    return { bytes: 2 + chars * 2, events: i + 1, straddles };
  } finally {
    closeSync(fd);
  }
}
