// bulletin doctor: the demo project is ready for PDF; a character no font has is named with its
// role and place; a machine without a browser is told every place that was looked at.
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctor } from '../../src/core/doctor.js';
import type { System } from '../../src/browser/discover.js';
import { bulletin } from '../helpers/cli.js';
import { captureIo, tempProject } from '../helpers/project.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ISSUE = (body: string) => `---\nissue: 1\ntotal: 1\ndate: 2021-01-04\n---\n\n${body}`;

describe('bulletin doctor', () => {
  it('on the demo project: exit 0, names the browser, its version and the font of every role', async () => {
    const dir = await tempProject();
    await cp(path.join(ROOT, 'bulletins'), path.join(dir, 'bulletins'), { recursive: true });
    const r = await bulletin(dir, ['doctor']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ 浏览器：随包 Chromium（@sparticuz\/chromium） \S+\/chromium$/m);
    expect(r.stdout).toMatch(/版本 HeadlessChrome\/147\.[\d.]+；启动并试印一页 PDF 用时/);
    for (const line of ['✓ 字体 标题（小标宋）：Noto Serif SC Black，替代字体（正式字体为 方正小标宋简体）', '✓ 字体 正文（仿宋）：Noto Serif SC，替代字体（正式字体为 仿宋_GB2312）', '✓ 字体 楷体：LXGW WenKai，替代字体（正式字体为 楷体_GB2312）', '✓ 字体 黑体：Noto Sans SC，替代字体（正式字体为 黑体）']) {
      expect(r.stdout).toContain(line);
    }
    expect(r.stdout).toContain('可以生成 PDF（检查了 3 期源文件）。');
  });

  it('names a character no font has (𠀀, U+20000) with its role and file:line:column; --strict fails on it', async () => {
    const dir = await tempProject({ 'bulletins/2021/001.md': ISSUE('# 标题\n\n## 一、小标题𠀀\n\n正文里的生僻字𠀀。\n') });
    const io = captureIo(dir);
    const report = await doctor({ io });
    const hei = report.fonts.find((f) => f.role === 'hei')!;
    const body = report.fonts.find((f) => f.role === 'body')!;
    expect(hei.missing).toEqual([{ char: '𠀀', codePoint: 'U+20000', at: 'bulletins/2021/001.md:9:9' }]);
    expect(body.missing).toEqual([{ char: '𠀀', codePoint: 'U+20000', at: 'bulletins/2021/001.md:9:9' }]);
    // Only the roles that print it are named: the title and kai faces never see this text.
    expect(report.fonts.find((f) => f.role === 'title')!.missing).toEqual([]);
    expect(report.fonts.find((f) => f.role === 'kai')!.missing).toEqual([]);
    expect(report.ok).toBe(true);
    // Each bundled role names the whole font its PDFs are printed with, besides the web slices.
    expect(report.fonts.map((f) => `${f.role} ${path.basename(f.print ?? '')}`)).toEqual([
      'title NotoSerifSC_900Black.ttf',
      'body NotoSerifSC_400Regular.ttf',
      'kai lxgw-wenkai-latin-500-normal.ttf',
      'hei NotoSansSC_400Regular.ttf',
      'figures NotoSerifSC_400Regular.ttf',
    ]);

    const plain = await bulletin(dir, ['doctor']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('✗ 字体 黑体：Noto Sans SC');
    expect(plain.stdout).toContain('    缺字 “𠀀”（U+20000）于 bulletins/2021/001.md:9:9');
    const strict = await bulletin(dir, ['doctor', '--strict']);
    expect(strict.code).toBe(1);
    const json = JSON.parse((await bulletin(dir, ['doctor', '--json'])).stdout);
    expect(json.fonts.find((f: { role: string }) => f.role === 'body').missing[0]).toEqual({ char: '𠀀', codePoint: 'U+20000', at: 'bulletins/2021/001.md:9:9' });
  });

  it('without any browser: not ready, exit code 1 material, and every place tried is listed', async () => {
    const dir = await tempProject({ 'bulletins/a.md': ISSUE('# 标题\n\n正文。\n') });
    const nothing: System = { platform: 'win32', arch: 'x64', env: {}, homedir: 'C:\\Users\\editor', isExecutable: () => false, list: () => [], hasBundled: () => false };
    const report = await doctor({ io: captureIo(dir, {}), system: nothing });
    expect(report.pdfReady).toBe(false);
    expect(report.ok).toBe(false);
    expect(String(report.browser.error)).toContain('生成 PDF 需要 Chrome、Edge 或 Chromium');
    expect(report.browser.tried.map((t) => t.source.zh)).toContain('Microsoft Edge（Program Files (x86)）');
    expect(report.browser.tried).toHaveLength(10);
  });

  it('a broken browser path from the command line: exit 1 and the fix', async () => {
    const dir = await tempProject({ 'bulletins/a.md': ISSUE('# 标题\n\n正文。\n') });
    const r = await bulletin(dir, ['doctor', '--browser', '/nonexistent/chrome']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 浏览器：不能生成 PDF');
    expect(r.stdout).toContain('      ✗ 命令行 --browser：/nonexistent/chrome');
    expect(r.stdout).toContain('不能生成 PDF：按上面标 ✗ 的提示修改后再运行 bulletin doctor。');
  });
});
