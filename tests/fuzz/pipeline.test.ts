// Property-based: random and mutated sources through compile() and render() (no browser).
// No exception escapes, no internal error, every message is a diagnostic, bounded time.
// `npm run fuzz` runs 10,000 cases per property; the normal suite runs 500.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/pipeline/index.js';
import { render, templateEnvironment } from '../../src/pipeline/render.js';
import { defaultConfig } from '../../src/config/schema.js';
import { decode } from '../../src/text/decode.js';
import { SAMPLE, tempDir } from '../hardening/helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const PER_INPUT_MS = 2_000;
/** The whole property's time limit: ~10 ms a case measured; room for a busy machine. */
const TIMEOUT = 60_000 + RUNS * 60;
const sample = readFileSync(SAMPLE, 'utf8');
const env = templateEnvironment('/nonexistent-project/templates', process.env);
const dir = await tempDir('bulletin-fuzz-');
const source = path.join(dir, 'bulletins', 'fuzz.md');
await (await import('node:fs/promises')).mkdir(path.dirname(source), { recursive: true });

const MD_TOKENS = [
  '# ', '## ', '### ', '#### ', '> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '|', '| - |', '---', '***', '\n', '\n\n', '  ', '\t', '\r', '\r\n',
  '![图](images/a.png)', '![', '](', ')', '[链接](', 'https://example.org', 'javascript:alert(1)', 'data:text/html,x', '../', '/etc/passwd', '%E0%A4%A',
  '<script>', '</script>', '<img src=x onerror=alert(1)>', '<!--', '-->', '`', '```', '~~~', '*', '**', '_', '~~', '\\', '&amp;', '&#106;', '&#x09;',
  '——', '（', '）', '编者按：', '按：', '中文正文', '安全生产', 'text', '[^1]', '[^1]: 注', '[x]: javascript:x', '<', '>', '"', "'", '{{ b }}', '{% raw %}',
  '\u3000', '\ufeff', '\u200b', '\ud83d\ude00', 'Ω',
];
const YAML_KEYS = ['issue', 'total', 'date', 'series', 'title', 'publisher', 'marker', 'distribution', 'printed', 'copies', 'isue', '__proto__', 'constructor', '抄报', ''];
const YAML_VALUES = [
  '1', '64', '230', '0', '-1', '1.5', '1e30', '.inf', '.nan', '~', 'null', 'true', '', '""', "'x'", '"未闭合', '2021-06-25', '2021-02-30', '2021/06/25',
  '[a, b]', '[1', '{a: 1}', '{', '!!binary eA==', '!!js/function "f"', '!tag x', '&a 1', '*a', '|\n  多行', '>\n  折叠', '\n  name: 专刊\n  number: 1',
  '\n  抄报: 省委\n  分送:\n    - 甲\n    - 乙', '\n  - x', '\n\tname: x', '<script>alert(1)</script>', '" onload="x', '{{ 7*7 }}',
];

const markdownBody = fc.array(fc.constantFrom(...MD_TOKENS), { maxLength: 60 }).map((t) => t.join(''));
const frontMatter = fc
  .array(fc.tuple(fc.constantFrom(...YAML_KEYS), fc.constantFrom(...YAML_VALUES)), { maxLength: 12 })
  .map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n'));
const validFront = '---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n';

/** A source: pure noise, structured noise, or the sample with mutations. */
const sourceText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.tuple(fc.constantFrom('---', '---js', '---yaml', '--- ', '', '...'), frontMatter, fc.constantFrom('---', '...', ''), markdownBody).map(
    ([open, fm, close, body]) => `${open}\n${fm}\n${close}\n${body}`,
  ),
  markdownBody.map((body) => `${validFront}\n# 标题\n\n${body}`),
  fc
    .array(
      fc.tuple(fc.nat(), fc.nat({ max: 200 }), fc.oneof(fc.constantFrom(...MD_TOKENS), fc.string({ maxLength: 8 })), fc.constantFrom('delete', 'insert', 'replace', 'duplicate-line')),
      { minLength: 1, maxLength: 8 },
    )
    .map((mutations) => {
      let text = sample;
      for (const [at, length, token, kind] of mutations) {
        const i = at % (text.length + 1);
        if (kind === 'delete') text = text.slice(0, i) + text.slice(i + length);
        else if (kind === 'insert') text = text.slice(0, i) + token + text.slice(i);
        else if (kind === 'replace') text = text.slice(0, i) + token + text.slice(i + token.length);
        else {
          const lines = text.split('\n');
          const n = i % lines.length;
          lines.splice(n, 0, lines[n] ?? '');
          text = lines.join('\n');
        }
      }
      return text;
    }),
);

describe('fuzz: compile() and render()', () => {
  it(`never throws, reports only diagnostics, renders what compiles (${RUNS} runs)`, async () => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(sourceText, async (text) => {
        await writeFile(source, text);
        const started = performance.now();
        const compiled = await compile('bulletins/fuzz.md', source, { config: defaultConfig, root: dir, source: 'bulletins/fuzz.md', assetsDir: 'fuzz.assets' });
        const messages = compiled.file.messages;
        expect(messages.filter((m) => m.ruleId === 'internal-error').map((m) => String((m.cause as Error | undefined)?.stack))).toEqual([]);
        for (const m of messages) {
          expect(m.ruleId).toMatch(/^[a-z0-9-]+$/);
          expect(m.reason).toMatch(/\p{Script=Han}/u);
          if (m.line !== undefined && m.line !== null) expect(m.line).toBeGreaterThanOrEqual(1);
        }
        const failed = messages.some((m) => m.fatal === true);
        expect(compiled.bulletin === undefined).toBe(failed);
        if (compiled.bulletin) {
          const { html } = render(env, compiled.bulletin, { config: defaultConfig, htmlDir: '', fontFaces: [], version: 'fuzz' });
          expect(html.trimEnd().endsWith('</html>')).toBe(true);
          expect(html.match(/<script/gi)?.length).toBe(1);
          expect(html).not.toMatch(/<(img|svg|iframe|object)[^>]*\son\w+=/i);
          expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
          built++;
        }
        expect(performance.now() - started).toBeLessThan(PER_INPUT_MS);
      }),
      { numRuns: RUNS },
    );
    expect(built).toBeGreaterThan(RUNS / 10); // the generators reach the back half of the pipeline
  }, TIMEOUT);

  it(`decode() never throws and never returns control characters (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.string({ maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s, 'utf16le')))), (bytes) => {
        const d = decode(bytes);
        if (d.ok) expect(d.text).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u007f]/);
        else expect(['binary', 'unknown-encoding']).toContain(d.reason);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
