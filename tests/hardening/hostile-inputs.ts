// Generators of hostile import inputs, shared by tests/hardening/import.test.ts and the bench's
// hostile section (bench/hostile.ts): each makes, in memory and in a moment, a small file that
// inflates to `inflated` bytes or claims what it likes.
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/**
 * A Word file whose document.xml inflates to `inflated` bytes while its zip directory and local
 * header say it holds 100: the sizes a bomb declares are not to be believed.
 */
export async function lyingDocxBomb(inflated: number): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('word/document.xml', new Uint8Array(inflated).fill(0x20), { compression: 'DEFLATE', compressionOptions: { level: 9 } });
  const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const name = Buffer.from('word/document.xml');
  // Local file header (PK\3\4): uncompressed size at 22. Central directory entry (PK\1\2): at 24.
  for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
    if (bytes.readUInt32LE(at - 30) === 0x04034b50) bytes.writeUInt32LE(100, at - 30 + 22);
    else if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes.writeUInt32LE(100, at - 46 + 24);
  }
  return bytes;
}

/** A Word file whose document.xml declares an external entity (XXE) and uses it. */
export async function xxeDocx(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file(
    'word/document.xml',
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>',
  );
  return zip.generateAsync({ type: 'uint8array' });
}

/** A PDF of `pages` pages, each drawing a line of text; the first page's content stream is followed by `inflated` bytes of spaces (Flate). */
export function pdfWith(options: { pages?: number; inflated?: number } = {}): Uint8Array {
  const pages = options.pages ?? 1;
  const text = 'BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n';
  const objects: string[] = [];
  const streams: Buffer[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<</Type/Catalog/Pages 2 0 R>>');
  objects.push(`<</Type/Pages/Kids[${kids}]/Count ${pages}>>`);
  objects.push('<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>');
  for (let i = 0; i < pages; i++) {
    objects.push(`<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>/Contents ${5 + i * 2} 0 R>>`);
    const body = deflateSync(Buffer.concat([Buffer.from(text), i === 0 && options.inflated ? Buffer.alloc(options.inflated, 0x20) : Buffer.alloc(0)]), { level: 9 });
    streams[objects.length] = body;
    objects.push(`<</Length ${body.length}/Filter/FlateDecode>>`);
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  objects.forEach((dict, i) => {
    offsets.push(size);
    const stream = streams[i];
    const piece = stream
      ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n${dict}\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')])
      : Buffer.from(`${i + 1} 0 obj\n${dict}\nendobj\n`);
    parts.push(piece);
    size += piece.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}
