import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_PREVIEW_PORT } from '../../preview/port.js';
import { watchInterrupts } from '../../core/interrupt.js';
import type { CommandContext } from '../main.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) throw new InvalidArgumentError('端口应是 0 到 65535 之间的整数（0 表示由系统选择）');
  return port;
}

export function registerPreview(program: Command, { io, exit }: CommandContext): void {
  program
    .command('preview')
    .description('在浏览器中预览简报：构建到临时目录并在本机提供网页，保存后自动重新构建并刷新')
    .argument('[paths...]', '源文件或目录（默认 bulletins/ 下全部）')
    .addOption(new Option('-p, --port <n>', '端口；被占用时依次尝试后面 10 个').default(DEFAULT_PREVIEW_PORT, String(DEFAULT_PREVIEW_PORT)).argParser(parsePort))
    .option('--host <addr>', '监听的地址（默认 127.0.0.1，只有本机可以访问；如 0.0.0.0 则局域网内可访问）')
    .option('--pdf', '同时生成 PDF，以便查看打印版（较慢）')
    .option('--verbose', '显示详细信息（含出错时的调用栈）')
    .addHelpText(
      'after',
      `
示例：
  $ bulletin preview                              预览 bulletins/ 下全部简报
  $ bulletin preview bulletins/2021/065.md        只预览这一期
  $ bulletin preview --port 8080
  $ bulletin preview --pdf                        同时生成 PDF
  $ bulletin preview --host 0.0.0.0               让同一局域网的电脑也能打开

预览文件在临时目录中，不改动 dist/；源文件有错误时浏览器显示错误及其行号。
按 Ctrl-C 停止（退出码 0）。`,
    )
    .action(async (paths: string[], opts: { port: number; host?: string; pdf?: boolean; verbose?: boolean }) => {
      const { preview } = await import('../../core/preview.js');
      const interrupts = watchInterrupts();
      try {
        const session = await preview({ paths, port: opts.port, host: opts.host, pdf: opts.pdf, verbose: opts.verbose, io, signal: interrupts.signal });
        if (session.url) {
          // Serve until SIGINT/SIGTERM: preview() stops itself on the abort; wait for it.
          await new Promise<void>((resolve) => {
            if (interrupts.signal.aborted) resolve();
            else interrupts.signal.addEventListener('abort', () => resolve(), { once: true });
          });
          await session.close();
          io.stdout('预览已停止，临时文件已删除。\n');
        }
        exit(session.exitCode);
      } finally {
        interrupts.dispose();
      }
    });
}
