import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerVerify(program: Command, { io, exit }: CommandContext): void {
  program
    .command('verify')
    .description('在临时目录重建清单中的每一期，逐一核对 sha256，证明发布的文件可由源文件重现')
    .option('--manifest <file>', '要核对的清单（默认 dist/manifest.json）')
    .option('--json', '在标准输出打印机器可读的结果')
    .addHelpText('after', '\n示例：\n  $ bulletin verify\n  $ bulletin verify --manifest public/manifest.json')
    .action(async (opts: { manifest?: string; json?: boolean }) => {
      const { verify } = await import('../../core/verify.js');
      exit((await verify({ manifest: opts.manifest, json: opts.json, io })).exitCode);
    });
}
