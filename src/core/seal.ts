import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, readFileSync, writeFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { userCacheRoot } from '../paths.js';

/**
 * Caches are hints, never truth. What bulletin keeps in the output folder between builds (the
 * analysis of each source, the build cache) is sealed entry by entry with an HMAC-SHA256 under a
 * key of this user's: 32 random bytes in the user's cache folder (mode 0600), made on first use.
 * An entry that was edited by hand, damaged, or written by someone without the key does not
 * match its seal and is a miss: the source is read and built again. A file sealed under another
 * key (another user, another machine) is a miss as a whole, and not reported as edited.
 */
export interface Sealer {
  /** Names the key without giving it away: written beside the entries it sealed. */
  readonly id: string;
  seal(text: string): string;
  matches(text: string, seal: unknown): boolean;
}

export const SEAL_KEY_NAME = 'seal-v1.key';
const KEY = /^[0-9a-f]{64}\n?$/;

const sealers = new Map<string, Sealer>();

function makeSealer(key: Buffer): Sealer {
  const seal = (text: string) => createHmac('sha256', key).update(text).digest('hex');
  return {
    id: createHash('sha256').update(key).digest('hex').slice(0, 16),
    seal,
    matches: (text, given) => {
      if (typeof given !== 'string' || given.length !== 64) return false;
      return timingSafeEqual(Buffer.from(seal(text)), Buffer.from(given));
    },
  };
}

/** Where the user's sealing key lives ('' when there is no user cache folder). */
export function sealKeyFile(env: Record<string, string | undefined>): string {
  const root = userCacheRoot(env);
  return root ? path.join(root, 'bulletin', SEAL_KEY_NAME) : '';
}

/** True when the key file holds a key (doctor: a damaged one is replaced). */
export function sealKeyIntact(file: string): boolean {
  try {
    return KEY.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * This user's sealer. A key file that is missing or damaged is replaced by a new key (every kept
 * entry is then a miss, once); where none can be written the key lives for this process only.
 */
export function sealer(env: Record<string, string | undefined>): Sealer {
  const file = sealKeyFile(env);
  let found = sealers.get(file);
  if (found) return found;
  let key: Buffer | undefined;
  if (file) {
    try {
      const text = readFileSync(file, 'utf8');
      if (KEY.test(text)) key = Buffer.from(text.trim(), 'hex');
    } catch {
      // none yet
    }
  }
  if (!key) {
    key = randomBytes(32);
    if (file) {
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(tmp, `${key.toString('hex')}\n`, { mode: 0o600 });
        try {
          // Linked, not renamed: of two runs making the first key at once, both take the one that won.
          linkSync(tmp, file);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          const other = readFileSync(file, 'utf8');
          if (KEY.test(other)) key = Buffer.from(other.trim(), 'hex');
          else renameSync(tmp, file); // a damaged key is replaced
        }
      } catch {
        // a read-only cache: this process's key only (nothing kept is trusted by the next run)
      } finally {
        rmSync(tmp, { force: true });
      }
    }
  }
  found = makeSealer(key);
  sealers.set(file, found);
  return found;
}

/** A sealed entry as stored: the entry's JSON text and its seal (bound to the name it is kept under). */
export interface Sealed {
  seal: string;
  value: string;
}

export function sealEntry(sealer: Sealer, name: string, value: unknown): Sealed {
  const text = JSON.stringify(value);
  return { seal: sealer.seal(`${name}\0${text}`), value: text };
}

/** The entry kept under `name`, parsed, when its seal matches; undefined otherwise. */
export function openEntry(sealer: Sealer, name: string, stored: unknown): unknown {
  if (!stored || typeof stored !== 'object') return undefined;
  const { seal, value } = stored as Partial<Sealed>;
  if (typeof value !== 'string' || !sealer.matches(`${name}\0${value}`, seal)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
