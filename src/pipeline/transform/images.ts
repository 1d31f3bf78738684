import path from 'node:path';
import { report } from '../../diagnostics/report.js';
import * as rules from '../../diagnostics/rules.js';
import { placeOf, type Positioned, type TransformContext } from './context.js';

/**
 * Collects a picture: a relative address only, given its place in the issue's assets folder
 * (one name per picture, numbered when two share a name). Whether it exists, stays inside the
 * project through links and is a picture is resolveAssets' concern.
 */
export function collectImage(ctx: TransformContext, url: string, node: Positioned): string | undefined {
  const { file, options, imageNames } = ctx;
  const trimmed = url.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || path.isAbsolute(trimmed)) {
    report(file, rules.imageNotRelative, { url: trimmed.slice(0, 60) }, placeOf(node));
    return undefined;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    decoded = trimmed;
  }
  const absolute = path.resolve(path.dirname(file.data.absolute ?? ''), decoded);
  const known = imageNames.get(absolute);
  if (known) return known;
  const base = path.basename(absolute);
  let name = base;
  for (let n = 2; [...imageNames.values()].includes(`${options.assetsDir}/${name}`); n++) name = `${n}-${base}`;
  const to = `${options.assetsDir}/${name}`;
  imageNames.set(absolute, to);
  ctx.images.push({ from: absolute, to, url: trimmed, place: placeOf(node) });
  return to;
}
