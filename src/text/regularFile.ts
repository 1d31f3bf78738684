import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** What reading a path as a regular file gave. */
export type RegularRead =
  | { kind: 'file'; bytes: Buffer }
  | { kind: 'directory' }
  /** A FIFO, device or socket: never read (a FIFO with no writer blocks, /dev/zero never ends). */
  | { kind: 'special'; what: SpecialKind }
  /** More than the cap: `size` is what was seen (at least cap + 1). */
  | { kind: 'large'; size: number };

export type SpecialKind = 'fifo' | 'device' | 'socket' | 'other';

export function specialKind(info: Stats): SpecialKind {
  if (info.isFIFO()) return 'fifo';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isSocket()) return 'socket';
  return 'other';
}

/**
 * Reads a regular file of at most `cap` bytes, deciding by fstat on the opened descriptor: the
 * open does not wait (O_NONBLOCK: a FIFO without a writer would block it), and what was opened
 * is what is judged and read, so a file swapped for a FIFO or a device after a stat is caught.
 * Reads stop at cap + 1 bytes whatever size the file reports (files of /proc report 0).
 * Errors of open and read (ENOENT, EACCES…) are thrown.
 */
export function readRegularFile(file: string, cap: number): RegularRead {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { kind: 'directory' };
    if (!info.isFile()) return { kind: 'special', what: specialKind(info) };
    if (info.size > cap) return { kind: 'large', size: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size - total + 1, 16384), cap + 1 - total, 1 << 20));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > cap) return { kind: 'large', size: total };
    }
    return { kind: 'file', bytes: Buffer.concat(chunks, total) };
  } finally {
    closeSync(fd);
  }
}
