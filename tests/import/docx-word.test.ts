// Word files as editors type them: the 版记 as a table (抄报/分送 rows, the office and the 印发
// date in two cells of one row) read as the distribution, office and date; a picture taken out
// next to the source (images/) and referenced from it, with its caption.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { captureIo, tempDir } from './helpers.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name });
const p = (text: string, face = '仿宋_GB2312', size = 32, extra: Record<string, unknown> = {}) => new Paragraph({ children: [new TextRun({ text, font: font(face), size })], ...extra });
const cell = (text: string) => new TableCell({ children: [p(text, '仿宋_GB2312', 28)] });

describe('a Word file with a 版记 table and a picture', () => {
  it('reads the 版记 rows as distribution, office and 印发 date, and writes the picture to images/', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            p('江西应急管理简报', '方正小标宋简体', 72, { alignment: AlignmentType.CENTER }),
            p('第9期（总第242期）', '仿宋_GB2312', 32, { alignment: AlignmentType.CENTER }),
            p('赣州市应急管理局  2022年3月15日'),
            p('全市开展防汛演练', '方正小标宋简体', 44, { alignment: AlignmentType.CENTER }),
            p('3月中旬，全市各地开展防汛应急演练。', '仿宋_GB2312', 32, { indent: { firstLine: 640 } }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 100, height: 60 }, altText: { name: 'drill', description: '演练现场', title: '演练' } })] }),
            p('图1 演练现场', '楷体_GB2312', 28, { alignment: AlignmentType.CENTER }),
            p('各地检验了预案，锻炼了队伍。', '仿宋_GB2312', 32, { indent: { firstLine: 640 } }),
            new Table({
              rows: [
                new TableRow({ children: [new TableCell({ columnSpan: 2, children: [p('抄报：市委、市政府领导。', '仿宋_GB2312', 28)] })] }),
                new TableRow({ children: [new TableCell({ columnSpan: 2, children: [p('分送：各县（市、区）应急管理局，市直有关部门。', '仿宋_GB2312', 28)] })] }),
                new TableRow({ children: [cell('赣州市应急管理局'), cell('2022年3月16日印发')] }),
              ],
            }),
          ],
        },
      ],
    });
    const dir = await tempDir();
    await writeFile(path.join(dir, 'issue.docx'), await Packer.toBuffer(doc));
    const result = await importText({ files: ['issue.docx'], verify: true, io: captureIo(dir) });
    expect(result.files[0]?.file.messages.filter((m) => m.fatal === true).map((m) => m.reason)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.files[0]?.images).toEqual(['bulletins/2022/images/009-1.png']);
    expect(await readFile(path.join(dir, 'bulletins/2022/images/009-1.png'))).toEqual(PNG);
    expect(await readFile(path.join(dir, 'bulletins/2022/009.md'), 'utf8')).toBe(
      [
        '---',
        'issue: 9',
        'total: 242',
        'date: 2022-03-15',
        'publisher: 赣州市应急管理局',
        'distribution:',
        '  抄报: 市委、市政府领导',
        '  分送:',
        '    - 各县（市、区）应急管理局',
        '    - 市直有关部门',
        'printed: 2022-03-16',
        '---',
        '',
        '# 全市开展防汛演练',
        '',
        '3月中旬，全市各地开展防汛应急演练。',
        '',
        // The caption's space after its number goes, as everywhere an extractor's space does.
        '![图1演练现场](images/009-1.png)',
        '',
        '各地检验了预案，锻炼了队伍。',
        '',
      ].join('\n'),
    );
  });
});
