import type { Command } from 'commander';
import type { CommandContext } from '../main.js';

export function registerIndex(program: Command, { io, exit }: CommandContext): void {
  program
    .command('index')
    .description('合并分片构建（build --shard）的清单，生成 manifest.json、index.html、专刊页和 feed.xml')
    .argument('[dirs...]', '各分片的输出目录（默认：输出目录本身）')
    .option('-o, --out <dir>', '输出目录（默认 dist）')
    .addHelpText(
      'after',
      `
示例：
  $ bulletin build --shard 1/2 && bulletin build --shard 2/2 && bulletin index
  $ bulletin index shard-1 shard-2 --out dist`,
    )
    .action(async (dirs: string[], opts: { out?: string }) => {
      const { indexSite } = await import('../../core/indexSite.js');
      exit((await indexSite({ dirs, out: opts.out, io })).exitCode);
    });
}
