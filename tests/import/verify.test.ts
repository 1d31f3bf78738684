import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { clean } from '../../src/import/clean.js';
import { verify } from '../../src/import/verify.js';
import { samples } from './helpers.js';

async function check(edit: (source: string) => string) {
  const raw = await readFile(path.join(samples, 'jx-2021-064.raw.txt'), 'utf8');
  const source = await readFile(path.join(samples, 'jx-2021-064.md'), 'utf8');
  const file = new VFile({ path: 'input.txt' });
  const { lines } = clean(raw, file);
  const differences = verify(edit(source), lines, file);
  return { differences, messages: file.messages.filter((m) => m.ruleId === 'import-verify') };
}

describe('verify', () => {
  it('finds no difference between the raw sample and its source', async () => {
    expect((await check((s) => s)).differences).toBe(0);
  });

  it('reports a lost paragraph at its input line', async () => {
    const { differences, messages } = await check((s) => s.replace(/\n会议要求，各级各部门要严格对照巡查要求[^\n]*\n/, '\n'));
    expect(differences).toBe(1);
    expect(messages[0]?.line).toBe(35);
    expect(messages[0]?.reason).toMatch(/^原文的“会议要求,各级各部门要严格对照巡查要求/);
    expect(messages[0]?.fatal).toBe(true);
  });

  it('reports a changed character and a changed number', async () => {
    const { differences, messages } = await check((s) => s.replace('组长章雪儿', '组长章雪').replace('total: 230', 'total: 231'));
    // The changed number shows twice: the front matter's value is not in the input, the input's is not in the source.
    expect(differences).toBe(3);
    expect(messages.map((m) => m.line)).toEqual([1, 7, 31]);
    expect(messages.map((m) => m.reason)).toEqual([
      '前置信息 issue 对应的“第64期(总第231期)”在原文中找不到',
      '原文的“第64期(总第230期)”在源文件中丢失',
      '原文的“儿”在源文件中丢失',
    ]);
  });

  it('reports text the source adds', async () => {
    const { messages } = await check((s) => s + '\n多出来的一段。\n');
    expect(messages.map((m) => m.reason)).toEqual(['源文件多出了原文没有的“多出来的一段。”']);
  });
});

describe('verify: structure', () => {
  it('fails when the written source has other articles, headings, paragraphs or tables than recognised', async () => {
    const { verifyStructure } = await import('../../src/import/verify.js');
    const { VFile } = await import('vfile');
    const model = {
      front: { issue: 1, total: 1, date: '2021-01-04', distribution: { 抄报: '省委' } },
      found: {},
      articles: [
        { title: '甲', line: 1, blocks: [{ type: 'heading' as const, depth: 2 as const, text: '一', line: 2 }, { type: 'paragraph' as const, text: '正文。', line: 3 }] },
        { title: '乙', line: 4, blocks: [{ type: 'table' as const, text: '', rows: [['a', 'b'], ['1', '2']], line: 5 }] },
      ],
    };
    const same = '---\nissue: 1\ndistribution:\n  抄报: 省委\n---\n\n# 甲\n\n## 一\n\n正文。\n\n# 乙\n\n| a | b |\n| - | - |\n| 1 | 2 |\n';
    const file = new VFile();
    expect(verifyStructure(same, model, file)).toBe(0);
    // One title merged into the text, the table read as a paragraph, a distribution line lost.
    const other = '---\nissue: 1\n---\n\n# 甲\n\n## 一\n\n正文。乙\n\na b 1 2\n';
    const bad = new VFile();
    expect(verifyStructure(other, model, bad)).toBe(7);
    expect(bad.messages.map((m) => m.reason)).toEqual([
      '结构不一致：识别出的文章数为 2，写出的源文件中为 1',
      '结构不一致：识别出的标题为 甲 / 乙，写出的源文件中为 甲',
      '结构不一致：识别出的小标题数为 1,0，写出的源文件中为 1',
      '结构不一致：识别出的段落数为 1,0，写出的源文件中为 2',
      '结构不一致：识别出的表格数为 0,1，写出的源文件中为 0',
      '结构不一致：识别出的插图数为 0,0，写出的源文件中为 0',
      '结构不一致：识别出的报尾各行为 抄报，写出的源文件中为 ',
    ]);
  });
});
