import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
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

/** The locks this process holds (their contents): a lock under our own pid that is not one of these was left by an earlier process. */
const held = new Set<string>();

/**
 * The command line of a live process, where the system shows it (/proc on Linux); undefined
 * where it does not. Arguments are joined by spaces, at most 200 characters.
 */
export function commandLine(pid: number): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').split('\0').join(' ');
    return text.length > 200 ? `${text.slice(0, 199)}…` : text;
  } catch {
    return undefined;
  }
}

/** A command line that runs bulletin: its bin, its package, or a program of that name. */
function isBulletin(command: string): boolean {
  return /bulletin/i.test(command);
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
 * Removes a stale lock, if it still is the one judged stale. Check and removal are not atomic,
 * so breakers take turns through a guard file created with O_EXCL: without it, one taker could
 * remove the fresh lock another had just created in place of the stale one.
 */
async function breakStale(file: string, owner: string): Promise<void> {
  const guard = `${file}.break`;
  let handle;
  try {
    handle = await open(guard, 'wx');
    await handle.writeFile(`${process.pid}\n`);
  } catch (error) {
    await handle?.close();
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another taker is breaking it. A guard left by a breaker that was killed (its process
    // is gone, or it is older than 10 s) is removed so the next attempt can proceed.
    const holder = Number.parseInt((await readOwner(guard)) ?? '', 10);
    const age = await stat(guard).then((s) => Date.now() - s.mtimeMs, () => 0);
    if ((Number.isInteger(holder) && !isAlive(holder)) || age > 10_000) await unlink(guard).catch(() => {});
    await new Promise((r) => setTimeout(r, 20));
    return;
  }
  try {
    if ((await readOwner(file)) === owner) await unlink(file).catch(() => {});
  } finally {
    await handle.close();
    await unlink(guard).catch(() => {});
  }
}

/**
 * Takes the output folder's lock: a file created with O_EXCL holding our pid, so two builds
 * into one folder never interleave their writes. A lock whose process is gone (a build killed
 * with SIGKILL, a crash) is stale and taken over, and so is one under this very pid that this
 * process does not hold; a live one gives the catalogue's LockHeld, or LockStale when the process
 * holding that pid is plainly not bulletin (its command line).
 * `show` turns the lock's path into what the user sees.
 */
export async function acquireLock(outDir: string, show: (abs: string) => string = (p) => p): Promise<Lock> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, LOCK_NAME);
  // The pid says who holds it; the token tells apart two takers in one process.
  const content = `${process.pid}\n${randomBytes(8).toString('hex')}\n`;
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      // The lock appears with its owner already in it: written beside it, then linked into
      // place (atomic, and EEXIST while another holds it). A lock created empty and filled
      // afterwards looked ownerless — stale — to a second build in between, and both ran.
      const staged = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(staged, content);
      try {
        await link(staged, file);
      } finally {
        await unlink(staged).catch(() => {});
      }
      let released = false;
      held.add(content);
      return {
        path: file,
        async release() {
          if (released) return;
          released = true;
          held.delete(content);
          if ((await readOwner(file)) === content) await unlink(file).catch(() => {});
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOENT: the lock's holder swept our staged file as a leftover; stage it again.
      if (code === 'ENOENT') continue;
      if (code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner === undefined) continue; // released meanwhile: try again
    const pid = Number.parseInt(owner, 10);
    // An empty or half-written lock: its writer may be between open and write; give it a moment.
    if (!Number.isInteger(pid)) {
      await new Promise((r) => setTimeout(r, 50));
      if ((await readOwner(file)) !== owner) continue;
    } else if (pid === process.pid ? held.has(owner) : isAlive(pid)) {
      // Our own pid on a lock we do not hold: an earlier process had this pid (PID 1 in a
      // container started again) and is gone. Another live process that is not bulletin got the
      // pid of a build that ended without removing its lock: said so, with how to remove it.
      const command = pid === process.pid ? undefined : commandLine(pid);
      if (command !== undefined && !isBulletin(command)) throw bulletinError('LockStale', [show(file), String(pid), command || '?']);
      throw bulletinError('LockHeld', [show(file), String(pid)]);
    }
    await breakStale(file, owner);
  }
  throw bulletinError('LockHeld', [show(file), '未知']);
}
