/**
 * SVG pictures as data. An SVG is a document that can hold scripts, event handlers and links to
 * other files; copied as it is into dist/, it ran its script when opened from the preview or the
 * published site. Here it keeps only what draws: an allow-list of SVG elements (shapes, text,
 * groups, gradients, patterns, clips, masks, markers, filters), no attribute named on…, no
 * reference but to a fragment of the same file (`#id`) or, for <image>, an embedded PNG, JPEG,
 * GIF or WebP; no DOCTYPE (entities), no <style> or style attribute that loads anything.
 * A clean SVG is left byte for byte as it was; one with anything removed is rewritten.
 */
import { createRequire } from 'node:module';

/** @xmldom/xmldom, loaded when a picture is an SVG: check and build of sources without one never load it. */
const xmldom = (): typeof import('@xmldom/xmldom') => createRequire(import.meta.url)('@xmldom/xmldom') as typeof import('@xmldom/xmldom');

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The SVG elements that draw (or define what is drawn), and nothing that runs or embeds. */
const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'switch', 'style',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath', 'image',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting',
  'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR',
  'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting',
  'feSpotLight', 'feTile', 'feTurbulence',
]);

/** A reference an SVG may keep: a fragment of itself. */
const LOCAL = /^\s*#/;
/** An embedded raster picture (for <image> only): never another SVG, which could hold a script. */
const RASTER = /^\s*data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;
/** A url(…) in CSS or a presentation attribute that is not url(#id), an @import, or a script URL. */
const LOADS = /url\(\s*(?!['"]?#)|@import|javascript:|expression\(/i;

export interface SanitisedSvg {
  /** The SVG to publish: the input itself when nothing was removed. */
  bytes: Uint8Array;
  /** What was removed, as `<script>`, `onload`, `href="https://…"`; empty when clean. */
  removed: string[];
}

type El = Element;

export function sanitiseSvg(input: Uint8Array): SanitisedSvg {
  const text = new TextDecoder().decode(input);
  const removed: string[] = [];
  const errors: string[] = [];
  const { DOMParser, XMLSerializer } = xmldom();
  const doc = new DOMParser({ errorHandler: (level: string, message: unknown) => void (level !== 'warning' && errors.push(String(message))) }).parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement as El | null;
  if (!root || errors.length || root.localName !== 'svg') return { bytes: new TextEncoder().encode(`<svg xmlns="${SVG_NS}"/>\n`), removed: ['(not a readable SVG)'] };
  if (doc.doctype) removed.push('<!DOCTYPE>');
  const clean = (el: El): void => {
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 7 /* processing instruction */) {
        removed.push(`<?${(child as ProcessingInstruction).target}?>`);
        el.removeChild(child);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const e = child as El;
      const known = (e.namespaceURI === SVG_NS || !e.namespaceURI) && ELEMENTS.has(e.localName);
      if (!known || (e.localName === 'style' && LOADS.test(e.textContent ?? ''))) {
        removed.push(`<${e.nodeName}>`);
        el.removeChild(e);
        continue;
      }
      cleanAttributes(e, removed);
      clean(e);
    }
  };
  cleanAttributes(root, removed);
  clean(root);
  if (removed.length === 0) return { bytes: input, removed };
  return { bytes: new TextEncoder().encode(`${new XMLSerializer().serializeToString(root)}\n`), removed };
}

function cleanAttributes(e: El, removed: string[]): void {
  for (const attr of Array.from(e.attributes)) {
    const name = attr.localName.toLowerCase();
    const value = attr.value;
    const isHref = name === 'href' && (!attr.namespaceURI || attr.namespaceURI === XLINK_NS);
    const bad =
      name.startsWith('on') ||
      (isHref && !LOCAL.test(value) && !(e.localName === 'image' && RASTER.test(value))) ||
      (!isHref && LOADS.test(value));
    if (bad) {
      removed.push(`${attr.name}="${value.slice(0, 40)}"`);
      e.removeAttributeNode(attr);
    }
  }
}
