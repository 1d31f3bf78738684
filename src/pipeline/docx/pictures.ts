import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { imageSize } from '../imageSize.js';

/** A picture as the Word edition carries it: its data, its size in CSS px (as the print sizes it), an SVG with a PNG beside it. */
export type Picture =
  | { type: 'png' | 'jpg' | 'gif'; data: Uint8Array; width: number; height: number }
  | { type: 'svg'; data: Uint8Array; fallback: Uint8Array; width: number; height: number };

/** Why a picture is not in the Word edition. */
export type Dropped = 'webp' | 'unreadable';

let resvg: Promise<typeof import('@resvg/resvg-wasm')> | undefined;

/** resvg compiled to WebAssembly (no native binary: the same on every machine), started once per process as its loader requires. */
function resvgWasm(): Promise<typeof import('@resvg/resvg-wasm')> {
  resvg ??= (async () => {
    const m = await import('@resvg/resvg-wasm');
    const wasm = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    await m.initWasm(await readFile(wasm));
    return m;
  })();
  return resvg;
}

/**
 * A picture of the issue for Word: PNG, JPEG and GIF as they are; an SVG as itself (Word 2016
 * and later draw it) with a PNG of it at 300 dpi of its printed width for every other reader
 * (LibreOffice, WPS, older Word), rasterised by resvg with the faces for any text in it.
 * A WebP picture cannot go into a Word file (Word, WPS and LibreOffice's import do not read it).
 */
export async function picture(file: string, printedWidth: (w: number, h: number) => number, faces: string[]): Promise<Picture | Dropped> {
  const data = new Uint8Array(await readFile(file));
  const size = imageSize(data);
  if (size) return { ...size, data };
  const head = new TextDecoder().decode(data.subarray(0, 4096));
  if (/^RIFF....WEBP/s.test(new TextDecoder('latin1').decode(data.subarray(0, 12)))) return 'webp';
  if (!/<svg[\s>]/.test(head) && !/<svg[\s>]/.test(new TextDecoder().decode(data))) return 'unreadable';
  const { Resvg } = await resvgWasm();
  const svg = new TextDecoder().decode(data);
  const fontBuffers = /<text[\s>]/.test(svg) ? await Promise.all(faces.map(async (f) => new Uint8Array(await readFile(f)))) : [];
  const probe = new Resvg(svg, { font: { fontBuffers, loadSystemFonts: false } as never });
  const [width, height] = [probe.width, probe.height];
  probe.free();
  if (!(width > 0 && height > 0)) return 'unreadable';
  const pixels = Math.round((printedWidth(width, height) / 96) * 300);
  const r = new Resvg(svg, { fitTo: { mode: 'width', value: pixels }, background: 'white', font: { fontBuffers, loadSystemFonts: false } as never });
  const png = r.render().asPng();
  r.free();
  return { type: 'svg', data, fallback: png, width, height };
}
