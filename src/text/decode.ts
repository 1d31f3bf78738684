import { createRequire } from 'node:module';
import type Iconv from 'iconv-lite';

const requireCjs = createRequire(import.meta.url);
let iconvModule: typeof Iconv | undefined;
/** iconv-lite is loaded on the first text that is not UTF-8: most runs never need it. */
function iconv(): typeof Iconv {
  return (iconvModule ??= requireCjs('iconv-lite') as typeof Iconv);
}

/** Text written back to the bytes a legacy encoding gives it (windows-1252, gbk…); for undoing mojibake. */
export function encodeAs(text: string, encoding: string): Buffer {
  return iconv().encode(text, encoding);
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: 'binary' | 'unknown-encoding'; offset?: number };

const COMMON_SIMPLIFIED = '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里全省安工市县区部门会议要求检查领导';
const COMMON_TRADITIONAL = '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡全省安工市縣區部門會議要求檢查領導';

function score(text: string, common: string): number {
  if (text.length === 0) return 0;
  let hits = 0;
  let han = 0;
  for (const ch of text) {
    if (/\p{Script=Han}/u.test(ch)) {
      han++;
      if (common.includes(ch)) hits++;
    }
  }
  return han === 0 ? 0 : hits / han;
}

function hasNul(bytes: Uint8Array): number {
  return bytes.indexOf(0);
}

/** Guesses UTF-16 without a BOM: many NUL bytes at odd (LE) or even (BE) positions. */
function utf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Characters of Chinese text: Han, CJK and full-width punctuation, printable ASCII, line ends. */
const PLAUSIBLE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\n\r\t]/u;

/**
 * Chinese text in UTF-16 without a BOM has few NUL bytes (only its ASCII has them). It is
 * told by its NUL bytes all falling on one side and its code units nearly all being
 * characters Chinese text uses; other bytes read as UTF-16 scatter over the whole BMP.
 */
function cjkUtf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 8 || bytes.length % 2 !== 0) return undefined;
  let best: { encoding: 'utf-16le' | 'utf-16be'; ratio: number } | undefined;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const text = iconv().decode(Buffer.from(bytes), encoding);
    let plausible = 0;
    let total = 0;
    for (const ch of text) {
      total++;
      if (PLAUSIBLE.test(ch)) plausible++;
    }
    const ratio = total ? plausible / total : 0;
    if (ratio >= 0.97 && (!best || ratio > best.ratio)) best = { encoding, ratio };
  }
  return best?.encoding;
}

/**
 * Decodes a text file whose encoding is not declared: UTF-8 (with or without BOM), UTF-16
 * (BOM or NUL pattern), GB18030/GBK or Big5. Refuses binary content and text whose encoding
 * cannot be told with confidence, rather than producing mojibake.
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryUtf8(bytes.subarray(3));
    if (text !== undefined) return checkText({ ok: true, text, encoding: 'utf-8-bom' });
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checkText({ ok: true, text: iconv().decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' });
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checkText({ ok: true, text: iconv().decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' });
  const sixteen = utf16Guess(bytes);
  if (sixteen) return checkText({ ok: true, text: iconv().decode(Buffer.from(bytes), sixteen), encoding: sixteen });
  const nul = hasNul(bytes);
  if (nul >= 0) {
    const cjk = cjkUtf16Guess(bytes);
    if (cjk) return checkText({ ok: true, text: iconv().decode(Buffer.from(bytes), cjk), encoding: cjk });
    return { ok: false, reason: 'binary', offset: nul };
  }
  const utf8 = tryUtf8(bytes);
  if (utf8 !== undefined) return checkText({ ok: true, text: utf8, encoding: 'utf-8' });
  const cjk = cjkUtf16Guess(bytes);
  if (cjk) return checkText({ ok: true, text: iconv().decode(Buffer.from(bytes), cjk), encoding: cjk });
  const buffer = Buffer.from(bytes);
  const candidates: Array<{ encoding: Encoding; text: string; score: number }> = [];
  for (const encoding of ['gb18030', 'big5'] as const) {
    const text = iconv().decode(buffer, encoding);
    if (text.includes('\ufffd')) continue;
    candidates.push({ encoding, text, score: score(text, encoding === 'big5' ? COMMON_TRADITIONAL : COMMON_SIMPLIFIED) });
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (!best || best.score < 0.05) return { ok: false, reason: 'unknown-encoding' };
  return checkText({ ok: true, text: best.text, encoding: best.encoding });
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Decoded text still holding control characters other than tab/newline is binary junk. */
function checkText(decoded: Decoded): Decoded {
  if (!decoded.ok) return decoded;
  const m = /[\u0000-\u0008\u000e-\u001f\u007f]/.exec(decoded.text);
  if (m) return { ok: false, reason: 'binary', offset: m.index };
  return decoded;
}

/** CRLF and lone CR become LF; a BOM left inside the text is dropped. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^\ufeff/, '');
}

export const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030/GBK',
  big5: 'Big5',
};
