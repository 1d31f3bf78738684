// bulletin check --fix: fixture folders (input.md, expected.md, changes.txt), through the real
// CLI: the dry run lists and writes nothing, the fix writes exactly expected.md (front matter,
// BOM and line ends kept), lists every change, reports what is left as a fresh check does, and a
// second run changes nothing (real-notice: a real web copy whose fixes need a second round).
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulletin } from '../helpers/cli.js';
import { FIXTURES, tempProject } from '../helpers/project.js';

const DIR = path.join(FIXTURES, 'fix');

describe('bulletin check --fix', () => {
  for (const scenario of readdirSync(DIR).sort()) {
    it(scenario, async () => {
      const input = await readFile(path.join(DIR, scenario, 'input.md'));
      const expected = await readFile(path.join(DIR, scenario, 'expected.md'));
      const changes = await readFile(path.join(DIR, scenario, 'changes.txt'), 'utf8');
      const dir = await tempProject({ 'bulletins/a.md': input });
      const source = path.join(dir, 'bulletins/a.md');
      const listed = changes.split('\n').slice(0, -2).join('\n');
      const count = listed.split('\n').length;

      const dry = await bulletin(dir, ['check', '--fix', '--dry-run']);
      expect(dry.stdout.startsWith(`${listed}\n可自动改正 ${count} 处（--dry-run：未写入）\n`), dry.stdout).toBe(true);
      expect(await readFile(source)).toEqual(input);

      const fixed = await bulletin(dir, ['check', '--fix']);
      expect(fixed.stdout.startsWith(changes), fixed.stdout).toBe(true);
      expect((await readFile(source)).toString('utf8')).toBe(expected.toString('utf8'));
      expect(await readFile(source)).toEqual(expected);

      // The summary is that of a fresh check of the fixed source.
      const fresh = await bulletin(dir, ['check']);
      expect(fixed.stdout.trimEnd().split('\n').at(-1)).toBe(fresh.stdout.trimEnd().split('\n').at(-1));

      const again = await bulletin(dir, ['check', '--fix']);
      expect(again.stdout.startsWith('已改正 0 处，涉及 0 个文件\n'), again.stdout).toBe(true);
      expect(await readFile(source)).toEqual(expected);
    });
  }

  it('reports what it left for a person after the rewrites', async () => {
    // word-relative-time is opt-in (issue 23): this project turns it on.
    const dir = await tempProject({ 'bulletin.config.yaml': 'rules:\n  word-relative-time: warning\n', 'bulletins/a.md': await readFile(path.join(DIR, 'mixed/input.md')) });
    const r = await bulletin(dir, ['check', '--fix']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('word-relative-time');
    expect(r.stderr).toContain('“今年”在档案中会过时（本期日期为2021年6月25日）');
    expect(r.stderr).not.toMatch(/typo-halfwidth-punct|num-range-unit|date-padded/);
    expect(r.stdout).toMatch(/检查了 1 期：0 个错误，1 个警告（以上需人工处理）\n$/);
  });

  it('leaves a source in a legacy encoding as it is, and says why', async () => {
    const iconv = (await import('iconv-lite')).default;
    const gbk = iconv.encode('---\nissue: 1\ntotal: 1\ndate: 2021-06-25\n---\n\n# 标题\n\n其它地区,加强督导。\n', 'gbk');
    const dir = await tempProject({ 'bulletins/a.md': gbk });
    const r = await bulletin(dir, ['check', '--fix']);
    expect(r.stderr).toContain('bulletins/a.md：编码是 GB18030/GBK，未自动改正；另存为 UTF-8 后再运行 --fix');
    expect(await readFile(path.join(dir, 'bulletins/a.md'))).toEqual(gbk);
  });
});
