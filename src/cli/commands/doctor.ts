import path from 'node:path';
import type { Command } from 'commander';
import type { DoctorReport } from '../../core/doctor.js';
import type { CommandContext } from '../main.js';

const ROLE_NAMES: Record<string, string> = { title: '标题（小标宋）', body: '正文（仿宋）', kai: '楷体', hei: '黑体', figures: '页码数字（宋体）' };

/** The report as an editor reads it: one line per check, ✓ or ✗, each problem with its fix. */
export function renderDoctor(r: DoctorReport): string {
  const lines: string[] = [];
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  lines.push(`${mark(r.node.ok)} Node.js ${r.node.version}${r.node.ok ? '' : '：需要 20.19 或更新的版本（https://nodejs.org 下载 LTS 版）'}`);
  if (r.config.ok) lines.push(`✓ 配置：${r.config.file ? `${r.config.file} 有效` : '没有 bulletin.config.yaml，使用江西应急管理简报预设'}`);
  else lines.push(`✗ 配置：${r.config.file} 有错误`, ...r.config.problems.map((p) => `    ${p}`), '    修改：按上面的位置改正；配置项说明见 docs/config.md');
  const b = r.browser;
  if (b.printed) lines.push(`✓ 浏览器：${b.source} ${b.path}`, `    版本 ${b.version}；启动并试印一页 PDF 用时 ${((b.ms ?? 0) / 1000).toFixed(1)} 秒`);
  else lines.push(`✗ 浏览器：不能生成 PDF`, `    ${(b.error ?? '').split('\n')[0]}`, ...(b.hint ? [`    修改：${b.hint}`] : []));
  lines.push('    查找顺序：', ...b.tried.map((t) => `      ${t.found ? '✓' : '✗'} ${t.source}：${t.path}`));
  for (const f of r.fonts) {
    const kind = f.official ? '正式字体' : `替代字体（正式字体为 ${f.officialName}）`;
    const ok = f.missing.length === 0;
    lines.push(`${mark(ok)} 字体 ${ROLE_NAMES[f.role] ?? f.role}：${f.name}，${kind}${f.checked ? '' : '；本机字体，无法检查缺字'}`);
    if (f.files.length === 1) lines.push(`    文件 ${f.files[0]}`);
    else if (f.files.length > 1) lines.push(`    文件 ${path.dirname(f.files[0]!)}/ 中的 ${f.files.length} 个分片`);
    for (const m of f.missing.slice(0, 20)) lines.push(`    缺字 “${m.char}”（${m.codePoint}）于 ${m.at}`);
    if (f.missing.length > 20) lines.push(`    ……共缺 ${f.missing.length} 个字`);
    if (!ok) lines.push('    修改：换用常用字，或在配置 fonts 中为这一角色指定含这些字的字体文件');
  }
  lines.push(r.output.writable ? `✓ 输出目录 ${r.output.path} 可写` : `✗ 输出目录 ${r.output.path} 不可写：${r.output.error}\n    修改：检查权限，或用 --out 指定另一个目录`);
  lines.push('', r.pdfReady ? (r.ok ? `可以生成 PDF（检查了 ${r.sources} 期源文件）。` : `可以生成 PDF，但有上面标 ✗ 的问题（检查了 ${r.sources} 期源文件）。`) : '不能生成 PDF：按上面标 ✗ 的提示修改后再运行 bulletin doctor。');
  return `${lines.join('\n')}\n`;
}

export function registerDoctor(program: Command, { io, exit }: CommandContext): void {
  program
    .command('doctor')
    .description('检查本机和项目能否生成 PDF：Node、浏览器、各角色字体与缺字、配置、输出目录')
    .option('--browser <path>', '检查这个 Chrome/Edge/Chromium（与 build 的 --browser 相同）')
    .option('--strict', '源文件中有字体缺字也按失败处理（退出码 1）')
    .option('--json', '在标准输出打印机器可读的结果')
    .addHelpText('after', '\n退出码：0 可以生成 PDF；1 不能生成 PDF（或 --strict 时有缺字）。')
    .action(async (opts: { browser?: string; strict?: boolean; json?: boolean }) => {
      const { doctor } = await import('../../core/doctor.js');
      const report = await doctor({ io, browser: opts.browser, strict: opts.strict });
      io.stdout(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderDoctor(report));
      exit(report.ok ? 0 : 1);
    });
}
