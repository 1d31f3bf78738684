import path from 'node:path';

/** True when `target` is `root` itself or lies inside it (no `..` escape, not on another drive). */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
