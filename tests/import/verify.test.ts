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
