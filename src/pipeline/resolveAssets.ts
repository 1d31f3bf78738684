import { existsSync, realpathSync, statSync } from 'node:fs';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import type { Bulletin } from '../model/bulletin.js';
import { isInside } from '../paths.js';

export interface ResolveAssetsOptions {
  /** Absolute project root: every image must be inside it, also through symbolic links. */
  root: string;
}

/**
 * Checks on disk every image the issue references: inside the project (after following links),
 * an existing file, and a format the page can show. Returns the issue, or undefined when an
 * image is unusable (each reported at its reference).
 */
export function resolveAssets(file: VFile, bulletin: Bulletin, options: ResolveAssetsOptions): Bulletin | undefined {
  const realRoot = realpathSync(options.root);
  let ok = true;
  for (const image of bulletin.images) {
    const url = { url: image.url.slice(0, 60) };
    let real = image.from;
    try {
      real = realpathSync(image.from);
    } catch {
      // missing: reported below
    }
    if (!isInside(options.root, image.from) || !isInside(realRoot, real)) report(file, rules.imageOutsideProject, url, image.place);
    else if (!existsSync(image.from) || !statSync(image.from).isFile()) report(file, rules.imageMissing, url, image.place);
    else if (!/\.(png|jpe?g|gif|webp|svg)$/i.test(image.from)) report(file, rules.imageType, url, image.place);
    else continue;
    ok = false;
  }
  return ok ? bulletin : undefined;
}
