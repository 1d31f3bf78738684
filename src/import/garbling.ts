import { encodeAs } from '../text/decode.js';

/**
 * Text that went through the wrong decoder before it reached us: the bytes are gone, only the
 * characters the wrong decoder made are left. Two kinds are common in archives.
 *
 * UTF-8 read as Windows-1252 or Latin-1 ("å¬å¼€" for 召开): each Chinese character became two
 * or three Latin-1 letters and signs. Where the Latin-1 run encodes back to valid UTF-8, the
 * text is repaired; where a byte was lost (Windows-1252 has no character for 0x81, 0x8D, 0x8F,
 * 0x90, 0x9D), it cannot be, and the run is reported.
 *
 * GBK (or UTF-8) read as the other and saved ("?。ㄒ唬", "浣犲ソ"): the result is real Chinese
 * characters in nonsense order, mixed with bopomofo, kana and "?" where a byte pair had no
 * character. Nothing in the text says what the bytes were; the import refuses the file and asks
 * for the original bytes.
 */

/** Windows-1252's characters for bytes 0x80–0x9F (its specials), and Latin-1's 0xA0–0xFF. */
const CP1252 = '\\u0080-\\u00ff\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014\\u2018-\\u201a\\u201c-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122';
/** A run of characters Windows-1252 makes of bytes 0x80–0xFF (and U+FFFD where it had none). */
const LATIN_RUN = new RegExp(`[${CP1252}\\ufffd]{2,}`, 'gu');

export interface Repair {
  text: string;
  /** Characters decoded back to what they were. */
  repaired: number;
  /** Places where bytes were lost: each is left as 〓 and listed. */
  lost: Array<{ at: number; text: string }>;
}

/** The byte Windows-1252 reads as this character, or undefined (U+FFFD: the byte is lost). */
function byteOf(ch: string): number | undefined {
  if (ch === '\ufffd') return undefined;
  try {
    const b = encodeAs(ch, 'win1252');
    return b.length === 1 && b[0] !== 0x3f ? b[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * UTF-8 read as Windows-1252: each run of such characters is decoded as UTF-8 byte by byte; a
 * character whose bytes are all there comes back, one that lost a byte becomes 〓 and is listed.
 * A run is touched only when it decodes to characters beyond Latin-1 (real Latin words, "Café",
 * are left alone).
 */
export function repairLatin1(line: string): Repair {
  let repaired = 0;
  const lost: Repair['lost'] = [];
  const text = line.replace(LATIN_RUN, (run: string, at: number) => {
    const chars = [...run];
    let out = '';
    let good = 0;
    const runLost: Repair['lost'] = [];
    for (let i = 0; i < chars.length; ) {
      const lead = byteOf(chars[i]!);
      const need = lead === undefined ? -1 : lead >= 0xf0 && lead <= 0xf4 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc2 && lead <= 0xdf ? 1 : 0;
      if (need <= 0) {
        out += chars[i];
        i++;
        continue;
      }
      const tail = chars.slice(i + 1, i + 1 + need).map(byteOf);
      if (tail.length === need && tail.every((b) => b !== undefined && b >= 0x80 && b <= 0xbf)) {
        const decoded = Buffer.from([lead!, ...(tail as number[])]).toString('utf8');
        if (!decoded.includes('\ufffd') && need >= 2) {
          out += decoded;
          good++;
          i += need + 1;
          continue;
        }
      }
      // A lead byte whose sequence lost a byte (U+FFFD, or a character that is no continuation).
      let end = i + 1;
      while (end < chars.length && end <= i + need && (chars[end] === '\ufffd' || ((byteOf(chars[end]!) ?? 0) >= 0x80 && (byteOf(chars[end]!) ?? 0) <= 0xbf))) end++;
      runLost.push({ at: at + chars.slice(0, i).join('').length, text: chars.slice(i, end).join('') });
      out += '〓';
      i = end;
    }
    if (good === 0) return run;
    repaired += good;
    lost.push(...runLost);
    return out;
  });
  return { text, repaired, lost };
}

/** Characters that appear in Chinese text only as the debris of a wrong decoding. */
const DEBRIS = /[\u3105-\u312f\u3041-\u3096\u30a1-\u30fa\uac00-\ud7af\u2500-\u257f锟斤拷]/gu;

/**
 * Chinese text that was decoded with the wrong one of GBK and UTF-8: kana, bopomofo, Hangul,
 * box-drawing or the "锟斤拷" triple among Chinese characters, or "?" standing between them.
 * Returns the first such place, or undefined.
 */
export function crossDecoded(text: string): { at: number; text: string } | undefined {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  if (han < 4) return undefined;
  const debris = [...text.matchAll(DEBRIS)];
  const questions = [...text.matchAll(/(?<=\p{Script=Han}|[。，、])\?+(?=\p{Script=Han}|[。，、ㄅ-ㄯ])/gu)];
  const hits = [...debris, ...questions].sort((a, b) => a.index - b.index);
  if (debris.length === 0 || hits.length < 2) return undefined;
  const first = hits[0]!;
  return { at: first.index, text: text.slice(Math.max(0, first.index - 3), first.index + 6) };
}
