// --verify through the import itself: the source the import writes is broken on purpose (the
// writer is wrapped), and the import must exit 1 with the difference named first.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { captureIo, scenarios, tempDir } from './helpers.js';

const edit = vi.hoisted(() => ({ current: (s: string) => s }));
vi.mock('../../src/import/writeSource.js', async (original) => {
  const actual = await original<typeof import('../../src/import/writeSource.js')>();
  return { ...actual, writeSource: (model: Parameters<typeof actual.writeSource>[0]) => edit.current(actual.writeSource(model)) };
});

const { importText } = await import('../../src/core/importText.js');
const corpus = path.join(scenarios, 'corpus', '064-spaced');

const BREAKS: Array<[string, (s: string) => string, string]> = [
  ['a heading merged into the body', (s) => s.replace('## 省安委会第二专项巡查组进驻萍乡市\n\n6月22日，', '省安委会第二专项巡查组进驻萍乡市6月22日，'), '两块被合成了一段'],
  ['a split paragraph', (s) => s.replace('关键一招。建党百年', '关键一招。\n\n建党百年'), '被分成了两段'],
  ['a lost space', (s) => s.replace('强化责任落实　筑牢安全防线', '强化责任落实筑牢安全防线'), '丢了原文词组之间的空格'],
  ['moved quotes', (s) => s.replace('紧扣“查问题', '紧扣查问题“'), '不一致'],
];

describe.each(['lo-onefont.pdf', 'bulletin.raw.txt', 'word.docx'])('import --verify of %s', (shape) => {
  it.each(BREAKS)('exits 1 on %s, naming it first', async (_, broken, first) => {
    const dir = await tempDir();
    await copyFile(path.join(corpus, shape), path.join(dir, shape));
    edit.current = broken;
    try {
      const result = await importText({ files: [shape], verify: true, io: captureIo(dir) });
      expect(result.exitCode).toBe(1);
      const messages = result.files[0]!.file.messages.filter((m) => m.ruleId === 'import-verify-block');
      expect(messages[0]?.reason).toContain(first);
      expect(result.files[0]!.differences).toBeGreaterThan(0);
    } finally {
      edit.current = (s) => s;
    }
  });

  it('exits 0 on the source as written', async () => {
    const dir = await tempDir();
    await copyFile(path.join(corpus, shape), path.join(dir, shape));
    const result = await importText({ files: [shape], verify: true, io: captureIo(dir) });
    expect(result.exitCode).toBe(0);
  });
});
