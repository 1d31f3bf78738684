// The native peer for `npm run bench` (issue 28): Typst, through its Node binding, compiles the
// same generated issues into the same printed page (bench/typst/bulletin.typ) with bulletin's own
// print fonts. Its CPU per issue is set beside bulletin's (Node and Chromium together).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Block, Bulletin, Inline } from '../src/model/bulletin.js';
import type { Io } from '../src/core/io.js';

const TEMPLATE_DIR = path.join(import.meta.dirname, 'typst');

interface Run { text: string; strong: boolean }
type TypstBlock = { kind: 'p'; runs: Run[] } | { kind: 'h2' | 'h3'; text: string } | { kind: 'table'; rows: string[][] };

function runs(nodes: Inline[], strong = false): Run[] {
  return nodes.flatMap((n): Run[] => {
    if (n.type === 'text' || n.type === 'code') return [{ text: n.value, strong }];
    if (n.type === 'strong') return runs(n.children, true);
    if (n.type === 'emphasis' || n.type === 'delete' || n.type === 'link') return runs(n.children, strong);
    return [];
  });
}
const plain = (nodes: Inline[]) => runs(nodes).map((r) => r.text).join('');

function blocks(list: Block[]): TypstBlock[] {
  return list.flatMap((b): TypstBlock[] => {
    if (b.type === 'paragraph') return [{ kind: 'p', runs: runs(b.children) }];
    if (b.type === 'heading') return [{ kind: b.depth === 2 ? 'h2' : 'h3', text: plain(b.children) }];
    if (b.type === 'table') return [{ kind: 'table', rows: b.rows.map((row) => row.map(plain)) }];
    if (b.type === 'note' || b.type === 'quote') return blocks(b.blocks);
    if (b.type === 'list') return b.items.flatMap(blocks);
    return [];
  });
}

/** An issue as the Typst template's data. */
function data(b: Bulletin, fonts: Record<string, string>, weights: Record<string, number>): string {
  const [y, mo, d] = b.date.split('-').map(Number);
  return JSON.stringify({
    m: {
      fonts,
      weights,
      marker: b.marker,
      title: b.title,
      issue: String(b.issue),
      total: String(b.total),
      publisher: b.publisher,
      date: `${y}年${mo}月${d}日`,
      printed: b.printed,
      distribution: b.distribution,
    },
    articles: b.articles.map((a) => ({ title: a.title, subtitle: a.subtitle ?? null, source: a.source ?? null, blocks: blocks(a.blocks) })),
  });
}

const MAIN = '#import "/bulletin.typ": issue\n#let d = json(bytes(sys.inputs.data))\n#issue(d.m, d.articles)\n';

export interface TypstRun {
  issues: number;
  pages: number;
  seconds: number;
  cpuSeconds: number;
}

/**
 * Compiles every source of the project at `dir` with Typst, one warm compiler for all (as
 * bulletin keeps one warm browser), and measures the compiles only: the models are read with
 * bulletin's own analysis first, outside the measure.
 */
export async function typstPeer(dir: string, limit: number, keep?: (index: number, pdf: Buffer) => void): Promise<TypstRun> {
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const { analyse } = await import('../src/core/analyse.js');
  const { resolveFonts } = await import('../src/fonts/fonts.js');
  const { printFonts } = await import('../src/fonts/printFonts.js');
  const io: Io = { cwd: dir, env: process.env, stdout: () => {}, stderr: () => {} };
  const analysis = await analyse(io, []);
  const models = analysis.sources.map((s) => s.bulletin).filter((b): b is Bulletin => b !== undefined).slice(0, limit);
  // bulletin's print cuts, named by their family names.
  const roles = resolveFonts(analysis.config, dir);
  const cuts = await printFonts(roles);
  const family: Record<string, string> = {};
  const weight: Record<string, number> = {};
  for (const role of roles) {
    if (!role.print) continue;
    const font = fontkit.create(readFileSync(role.print)) as fontkit.Font;
    family[role.role] = font.familyName;
    weight[role.role] = (font as unknown as { 'OS/2'?: { usWeightClass?: number } })['OS/2']?.usWeightClass ?? 400;
  }
  const compiler = NodeCompiler.create({ workspace: TEMPLATE_DIR, fontArgs: [{ fontPaths: cuts.common.files }] });
  const inputs = models.map((b) => data(b, family, weight));
  // One issue first, outside the measure: the compiler's fonts and template are then warm.
  compiler.pdf({ mainFileContent: MAIN, inputs: { data: inputs[0]! } });
  let pages = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const [index, input] of inputs.entries()) {
    const result = compiler.compile({ mainFileContent: MAIN, inputs: { data: input } });
    const doc = result.result;
    if (!doc) throw new Error(`Typst：${JSON.stringify(result.takeDiagnostics()?.shortDiagnostics ?? '').slice(0, 400)}`);
    const pdf = compiler.pdf(doc);
    keep?.(index, pdf);
    pages += (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    compiler.evictCache(10);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { issues: inputs.length, pages, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}
