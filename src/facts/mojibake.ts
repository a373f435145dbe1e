// Text mangled by a wrong code page: UTF-8 bytes read as Windows-1252 (or Latin-1) or as the OEM code
// page 850 and written back ("aufgelÃ¶st", "aufgel├Âst"). The bytes are recovered and decoded as UTF-8
// again when that gives valid text, so localized phrases match; numbers and type names never needed it.

// CP850 upper half (0x80-0xFF), from the code page's published table
// (https://en.wikipedia.org/wiki/Code_page_850).
const CP850 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0';
// Windows-1252's 0x80-0x9F (the rest of its upper half is Latin-1).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

const CP850_BYTE = new Map<string, number>([...CP850].map((ch, i) => [ch, 0x80 + i]));
const CP1252_BYTE = new Map<string, number>([...CP1252_HIGH].map((ch, i) => [ch, 0x80 + i]));

function bytesOf(text: string, table: Map<string, number>, latin1: boolean): Buffer | undefined {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (table.has(ch)) out.push(table.get(ch)!);
    else if (latin1 && c >= 0xa0 && c <= 0xff) out.push(c);
    else return undefined;
  }
  return Buffer.from(out);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Signs of UTF-8 read in a single-byte code page: a lead byte rendered as Ã/Â/Å/Ð/Ñ/â/ã/ä/å/æ/ç/è/é or as ├/┬/╨/Ô/Ð (CP850). */
const SUSPECT = /[ÃÂÅÐÑÎâãäåæçèéêïð][\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|[├┬╨┤╝╗ÔÒ][\u00A0-\u00FFÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒ░▒▓│┤╣║╗╝┐└┴┬├─┼╚╔╩╦╠═╬┘┌█▄▀■]/u;

/** The text with a wrong-code-page mangling undone, when it is one; otherwise the text unchanged. */
export function repairMojibake(text: string): string {
  if (!SUSPECT.test(text)) return text;
  // Repair line by line: a paste may mix mangled and clean lines.
  return text
    .split('\n')
    .map((line) => {
      if (!SUSPECT.test(line)) return line;
      for (const [table, latin1] of [[CP1252_BYTE, true], [CP850_BYTE, false]] as const) {
        const bytes = bytesOf(line, table, latin1);
        if (!bytes) continue;
        try {
          return UTF8.decode(bytes);
        } catch {
          // not UTF-8 underneath: try the next code page
        }
      }
      return line;
    })
    .join('\n');
}
