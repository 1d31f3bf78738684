import type { Command } from 'commander';
import type { ImportOptions } from '../../core/importText.js';
import type { CommandContext } from '../main.js';

type ImportFlags = Omit<ImportOptions, 'files' | 'io'>;

export function registerImport(program: Command, { io, exit }: CommandContext): void {
  program
    .command('import')
    .description('把旧简报的文本（pdftotext 输出、网页复制的文字）导入为源文件，每期一个')
    .argument('<files...>', '要导入的文本文件（UTF-8、GB18030/GBK、Big5、UTF-16 均可）')
    .option('-o, --out <dir>', '源文件目录，写到 <dir>/<年>/<期号>.md（默认 bulletins）')
    .option('--force', '覆盖已存在的源文件')
    .option('--simplified', '把繁体字转为简体')
    .option('--verify', '导入后把源文件的文字与原文逐字核对，有出入时退出码为 1')
    .option('--json', '在标准输出打印机器可读的结果')
    .addHelpText(
      'after',
      `
示例：
  $ bulletin import 2021-064.txt                 写出 bulletins/2021/064.md
  $ bulletin import 旧稿/*.txt --out bulletins --verify
  $ bulletin import 网页.txt --simplified

识别报头（标识、报头名称、期号、专刊、编发单位、日期）、文章标题与“——”副标题、小标题、
正文段落和报尾（抄报、分送、抄送、印发日期、印数）；删去页码、分页符、拼音注音、网页杂项。
未能识别的行作为正文段落保留并给出警告；找不到的期号、日期等不写入前置信息，
导入后用 \`bulletin check\` 查看需要补全的字段。

退出码：0 成功；1 有文件未能导入或核对不一致；2 用法错误。`,
    )
    .action(async (files: string[], flags: ImportFlags) => {
      const { importText } = await import('../../core/importText.js');
      const result = await importText({ files, ...flags, io });
      exit(result.exitCode);
    });
}
