import { sha256 } from '../../model/manifest.js';

/** The shard an issue belongs to: a hash of its source path, so adding issues moves none. */
export function shardOf(source: string, count: number): number {
  return (parseInt(sha256(source).slice(0, 8), 16) % count) + 1;
}
