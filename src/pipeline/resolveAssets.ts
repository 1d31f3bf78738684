import { closeSync, existsSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { sanitiseSvg } from './sanitiseSvg.js';
import { imageSize } from './imageSize.js';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import * as rules from '../diagnostics/rules.js';
import type { Bulletin } from '../model/bulletin.js';
import { isInside } from '../paths.js';

export interface ResolveAssetsOptions {
  /** Absolute project root: every image must be inside it, also through symbolic links. */
  root: string;
  /** Pixels (width × height) an image may have (MAX_IMAGE_PIXELS). */
  maxImagePixels?: number;
}

/**
 * Pixels an image may have: 50 megapixels, more than any camera's photo a bulletin prints at
 * 15 cm. Chromium does not decode a 30000 × 30000 PNG (900 megapixels): it printed a broken-image
 * icon and the build reported success.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** The bytes of an image's start that hold its size (a JPEG's frame header may follow 64 KB of EXIF). */
const HEADER_BYTES = 256 * 1024;

function headerOf(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, HEADER_BYTES, 0));
  } finally {
    closeSync(fd);
  }
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
    else if (tooLarge(image.from, options.maxImagePixels ?? MAX_IMAGE_PIXELS)) {
      const size = imageSize(headerOf(image.from))!;
      report(file, rules.imageTooLarge, { ...url, width: size.width, height: size.height, limit: (options.maxImagePixels ?? MAX_IMAGE_PIXELS) / 1e6 }, image.place);
    } else {
      // An SVG with anything that runs or loads is published without it, with a warning.
      if (/\.svg$/i.test(image.from)) {
        const { removed } = sanitiseSvg(readFileSync(image.from));
        if (removed.length) report(file, rules.imageSvgUnsafe, { ...url, removed: [...new Set(removed)].slice(0, 8).join(' ') }, image.place);
      }
      continue;
    }
    ok = false;
  }
  return ok ? bulletin : undefined;
}

function tooLarge(file: string, maxPixels: number): boolean {
  const size = imageSize(headerOf(file));
  return size !== undefined && size.width * size.height > maxPixels;
}
