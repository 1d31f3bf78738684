// bulletin.config.yaml: the preset's defaults, overrides, validation with places, project
// templates overriding built-in ones, and where the browser comes from.
import { printedBuild } from '../helpers/project.js';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/core/build.js';
import { captureIo, tempProject } from '../helpers/project.js';

const TWO_ARTICLES = '---\nissue: 3\ntotal: 12\ndate: 2021-03-01\n---\n\n# 第一篇\n\n正文一。\n\n# 第二篇\n\n正文二。\n';

describe('config', () => {
  it('applies the 江西 preset without a config file', async () => {
    const dir = await tempProject({ 'bulletins/a.md': TWO_ARTICLES });
    expect((await printedBuild({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
    const html = await readFile(path.join(dir, 'dist/a.html'), 'utf8');
    // The title's words are spans that never break inside (text/words.ts).
    expect(/<p class="masthead-title">(.*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '')).toBe('江西应急管理简报');
    expect(html).toContain('<p class="marker">注意保存</p>');
    expect(html).toContain('<nav class="toc" aria-label="本期要目">');
    expect(html).toContain('<span class="label">抄报：</span>省委、省政府<span class="w">领导。</span>');
  });

  it('overrides title, publisher, marker, distribution, toc, colours and output folder', async () => {
    const config = [
      'title: 测试应急简报',
      'publisher: 某某市应急管理局',
      'marker: ""',
      'toc: never',
      'out: public',
      'colors:',
      '  masthead: "#C00000"',
      'distribution:',
      '  送: [市委办公室, 市政府办公室]',
    ].join('\n');
    const dir = await tempProject({ 'bulletin.config.yaml': config, 'bulletins/a.md': TWO_ARTICLES });
    expect((await printedBuild({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
    const html = await readFile(path.join(dir, 'public/a.html'), 'utf8');
    expect(/<p class="masthead-title">(.*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '')).toBe('测试应急简报');
    expect(html).toContain('<p class="marker"></p>');
    expect(html).not.toContain('<nav class="toc"');
    expect(html).toContain('--masthead-red: #C00000;');
    expect(html).toContain('<span class="label">送：</span>市委办公室，市政府办<span class="w">公室。</span>');
    expect(html).toContain('<span class="publisher">某某市应急管理局</span>');
  });

  it('reports a config error at its line and builds nothing', async () => {
    const dir = await tempProject({ 'bulletin.config.yaml': 'title: 简报\ntoc: sometimes\nnumbering:\n  rest: yearly\n', 'bulletins/a.md': TWO_ARTICLES });
    const io = captureIo(dir);
    expect((await printedBuild({ io, formats: ['html'] })).exitCode).toBe(1);
    expect(io.err()).toContain('bulletin.config.yaml');
    expect(io.err()).toMatch(/2:6\s+错误\s+字段“toc”的值“sometimes”无效\s+config-invalid-value/);
    expect(io.err()).toMatch(/4:3\s+错误\s+未知的字段“numbering.rest”\s+config-unknown-key/);
    expect(io.err()).toContain('提示：是不是“reset”？');
    expect(await readdir(dir)).not.toContain('dist');
  });

  it('names a missing project font file at its line', async () => {
    const dir = await tempProject({ 'bulletin.config.yaml': 'fonts:\n  body:\n    file: fonts/fangsong.ttf\n', 'bulletins/a.md': TWO_ARTICLES });
    const io = captureIo(dir);
    expect((await printedBuild({ io, formats: ['html'] })).exitCode).toBe(1);
    expect(io.err()).toMatch(/3:11\s+错误\s+找不到字体文件：fonts\/fangsong.ttf\s+config-font-missing/);
  });

  it('lets a project template override the built-in one, still autoescaped', async () => {
    const dir = await tempProject({
      'templates/bulletin.njk': '<!doctype html><p>自定义：{{ b.title }} {{ b.articles[0].title }}</p>',
      'bulletins/a.md': TWO_ARTICLES.replace('# 第一篇', '# 第一篇 1 < 2 & "3"'),
    });
    expect((await printedBuild({ io: captureIo(dir), formats: ['html'] })).exitCode).toBe(0);
    const html = await readFile(path.join(dir, 'dist/a.html'), 'utf8');
    expect(html).toBe('<!doctype html><p>自定义：江西应急管理简报 第一篇 1 &lt; 2 &amp; &quot;3&quot;</p>');
  });
});

describe('the browser', () => {
  it('explains in Chinese when no browser starts, without a stack', async () => {
    const dir = await tempProject({ 'bulletins/a.md': TWO_ARTICLES });
    const io = captureIo(dir, { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' });
    const r = await build({ io });
    expect(r.exitCode).toBe(1);
    expect((r.error as Error).message).toBe('无法启动用于生成 PDF 的 Chromium：/nonexistent/chrome 不存在或不可执行（来自 环境变量 PUPPETEER_EXECUTABLE_PATH）');
  });

  it('uses PUPPETEER_EXECUTABLE_PATH over the bundled one', async () => {
    const { bundledChromium } = await import('../../src/browser/bundled.js');
    const executable = (await bundledChromium(process.env)).executablePath;
    const dir = await tempProject({ 'bulletins/a.md': TWO_ARTICLES });
    const io = captureIo(dir, { ...process.env, PUPPETEER_EXECUTABLE_PATH: executable });
    const r = await printedBuild({ io, verbose: true });
    expect(r.exitCode).toBe(0);
    expect(io.err()).toContain(`\n浏览器：${executable}（来自 环境变量 PUPPETEER_EXECUTABLE_PATH）`);
    expect((await readFile(path.join(dir, 'dist/a.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    // The manifest names the browser and version that printed it (the bundled build is 147).
    const manifest = JSON.parse(await readFile(path.join(dir, 'dist/manifest.json'), 'utf8'));
    expect(manifest.issues[0].pdf.browser).toMatch(/^HeadlessChrome\/147\.\d+\.\d+\.\d+$/);
  });
});
