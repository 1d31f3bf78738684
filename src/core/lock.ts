import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { bulletinError } from '../diagnostics/errors.js';

export const LOCK_NAME = '.bulletin.lock';

export interface Lock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/** True while a process with this id exists (EPERM: it exists, owned by someone else). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes the output folder's lock: a file created with O_EXCL holding our pid, so two builds
 * into one folder never interleave their writes. A lock whose process is gone (a build killed
 * with SIGKILL, a crash) is stale and taken over; a live one gives the catalogue's LockHeld.
 * `show` turns the lock's path into what the user sees.
 */
export async function acquireLock(outDir: string, show: (abs: string) => string = (p) => p): Promise<Lock> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, LOCK_NAME);
  const content = `${process.pid}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        path: file,
        async release() {
          if (released) return;
          released = true;
          if ((await readOwner(file)) === content) await unlink(file).catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner === undefined) continue; // released meanwhile: try again
    const pid = Number.parseInt(owner, 10);
    // An empty or half-written lock: its writer may be between open and write; give it a moment.
    if (!Number.isInteger(pid)) {
      await new Promise((r) => setTimeout(r, 50));
      if ((await readOwner(file)) !== owner) continue;
    } else if (isAlive(pid)) {
      throw bulletinError('LockHeld', [show(file), String(pid)]);
    }
    // Stale: remove it only if it still is the one we judged (another build may have just
    // taken it over), then race for it again with O_EXCL.
    if ((await readOwner(file)) === owner) await unlink(file).catch(() => {});
  }
  throw bulletinError('LockHeld', [show(file), '未知']);
}
