// A Word file as an editor writes one (made here with the docx package, as Word would save it):
// the masthead as plain paragraphs, the article title in the built-in 标题 1 style (Heading 1),
// its headings in 标题 2, body paragraphs, a table, the colophon as plain lines. Import reads
// the outline levels of the styles, not the formatting, and gives the source back.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/core/importText.js';
import { captureIo, tempDir } from './helpers.js';

const p = (text: string, heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ children: [new TextRun(text)], ...(heading ? { heading } : {}) });
const row = (cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [p(c)] })) });

describe('import of a Word file with heading styles', () => {
  it('takes 标题 1 as the article title and 标题 2 as a heading, keeps the table, reads the colophon', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            p('江西应急管理简报'),
            p('第7期（总第240期）'),
            p('江西省安全生产委员会办公室  2022年3月1日'),
            p('全省开展春季安全生产大检查', HeadingLevel.HEADING_1),
            p('2月下旬，全省各地按照部署，组织检查组深入企业开展检查。'),
            p('突出重点行业', HeadingLevel.HEADING_2),
            p('各地聚焦危化品、矿山、消防等重点行业，逐项排查隐患。'),
            new Table({ rows: [row(['设区市', '检查组', '隐患']), row(['南昌', '28', '150']), row(['九江', '35', '96'])] }),
            p('（省安委办供稿）'),
            p('抄送：应急管理部办公厅。'),
            p('江西省安全生产委员会办公室  2022年3月1日印发'),
          ],
        },
      ],
    });
    const dir = await tempDir();
    await writeFile(path.join(dir, 'issue.docx'), await Packer.toBuffer(doc));
    const result = await importText({ files: ['issue.docx'], verify: true, io: captureIo(dir) });
    expect(result.files[0]?.file.messages.filter((m) => m.fatal !== undefined).map((m) => m.reason)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(await readFile(path.join(dir, 'bulletins/2022/007.md'), 'utf8')).toBe(
      [
        '---',
        'issue: 7',
        'total: 240',
        'date: 2022-03-01',
        'distribution:',
        '  抄送: 应急管理部办公厅',
        '---',
        '',
        '# 全省开展春季安全生产大检查',
        '',
        '2月下旬，全省各地按照部署，组织检查组深入企业开展检查。',
        '',
        '## 突出重点行业',
        '',
        '各地聚焦危化品、矿山、消防等重点行业，逐项排查隐患。',
        '',
        '| 设区市 | 检查组 |  隐患 |',
        '| --- | --: | --: |',
        '| 南昌  |  28 | 150 |',
        '| 九江  |  35 |  96 |',
        '',
        '（省安委办供稿）',
        '',
      ].join('\n'),
    );
  });

  it('reads a file formatted by fonts as the PDF import reads a page: a Sans or 黑体 line a heading, a 楷体 line a ### heading, a page footer dropped', async () => {
    const run = (text: string, font: string, size = 32) => new Paragraph({ children: [new TextRun({ text, font: { eastAsia: font, ascii: font }, size })] });
    const doc = new Document({
      sections: [
        {
          children: [
            run('江西应急管理简报', '方正小标宋简体', 60),
            run('第8期（总第241期）', '仿宋_GB2312'),
            run('江西省安全生产委员会办公室  2022年3月8日', '仿宋_GB2312'),
            run('全省部署汛前安全检查', '方正小标宋简体', 44),
            run('3月上旬，全省各地部署汛前安全检查工作。', '仿宋_GB2312'),
            run('压紧压实责任', 'Noto Sans SC'),
            run('各地明确责任分工，逐级落实到人。', '仿宋_GB2312'),
            run('第 1 页 共 1 页', '仿宋_GB2312', 24),
            run('强化隐患排查', '楷体_GB2312'),
            run('各地对重点部位开展拉网式排查。', '仿宋_GB2312'),
          ],
        },
      ],
    });
    const dir = await tempDir();
    await writeFile(path.join(dir, 'fonts.docx'), await Packer.toBuffer(doc));
    const result = await importText({ files: ['fonts.docx'], io: captureIo(dir) });
    expect(result.exitCode).toBe(0);
    const body = (await readFile(path.join(dir, 'bulletins/2022/008.md'), 'utf8')).split('---\n').at(-1)!;
    expect(body).toBe(
      ['', '# 全省部署汛前安全检查', '', '3月上旬，全省各地部署汛前安全检查工作。', '', '## 压紧压实责任', '', '各地明确责任分工，逐级落实到人。', '', '### 强化隐患排查', '', '各地对重点部位开展拉网式排查。', ''].join('\n'),
    );
  });
});
