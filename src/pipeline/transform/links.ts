import path from 'node:path';
import { report } from '../../diagnostics/report.js';
import * as rules from '../../diagnostics/rules.js';
import { isInside } from '../../paths.js';
import { placeOf, type Positioned, type TransformContext } from './context.js';

/**
 * A link's address as the page may carry it: web and mail addresses and in-page anchors as they
 * are; a relative file inside the project; anything else (another scheme, a host, outside the
 * project, malformed) reported and dropped, its text kept.
 */
export function safeHref(ctx: TransformContext, url: string, node: Positioned): string | undefined {
  const { file } = ctx;
  const trimmed = url.trim();
  // Browsers drop tabs and newlines inside a URL and read \ as /: "java&#9;script:" and
  // "\\host" must be judged as they will be read.
  const probe = trimmed.replace(/[\u0000-\u0020\u007f]/g, '').replace(/\\/g, '/');
  if (/^(https?:|mailto:)/i.test(trimmed) || trimmed.startsWith('#')) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(probe) || probe.startsWith('//')) {
    report(file, rules.linkUnsafe, { url: trimmed.slice(0, 40) }, placeOf(node));
    return undefined;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(probe.split(/[?#]/)[0] ?? '');
  } catch {
    report(file, rules.linkMalformed, { url: trimmed.slice(0, 40) }, placeOf(node));
    return undefined;
  }
  const target = path.resolve(path.dirname(file.data.absolute ?? ''), decoded);
  if (!isInside(ctx.options.root, target)) {
    report(file, rules.linkOutside, { url: trimmed.slice(0, 40) }, placeOf(node));
    return undefined;
  }
  return trimmed;
}
