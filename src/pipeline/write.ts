import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, rm, copyFile, open, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isInside, replaceAtomically } from '../paths.js';

/** True when `file` exists and holds exactly `bytes`. */
async function holds(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    // statSync without an error for a missing file: a cold build asks about every output, and
    // a thrown ENOENT costs more than the look itself (0.2 s over 300 issues).
    if (statSync(file, { throwIfNoEntry: false })?.size !== bytes.byteLength) return false;
    return Buffer.from(bytes).equals(await readFile(file));
  } catch {
    return false;
  }
}

/** The name `temp()` gives a temporary. */
const TEMPORARY = /^\..+\.[0-9a-f]{8}\.tmp$/;

/** Removes the files of one folder (not below it) named like bulletin's temporaries. */
async function sweepFolder(folder: string): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile() || !TEMPORARY.test(entry.name)) continue;
    await rm(path.join(folder, entry.name), { force: true });
    removed++;
  }
  return removed;
}

/**
 * Writes outputs so that a reader never sees half a file: each goes to a temporary file in
 * the same folder, is flushed, then renamed into place. Pending temporaries are tracked so an
 * interrupted run can remove them.
 */
export class Writer {
  readonly pending = new Set<string>();
  constructor(readonly root: string) {}

  /** Where the output `rel` (relative to the root, forward slashes) is on disk. */
  pathOf(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  private temp(target: string): string {
    return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  }

  /**
   * Writes `data` to `rel` (relative to the root, forward slashes). A file that already holds
   * exactly these bytes is left as it is: an unchanged output keeps its time stamp.
   */
  async write(rel: string, data: string | Uint8Array): Promise<string> {
    const target = this.pathOf(rel);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (await holds(target, bytes)) return target;
    return this.replace(rel, async (tmp) => {
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }

  /** Copies the file `from` to `rel`, unless `rel` already holds the same bytes. */
  async copy(from: string, rel: string): Promise<string> {
    const target = this.pathOf(rel);
    if (await holds(target, await readFile(from))) return target;
    return this.replace(rel, (tmp) => copyFile(from, tmp));
  }

  private readonly shared = new Map<string, Promise<string>>();

  /** Copies a file several outputs share (a font slice) at most once in this writer's run. */
  copyShared(from: string, rel: string): Promise<string> {
    let copy = this.shared.get(rel);
    if (!copy) this.shared.set(rel, (copy = this.copy(from, rel)));
    return copy;
  }

  /** Folders this writer has made (or found): each is made once, not once per file written into it. */
  private readonly folders = new Map<string, Promise<unknown>>();

  /** Fills a temporary file beside the target with `fill`, then renames it into place. */
  private async replace(rel: string, fill: (tmp: string) => Promise<void>): Promise<string> {
    const target = this.pathOf(rel);
    const folder = path.dirname(target);
    let made = this.folders.get(folder);
    // A folder is swept of a killed run's temporaries when this run first writes into it, before
    // any temporary of its own is made there.
    if (!made) this.folders.set(folder, (made = mkdir(folder, { recursive: true }).then(() => sweepFolder(folder))));
    await made;
    const tmp = this.temp(target);
    this.pending.add(tmp);
    try {
      return await replaceAtomically(target, fill, tmp);
    } finally {
      this.pending.delete(tmp);
    }
  }

  /** Removes an output (used for intermediate files that were not asked for). */
  async remove(rel: string): Promise<void> {
    const target = path.resolve(this.root, ...rel.split('/'));
    // Paths come from a manifest on disk: never the output folder itself or anything outside it.
    if (target === path.resolve(this.root) || !isInside(this.root, target)) return;
    await rm(target, { force: true, recursive: true });
    for (const folder of this.folders.keys()) if (folder === target || isInside(target, folder)) this.folders.delete(folder);
  }

  /**
   * Removes the temporaries a killed run left behind (`.name.xxxxxxxx.tmp`) in the output folder
   * itself; those in the folders below it go when this run first writes into each (replace).
   * Never the whole tree: a file named like a temporary in a folder bulletin does not write is
   * not bulletin's. Only safe while holding the output folder's lock; returns how many went.
   */
  sweep(): Promise<number> {
    return sweepFolder(this.root);
  }

  /** Removes every temporary still pending (after an interruption). */
  async cleanup(): Promise<void> {
    await Promise.all([...this.pending].map((tmp) => rm(tmp, { force: true })));
    this.pending.clear();
  }
}

