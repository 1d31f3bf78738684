/**
 * The one catalogue of failures that are not about a place in a source file
 * (no browser, unwritable output, a lock held by another build…).
 * Each entry: a stable name, a Chinese title, a message and a hint.
 */
export const catalogue = {
  NoSources: {
    title: '没有找到源文件',
    message: (where: string) => `在 ${where} 下没有找到任何 .md 源文件。`,
    hint: '用 `bulletin new` 新建一期，或在命令后写出源文件路径。',
  },
  PathNotFound: {
    title: '路径不存在',
    message: (path: string) => `找不到 ${path}。`,
    hint: '检查路径拼写；路径相对于当前目录。',
  },
  BrowserLaunchFailed: {
    title: '无法启动浏览器',
    message: (detail: string) => `无法启动用于生成 PDF 的 Chromium：${detail}`,
    hint:
      '重新运行 `npm ci` 以安装随包提供的 @sparticuz/chromium；或设置环境变量 PUPPETEER_EXECUTABLE_PATH，' +
      '或在 bulletin.config.yaml 中设置 browser.executablePath 指向一个 Chrome/Chromium；只要 HTML 可用 `--format html`。',
  },
  BrowserNotFound: {
    title: '找不到浏览器',
    message: (tried: string) => `生成 PDF 需要 Chrome、Edge 或 Chromium，但这些地方都没有找到：\n${tried}`,
    hint:
      '安装 Google Chrome 或 Microsoft Edge（Windows 自带 Edge）；或用 --browser 指定可执行文件，' +
      '或在 bulletin.config.yaml 中设置 browser.executablePath，或设置环境变量 PUPPETEER_EXECUTABLE_PATH / CHROME_PATH；' +
      '只要 HTML 可用 `--format html`。运行 `bulletin doctor` 查看详情。',
  },
  OutputNotWritable: {
    title: '无法写入输出',
    message: (path: string, detail: string) => `无法写入 ${path}：${detail}`,
    hint: '检查输出目录的权限和磁盘空间，或用 `--out` 指定另一个目录。',
  },
  ConfigInvalid: {
    title: '配置文件有误',
    message: (path: string) => `配置文件 ${path} 有错误，见上方诊断。`,
    hint: '按诊断修改 bulletin.config.yaml；配置项说明见 docs/config.md。',
  },
  Interrupted: {
    title: '已中断',
    message: (signal: string) => `收到 ${signal}，已停止构建并清理临时文件。`,
    hint: '重新运行命令即可继续；已有的输出文件未被改动。',
  },
  LockHeld: {
    title: '另一个构建正在进行',
    message: (path: string, pid: string) => `输出目录已被另一个构建（进程 ${pid}）锁定：${path}`,
    hint: '等待另一个构建结束后再运行；若该进程已不存在，锁会被自动回收。',
  },
  ImportTargetExists: {
    title: '目标文件已存在',
    message: (path: string, input: string) => `${path} 已经存在，未导入 ${input}。`,
    hint: '确认不需要已有的文件后加 --force 覆盖，或用 --out 导入到另一个目录。',
  },
  ImportDuplicateTarget: {
    title: '两个输入导入到同一个文件',
    message: (path: string, first: string, second: string) => `${first} 和 ${second} 都会导入到 ${path}，未导入后者。`,
    hint: '两份文本的期号和日期相同：检查是否重复，或分两次用不同的 --out 导入。',
  },
  ImportInputUnreadable: {
    title: '无法读取输入文件',
    message: (path: string, detail: string) => `无法读取 ${path}：${detail}`,
    hint: '检查路径拼写和读取权限；路径相对于当前目录。',
  },
  InitTargetExists: {
    title: '文件已存在',
    message: (paths: string) => `${paths} 已经存在，未做任何改动。`,
    hint: '在一个新的或空的目录中运行 `bulletin init`，或写出目录名：`bulletin init 我的简报`。',
  },
  IssueExists: {
    title: '这一期已存在',
    message: (path: string) => `${path} 已经存在，未做改动。`,
    hint: '检查已有的这一期是否就是要新建的；若编号不对，先改正已有源文件的 issue、total、date，再运行 `bulletin new`。',
  },
  InvalidDate: {
    title: '日期无效',
    message: (value: string) => `“${value}”不是有效日期。`,
    hint: '日期写成 YYYY-MM-DD，如 2021-06-28，且须是日历上存在的日子。',
  },
  DateBeforeLatest: {
    title: '日期早于最近一期',
    message: (date: string, latest: string, path: string) => `新一期的日期 ${date} 早于最近一期 ${path} 的日期 ${latest}。`,
    hint: '总期号随日期递增，新一期的日期不能早于已有的最后一期；检查 --date，或先改正已有源文件的日期。',
  },
  ArchiveInvalid: {
    title: '已有源文件有错误',
    message: (count: number) => `有 ${count} 个已有源文件的前置信息有错误，无法确定下一期的编号。`,
    hint: '按上方诊断改正这些源文件（可用 `bulletin check` 检查），再运行 `bulletin new`。',
  },
  PreviewPortUnavailable: {
    title: '无法启动预览服务器',
    message: (host: string, ports: string, detail: string) => `无法在 ${host} 的端口 ${ports} 上启动预览服务器：${detail}`,
    hint: '用 `--port` 指定另一个端口，或关闭占用这些端口的程序（如另一个 `bulletin preview`）；`--host` 须是本机的地址。',
  },
} as const;

export type ErrorName = keyof typeof catalogue;

type ArgsOf<N extends ErrorName> = (typeof catalogue)[N]['message'] extends (...args: infer A) => string ? A : never;

export class BulletinError extends Error {
  readonly errorName: ErrorName;
  readonly title: string;
  readonly hint: string;
  constructor(name: ErrorName, message: string, hint: string, title: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BulletinError';
    this.errorName = name;
    this.hint = hint;
    this.title = title;
  }
}

export function bulletinError<N extends ErrorName>(name: N, args: ArgsOf<N>, cause?: unknown): BulletinError {
  const entry = catalogue[name];
  const message = (entry.message as (...a: unknown[]) => string)(...args);
  return new BulletinError(name, message, entry.hint, entry.title, cause === undefined ? undefined : { cause });
}

/** One-paragraph Chinese text of an error and its causes, with stacks only when verbose. */
export function describeError(error: unknown, verbose = false): string {
  const lines: string[] = [];
  if (error instanceof BulletinError) {
    lines.push(`错误：${error.message}`, `提示：${error.hint}`);
  } else if (error instanceof Error) {
    lines.push(`错误：${error.message}`);
  } else {
    lines.push(`错误：${String(error)}`);
  }
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error) {
    lines.push(`  原因：${cause.message}`);
    cause = cause.cause;
  }
  if (verbose && error instanceof Error && error.stack) lines.push(error.stack);
  return lines.join('\n') + '\n';
}
