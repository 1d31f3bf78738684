import { readRegularFile } from '../text/regularFile.js';
import { isInside, isReallyInside } from '../paths.js';
import { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { fsErrorArgs } from '../text/fsError.js';
import * as rules from '../diagnostics/rules.js';
import { decode, normaliseNewlines, ENCODING_NAMES, type Encoding } from '../text/decode.js';

declare module 'vfile' {
  interface DataMap {
    /** The source's absolute path (the file's own path is as the user named it). */
    absolute: string;
    /** The encoding the source was read in; a legacy one is written back by check --fix. */
    encoding: Encoding;
  }
}

/**
 * Sources larger than this are refused: no bulletin is anywhere near it (an issue is some 20 KB).
 * Checking 8 MB of plain paragraphs took 26 s and 1.4 GB; 1 MB takes 3.4 s (bench --hostile).
 */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export interface ReadOptions {
  /** The project's root: a source inside it whose links lead out of it is refused. */
  root?: string;
  /** Bytes a source may have (MAX_SOURCE_BYTES). */
  maxBytes?: number;
}

/**
 * Reads one source into a VFile: decoded (UTF-8, or a detected legacy encoding with a
 * warning) and with newlines normalised. Problems become fatal messages on the file.
 * `path` is what the user sees (relative to the cwd); `absolute` is where it is.
 *
 * Only a regular file is read: it is opened without waiting (O_NONBLOCK, so a FIFO with no
 * writer does not block the open) and judged by fstat on what was opened, so a FIFO, a device
 * (/dev/zero) or a socket is refused before a byte is read, and a file swapped after a check
 * cannot slip through. At most maxBytes + 1 bytes are read, whatever size the file claims.
 */
export async function read(path: string, absolute: string, options: ReadOptions = {}): Promise<VFile> {
  const file = new VFile({ path, cwd: '' });
  file.data.absolute = absolute;
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  if (options.root && isInside(options.root, absolute) && !isReallyInside(options.root, absolute)) {
    report(file, rules.sourceOutsideProject, {});
    return file;
  }
  // Synchronous: a source is a few kilobytes on a local disk, and the numbering rules read every
  // source of the archive; the promise API's round trips cost 0.25 ms a file (70 ms for 300).
  let bytes: Buffer;
  try {
    const read = readRegularFile(absolute, maxBytes);
    if (read.kind === 'directory') report(file, rules.sourceIsDirectory, {});
    else if (read.kind === 'special') report(file, rules.sourceNotAFile, { kind: read.what });
    else if (read.kind === 'large') report(file, rules.sourceTooLarge, { mb: (read.size / 1024 / 1024).toFixed(1), limit: Math.round((maxBytes / 1024 / 1024) * 10) / 10 });
    if (read.kind !== 'file') return file;
    bytes = read.bytes;
  } catch (error) {
    report(file, rules.sourceUnreadable, fsErrorArgs(error));
    return file;
  }
  const decoded = decode(bytes);
  if (!decoded.ok) {
    if (decoded.reason === 'binary') {
      report(file, rules.sourceBinary, { offset: decoded.offset ?? 0 });
    } else {
      report(file, rules.sourceEncoding, {});
    }
    return file;
  }
  file.value = normaliseNewlines(decoded.text);
  file.data.encoding = decoded.encoding;
  if (decoded.encoding !== 'utf-8' && decoded.encoding !== 'utf-8-bom') {
    report(file, rules.sourceEncodingLegacy, { zhName: ENCODING_NAMES[decoded.encoding], name: decoded.encoding.toUpperCase() });
  }
  return file;
}

export { explainFsError, fsErrorArgs } from '../text/fsError.js';
