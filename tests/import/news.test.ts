import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { captureIo, samples, splitSource, tempDir } from './helpers.js';

const INPUT = path.join(samples, 'js-news-2019-07-25.raw.txt');

describe('import of a news report (js-news-2019-07-25.raw.txt)', async () => {
  const dir = await tempDir();
  const result = await importText({ files: [INPUT], verify: true, io: captureIo(dir) });
  const written = await readFile(path.join(dir, 'bulletins/2019/js-news-2019-07-25.md'), 'utf8');
  const { front, body } = splitSource(written);
  const tree = unified().use(remarkParse).parse(body) as Root;

  it('is one article with the dateline as date', () => {
    expect(result.exitCode).toBe(0);
    // What the report does not give is written 【待补】, for check to name.
    expect(front).toEqual({ issue: '【待补】', total: '【待补】', date: '2019-07-25' });
    expect(tree.children.filter((n) => n.type === 'heading' && n.depth === 1).map((n) => toString(n))).toEqual([
      '8月起江苏全省将进行安全生产巡查直击六个问题',
    ]);
  });

  it('warns about the missing numbers', () => {
    const messages = result.files[0]?.file.messages ?? [];
    const missing = messages.filter((m) => m.ruleId === 'import-missing-field');
    expect(missing.map((m) => m.reason)).toEqual([
      '未找到期号（第 N 期），前置信息中写作【待补】',
      '未找到总期号（总第 N 期），前置信息中写作【待补】',
    ]);
    expect(missing.every((m) => m.fatal === false)).toBe(true);
    expect(messages.find((m) => m.ruleId === 'import-time-dropped')?.line).toBe(3);
  });

  it('loses no paragraph: every input line after the title and dateline is one block, but the page’s staff line', async () => {
    // "编辑:顾名筛" is the web page's staff line, not the article's text: removed and listed.
    const raw = (await readFile(INPUT, 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l && l !== '编辑:顾名筛');
    const blocks = tree.children.slice(1).map((n) => toString(n));
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(blocks.map(squash)).toEqual(raw.slice(2).map(squash));
    expect(result.files[0]?.differences).toBe(0);
  });
});
