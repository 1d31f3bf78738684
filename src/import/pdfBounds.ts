import { inflateSync } from 'node:zlib';
import { ImportLimitError, mb, type ImportLimits } from './limits.js';

const STREAM = Buffer.from('stream');
const END = Buffer.from('endstream');

/**
 * Refuses a PDF whose Flate streams inflate past the caps, before pdf.js decodes any of them
 * (pdf.js inflates a content stream whole: a 2 MB file reached 4.2 GB). Every `stream …
 * endstream` of the file is inflated by zlib with a ceiling on its output (maxOutputLength), so
 * a bomb costs at most the cap in memory and the time to inflate that much; a stream inflated to
 * another zlib stream (two Flate filters) is inflated again within what is left of the cap.
 * Streams that are not Flate, or encrypted, do not inflate and are passed over.
 */
export function checkPdfStreams(bytes: Uint8Array, limits: Pick<ImportLimits, 'pdfStreamBytes' | 'pdfTotalBytes'>): void {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let index = 0;
  for (let at = data.indexOf(STREAM); at >= 0; at = data.indexOf(STREAM, at + STREAM.length)) {
    // `stream` itself, not the end of `endstream`, followed by its end of line.
    if (at >= 3 && data.subarray(at - 3, at).toString('latin1') === 'end') continue;
    let start = at + STREAM.length;
    if (data[start] === 0x0d) start++;
    if (data[start] === 0x0a) start++;
    const end = data.indexOf(END, start);
    if (end < 0) break;
    index++;
    let chunk: Buffer = data.subarray(start, end);
    for (let layer = 0; layer < 4 && chunk.length >= 2 && chunk[0] === 0x78; layer++) {
      const room = Math.min(limits.pdfStreamBytes, limits.pdfTotalBytes - total) + 1;
      try {
        chunk = inflateSync(chunk, { maxOutputLength: room, finishFlush: 2 /* Z_SYNC_FLUSH: a stream cut short still gives what it holds */ });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw room - 1 < limits.pdfStreamBytes
            ? new ImportLimitError('total', '', mb(limits.pdfTotalBytes))
            : new ImportLimitError('stream', String(index), mb(limits.pdfStreamBytes));
        }
        break; // not Flate, or damaged: pdf.js judges it
      }
      if (chunk.length >= room) throw room - 1 < limits.pdfStreamBytes ? new ImportLimitError('total', '', mb(limits.pdfTotalBytes)) : new ImportLimitError('stream', String(index), mb(limits.pdfStreamBytes));
      total += chunk.length;
    }
    at = end;
  }
}
