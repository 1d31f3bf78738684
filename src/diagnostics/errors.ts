/**
 * The one catalogue of failures that are not about a place in a source file
 * (no browser, unwritable output, a lock held by another build…).
 * Each entry: a stable name, and a title, a message and a hint in Chinese and English.
 */
import type { Lang } from './rules.js';

/**
 * A text in both languages, made where the language it will be shown in is not known yet (an
 * error's detail deep in a stage, the name of a place a browser was looked for). Shown through
 * `inLang`; as a plain string (a template, JSON) it is the Chinese.
 */
export class Said {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {}
  toString(): string {
    return this.zh;
  }
  toJSON(): string {
    return this.zh;
  }
}

/** A detail of an error or rule: a Said, or a foreign message (a library's) that has only one language. */
export type Detail = Said | string;

export const said = (zh: string, en: string): Said => new Said(zh, en);

/** `value` with every Said in it (itself, in an array, or a value of a plain object) in `lang`. */
export function inLang(value: Detail, lang: Lang): string;
export function inLang<T>(value: T, lang: Lang): T;
export function inLang<T>(value: T, lang: Lang): T | string {
  if (value instanceof Said) return value[lang];
  if (Array.isArray(value)) return value.map((v: unknown) => inLang(v, lang)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inLang(v, lang)])) as T;
  }
  return value;
}

/**
 * The details of failures that have no entry of their own: what went wrong inside a stage, told
 * as the detail of a catalogue error or of a rule (print-failed, import-unreadable…).
 */
export const details = {
  fontsNotLoaded: (n: number) => said(`${n} 个字体文件未能加载`, `${n} font file${n === 1 ? '' : 's'} could not be loaded`),
  noPaginateScript: () => said('页面没有分页脚本 window.bulletinPaginate（模板不完整）', 'the page has no pagination script window.bulletinPaginate (the template is incomplete)'),
  printTimeout: (ms: number) => said(`打印超时（${ms} ms）`, `printing timed out (${ms} ms)`),
  pdfUnrecognised: () => said('浏览器生成的 PDF 结构无法识别', 'the PDF the browser made has a structure that cannot be read'),
  pdfNoCatalog: () => said('PDF 没有文档目录（Catalog）', 'the PDF has no document catalog'),
  installNotFound: () => said('找不到 bulletin 的安装目录（package.json 与 templates/）', "cannot find bulletin's install folder (package.json and templates/)"),
  zipPartTooLarge: (name: string, mb: string) => said(`${name} 解压后过大（${mb} MB），可能是压缩炸弹`, `${name} is too large unpacked (${mb} MB), perhaps a zip bomb`),
  zipTooLarge: (mb: string) => said(`解压后共 ${mb} MB，过大，可能是压缩炸弹`, `${mb} MB unpacked in all, too large, perhaps a zip bomb`),
  noDocumentXml: () => said('没有 word/document.xml', 'there is no word/document.xml'),
  noFontIn: (file: string) => said(`${file} 中没有字体`, `${file} holds no font`),
  noReadPermission: () => said('没有读取权限', 'permission to read it is denied'),
  isFolder: () => said('这是一个目录，不是文本文件', 'this is a folder, not a text file'),
  inputTooLarge: (mb: string) => said(`文件过大（${mb} MB）`, `the file is too large (${mb} MB)`),
  unknownProcess: () => said('未知', 'unknown'),
  browserNotExecutable: (path: string, source: Said | string) =>
    said(`${path} 不存在或不可执行（来自 ${inLang(source, 'zh')}）`, `${path} does not exist or cannot be run (from ${inLang(source, 'en')})`),
  launchFailed: (path: string, message: string) => said(`${path}：${message}`, `${path}: ${message}`),
  bundledUnavailable: (message: string) => said(`随包的 Chromium 不可用（${message}）`, `the bundled Chromium cannot be used (${message})`),
  notLocalAddress: (host: string) => said(`${host} 不是本机的地址`, `${host} is not an address of this machine`),
  portsTaken: () => said('端口都已被占用', 'every one of them is taken'),
  // Where a browser was looked for (discovery, doctor, --verbose).
  fromFlag: () => said('命令行 --browser', 'the --browser option'),
  fromConfig: () => said('配置 browser.executablePath', 'config browser.executablePath'),
  fromEnv: (name: string) => said(`环境变量 ${name}`, `environment variable ${name}`),
  fromBundled: () => said('随包 Chromium（@sparticuz/chromium）', 'bundled Chromium (@sparticuz/chromium)'),
  fromInstalled: (name: string, where: string) => said(`${name}（${where}）`, `${name} (${where})`),
  fromPath: (name: string) => said(`PATH 中的 ${name}`, `${name} on the PATH`),
  fromPuppeteerCache: () => said('puppeteer 缓存', "puppeteer's cache"),
  // Told under --verbose while the browser starts.
  logTried: (found: boolean, source: Said, path: string) => said(`查找浏览器：${found ? '✓' : '✗'} ${source.zh}：${path}\n`, `Looking for a browser: ${found ? '✓' : '✗'} ${source.en}: ${path}\n`),
  logRoot: () => said('以 root 身份运行：Chromium 无法在 root 下启用沙箱，已加 --no-sandbox。\n', 'Running as root: Chromium cannot sandbox itself under root, so --no-sandbox was added.\n'),
  logBrowser: (path: string, source: Said) => said(`浏览器：${path}（来自 ${source.zh}）\n`, `Browser: ${path} (from ${source.en})\n`),
  logBundledDamaged: (dir: string) => said(`随包的 Chromium 的副本已损坏，重新解压后再试：${dir}\n`, `The bundled Chromium's copy is damaged; unpacking it again and retrying: ${dir}\n`),
} satisfies Record<string, (...args: never[]) => Said>;

/** An error whose message is a detail of the catalogue above, so it can be told in either language. */
export class DetailError extends Error {
  constructor(
    readonly said: Said,
    options?: { cause?: unknown },
  ) {
    super(said.zh, options);
  }
}

/** What an error says, in both languages where the catalogues know it; a foreign error's own message otherwise. */
export function errorSaid(error: unknown): Said | string {
  if (error instanceof DetailError) return error.said;
  if (error instanceof BulletinError) return said(error.told('zh').message, error.told('en').message);
  return error instanceof Error ? error.message : String(error);
}

/** An error's message for a rule's detail: in both languages where known, cut to its first `lines` lines. */
export function detailOf(error: unknown, lines = 1): Detail {
  const cut = (text: string) => text.split('\n').slice(0, lines).join(' ');
  const told = errorSaid(error);
  return told instanceof Said ? said(cut(told.zh), cut(told.en)) : cut(told);
}

/** Why a file or folder could not be written, by the system's error code (the detail of OutputNotWritable). */
const WRITE_REASONS: Record<string, { zh: string; en: string }> = {
  ENOTDIR: { zh: '路径中有一个同名的文件，而这里需要目录', en: 'a file stands where a folder is needed' },
  EEXIST: { zh: '已有同名的文件，而这里需要目录', en: 'a file of that name exists where a folder is needed' },
  EISDIR: { zh: '这里是一个目录，而需要写入文件', en: 'a folder stands where a file is to be written' },
  EACCES: { zh: '没有写入权限', en: 'permission denied' },
  EPERM: { zh: '没有写入权限', en: 'permission denied' },
  EROFS: { zh: '文件系统是只读的', en: 'the file system is read-only' },
  ENOSPC: { zh: '磁盘空间已满', en: 'the disk is full' },
  EDQUOT: { zh: '超出磁盘配额', en: 'the disk quota is used up' },
};

/** A path as one word of a shell command: quoted when it holds anything but letters, digits and `_./-`. */
function shellWord(path: string): string {
  return /^[\w./-]+$/u.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Why a folder cannot be the output folder (the detail of OutputUnsafe). */
const UNSAFE_PLACES: Record<string, { zh: string; en: string }> = {
  'filesystem-root': { zh: '是文件系统的根目录', en: 'is the root of the file system' },
  home: { zh: '是或包含用户的主目录', en: 'is or holds the home folder' },
  project: { zh: '是或包含项目目录', en: 'is or holds the project folder' },
  sources: { zh: '是、包含或位于源文件目录', en: 'is, holds or lies in the sources folder' },
};

/** The codes OutputNotWritable explains: an environment that refuses a write, not a defect. */
export const WRITE_ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(WRITE_REASONS));

export const catalogue = {
  NoSources: {
    title: { zh: '没有找到源文件', en: 'No sources found' },
    message: {
      zh: (where: string) => `在 ${where} 下没有找到任何 .md 源文件。`,
      en: (where: string) => `No .md source files under ${where}.`,
    },
    hint: {
      zh: '用 `bulletin new` 新建一期，或在命令后写出源文件路径。',
      en: 'Start an issue with `bulletin new`, or name the source files after the command.',
    },
  },
  NoProject: {
    title: { zh: '不在简报项目中', en: 'Not in a bulletin project' },
    message: {
      zh: (where: string) => `${where} 及其上级目录中都没有 bulletin.config.yaml 或 bulletins/ 目录。`,
      en: (where: string) => `Neither ${where} nor any folder above it holds bulletin.config.yaml or a bulletins/ folder.`,
    },
    hint: {
      zh: '用 `bulletin init` 在这里新建一个简报项目；或进入已有项目的目录，或用 --cwd、--config 指出项目。',
      en: 'Start a bulletin project here with `bulletin init`; or go into an existing project, or point to one with --cwd or --config.',
    },
  },
  PathNotFound: {
    title: { zh: '路径不存在', en: 'Path not found' },
    message: {
      zh: (path: string) => `找不到 ${path}。`,
      en: (path: string) => `${path} does not exist.`,
    },
    hint: {
      zh: '检查路径拼写；路径相对于当前目录。',
      en: 'Check the spelling; paths are relative to the current folder.',
    },
  },
  BrowserLaunchFailed: {
    title: { zh: '无法启动浏览器', en: 'Cannot start the browser' },
    message: {
      zh: (detail: Detail) => `无法启动用于生成 PDF 的 Chromium：${detail}`,
      en: (detail: Detail) => `Cannot start the Chromium that prints the PDFs: ${detail}`,
    },
    hint: {
      zh: '在终端中运行这个浏览器并加 `--version`，看它能否在本机启动；或用 `--browser`、环境变量 PUPPETEER_EXECUTABLE_PATH ' +
      '或 bulletin.config.yaml 中的 browser.executablePath 指向另一个 Chrome/Chromium（`bulletin doctor` 列出查找过的位置）；只要 HTML 可用 `--format html`。',
      en: 'Run this browser in a terminal with `--version` to see whether it starts on this machine; or point `--browser`, PUPPETEER_EXECUTABLE_PATH or browser.executablePath in bulletin.config.yaml to another Chrome/Chromium (`bulletin doctor` lists the places looked at); for HTML only use `--format html`.',
    },
  },
  BundledBrowserFailed: {
    title: { zh: '随包的 Chromium 无法启动', en: 'The bundled Chromium does not start' },
    message: {
      zh: (dir: string, detail: string) =>
        `随包的 Chromium（解压在 ${dir}）无法启动：${detail}。这份副本的文件已逐个核对，是完好的（损坏的副本会被删除并重新解压），多半是本机缺少它需要的系统库。查看缺少哪些：\`ldd ${dir}/chromium | grep "not found"\``,
      en: (dir: string, detail: string) =>
        `The bundled Chromium (unpacked in ${dir}) does not start: ${detail}. Its files were checked one by one and are whole (a damaged copy is removed and unpacked again), so most likely this machine lacks system libraries it needs. To see which: \`ldd ${dir}/chromium | grep "not found"\``,
    },
    hint: {
      zh: '用系统的包管理器安装 ldd 列出的库（如 libnss3、libatk-bridge2.0-0、libgbm1）；或用 `--browser` 指定本机已安装的 Chrome/Chromium（`bulletin doctor` 列出查找过的位置）；只要 HTML 可用 `--format html`。',
      en: 'Install the libraries ldd lists with the system package manager (such as libnss3, libatk-bridge2.0-0, libgbm1); or name an installed Chrome/Chromium with `--browser` (`bulletin doctor` lists the places looked at); for HTML only use `--format html`.',
    },
  },
  BrowserNotFound: {
    title: { zh: '找不到浏览器', en: 'No browser found' },
    message: {
      zh: (tried: Detail) => `生成 PDF 需要 Chrome、Edge 或 Chromium，但这些地方都没有找到：\n${tried}`,
      en: (tried: Detail) => `PDFs need Chrome, Edge or Chromium, and none was found in these places:\n${tried}`,
    },
    hint: {
      zh: '安装 Google Chrome 或 Microsoft Edge（Windows 自带 Edge）；或用 --browser 指定可执行文件，' +
      '或在 bulletin.config.yaml 中设置 browser.executablePath，或设置环境变量 PUPPETEER_EXECUTABLE_PATH / CHROME_PATH；' +
      '只要 HTML 可用 `--format html`；Linux x64 上随包的 Chromium 是可选依赖，安装时用了 --omit=optional 的，去掉它重新安装 bulletin。运行 `bulletin doctor` 查看详情。',
      en: 'Install Google Chrome or Microsoft Edge (Windows ships Edge); or name the executable with --browser, browser.executablePath in bulletin.config.yaml, or PUPPETEER_EXECUTABLE_PATH / CHROME_PATH; for HTML only use `--format html`; on Linux x64 the bundled Chromium is an optional dependency: installed with --omit=optional, install bulletin again without it. `bulletin doctor` shows the details.',
    },
  },
  OutputNotWritable: {
    title: { zh: '无法写入输出', en: 'Cannot write the output' },
    message: {
      zh: (path: string, detail: string) => `无法写入 ${path}：${WRITE_REASONS[detail]?.zh ?? detail}`,
      en: (path: string, detail: string) => `Cannot write ${path}: ${WRITE_REASONS[detail]?.en ?? detail}`,
    },
    hint: {
      zh: '检查输出目录的权限和磁盘空间，或用 `--out` 指定另一个目录。',
      en: 'Check the permissions and free space of the output folder, or choose another with `--out`.',
    },
  },
  OutputUnsafe: {
    title: { zh: '不能用作输出目录', en: 'Not an output folder' },
    message: {
      zh: (path: string, what: string) => `不能把 ${path} 用作输出目录：它${UNSAFE_PLACES[what]?.zh ?? what}。bulletin 会在输出目录中写入、替换和删除文件。`,
      en: (path: string, what: string) => `${path} cannot be the output folder: it ${UNSAFE_PLACES[what]?.en ?? what}. bulletin writes, replaces and removes files in its output folder.`,
    },
    hint: {
      zh: '用项目中的一个单独目录（默认 dist/），或用 `--out` 指定一个空目录。',
      en: 'Use a folder of its own in the project (dist/ by default), or name an empty folder with `--out`.',
    },
  },
  OutputOutsideProject: {
    title: { zh: '输出目录在项目之外', en: 'Output folder outside the project' },
    message: {
      zh: (path: string, config: string) => `${config} 中的 out 指向项目目录之外：${path}。项目的配置只能让 bulletin 写入项目之内。`,
      en: (path: string, config: string) => `out in ${config} points outside the project: ${path}. A project's config may only have bulletin write inside the project.`,
    },
    hint: {
      zh: '把 out 改为项目中的目录（如 dist）；确实要写到项目之外时，在命令行上写出：`--out 目录`。',
      en: 'Set out to a folder in the project (such as dist); to write outside the project, name the folder on the command line: `--out DIR`.',
    },
  },
  OutputNotOurs: {
    title: { zh: '输出目录不属于本项目', en: 'The output folder is not this project’s' },
    message: {
      zh: (path: string, whose: string) =>
        whose === 'project'
          ? `输出目录 ${path} 是另一个项目的输出（见其中的 .bulletin-output），未写入任何文件，以免删除那个项目的各期。`
          : `输出目录 ${path} 中已有不是 bulletin 生成的文件，未写入任何文件，以免覆盖或删除它们。`,
      en: (path: string, whose: string) =>
        whose === 'project'
          ? `The output folder ${path} holds another project's outputs (see its .bulletin-output); nothing was written, so as not to remove that project's issues.`
          : `The output folder ${path} holds files bulletin did not write; nothing was written, so as not to overwrite or remove them.`,
    },
    hint: {
      zh: '用 `--out` 指定一个空目录；确认其中的文件都可以被替换或删除后，加 `--force-out` 接管这个目录。',
      en: 'Name an empty folder with `--out`; once sure the files in it may be replaced or removed, add `--force-out` to take the folder over.',
    },
  },
  ConfigInvalid: {
    title: { zh: '配置文件有误', en: 'The config file has errors' },
    message: {
      zh: (path: string) => `配置文件 ${path} 有错误，见上方诊断。`,
      en: (path: string) => `The config file ${path} has errors; see the diagnostics above.`,
    },
    hint: {
      zh: '按诊断修改 bulletin.config.yaml；配置项说明见 docs/config.md。',
      en: 'Correct bulletin.config.yaml as the diagnostics say; every option is described in docs/config.md.',
    },
  },
  Interrupted: {
    title: { zh: '已中断', en: 'Interrupted' },
    message: {
      zh: (signal: string) => `收到 ${signal}，已停止构建并清理临时文件。`,
      en: (signal: string) => `Received ${signal}; the build stopped and its temporary files were removed.`,
    },
    hint: {
      zh: '重新运行命令即可继续；已有的输出文件未被改动。',
      en: 'Run the command again to continue; existing outputs were not touched.',
    },
  },
  LockHeld: {
    title: { zh: '另一个构建正在进行', en: 'Another build is running' },
    message: {
      zh: (path: string, pid: Detail) => `输出目录已被另一个构建（进程 ${pid}）锁定：${path}`,
      en: (path: string, pid: Detail) => `The output folder is locked by another build (process ${pid}): ${path}`,
    },
    hint: {
      zh: '等待另一个构建结束后再运行；若该进程已不存在，锁会被自动回收；确认没有构建在运行时，可删除上面的锁文件。',
      en: 'Wait for the other build to finish; if that process is gone, the lock is taken back automatically; once sure no build is running, the lock file above may be removed.',
    },
  },
  LockStale: {
    title: { zh: '输出目录的锁已失效', en: 'A stale lock on the output folder' },
    message: {
      zh: (path: string, pid: string, command: string) =>
        `输出目录的锁 ${path} 记着进程 ${pid}，但这个进程不是 bulletin 的构建（它的命令行是“${command}”）：多半是一次被中断的构建留下了锁，而进程号后来给了别的程序（在容器中很常见）。` +
        `确认没有 bulletin 构建正在写这个目录后，删除这个锁：rm ${shellWord(path)}`,
      en: (path: string, pid: string, command: string) =>
        `The output folder's lock ${path} names process ${pid}, but that process is not a bulletin build (its command line is "${command}"): most likely a build was stopped and left its lock, and the process number went to another program since (common in containers). ` +
        `Once sure no bulletin build is writing to this folder, remove the lock: rm ${shellWord(path)}`,
    },
    hint: {
      zh: '删除锁文件后重新运行构建（Windows 上用 del 删除）；锁只是一个记着进程号的小文件，删除它不影响已有的输出。',
      en: 'Run the build again once the lock file is removed (on Windows, remove it with del); the lock is only a small file naming a process, and removing it leaves the outputs as they are.',
    },
  },
  ImportTargetExists: {
    title: { zh: '目标文件已存在', en: 'The target file exists' },
    message: {
      zh: (path: string, input: string) => `${path} 已经存在，未导入 ${input}。`,
      en: (path: string, input: string) => `${path} already exists; ${input} was not imported.`,
    },
    hint: {
      zh: '确认不需要已有的文件后加 --force 覆盖，或用 --out 导入到另一个目录。',
      en: 'If the existing file is not needed, add --force to overwrite it, or import into another folder with --out.',
    },
  },
  ImportDuplicateTarget: {
    title: { zh: '两个输入导入到同一个文件', en: 'Two inputs import to the same file' },
    message: {
      zh: (path: string, first: string, second: string) => `${first} 和 ${second} 都会导入到 ${path}，未导入后者。`,
      en: (path: string, first: string, second: string) => `${first} and ${second} would both import to ${path}; the second was not imported.`,
    },
    hint: {
      zh: '两份文本的期号和日期相同：检查是否重复，或分两次用不同的 --out 导入。',
      en: 'The two texts have the same issue number and date: check for a duplicate, or import them separately with different --out folders.',
    },
  },
  ImportInputNotAFile: {
    title: { zh: '输入不是普通文件', en: 'The input is not a regular file' },
    message: {
      zh: (path: string, kind: string) => `${path} 不是普通文件（${{ fifo: '命名管道', device: '设备文件', socket: '套接字' }[kind] ?? '特殊文件'}），不读取。`,
      en: (path: string, kind: string) => `${path} is not a regular file (${{ fifo: 'a named pipe', device: 'a device', socket: 'a socket' }[kind] ?? 'a special file'}); it is not read.`,
    },
    hint: {
      zh: '导入简报的 PDF、Word 或文本文件本身。',
      en: 'Import the bulletin\'s PDF, Word or text file itself.',
    },
  },
  ImportInputTooLarge: {
    title: { zh: '输入文件过大', en: 'The input file is too large' },
    message: {
      zh: (path: string, mb: string, limit: string) => `${path} 过大（${mb} MB，上限 ${limit} MB），不导入。`,
      en: (path: string, mb: string, limit: string) => `${path} is too large (${mb} MB; the limit is ${limit} MB); it is not imported.`,
    },
    hint: {
      zh: '一期简报的文本约 20 KB、PDF 或 Word 文件几百 KB；检查是否选错了文件，或拆开后分别导入。上限见 docs/security.md。',
      en: 'An issue\'s text is some 20 KB, its PDF or Word file a few hundred KB; check that this is the right file, or split it and import the parts. The limits are in docs/security.md.',
    },
  },
  ImportInputUnreadable: {
    title: { zh: '无法读取输入文件', en: 'Cannot read the input file' },
    message: {
      zh: (path: string, detail: Detail) => `无法读取 ${path}：${detail}`,
      en: (path: string, detail: Detail) => `Cannot read ${path}: ${detail}`,
    },
    hint: {
      zh: '检查路径拼写和读取权限；路径相对于当前目录。',
      en: 'Check the spelling and read permission; paths are relative to the current folder.',
    },
  },
  InitTargetExists: {
    title: { zh: '文件已存在', en: 'The files exist' },
    message: {
      zh: (paths: string) => `${paths} 已经存在，未做任何改动。`,
      en: (paths: string) => `${paths} already exist; nothing was changed.`,
    },
    hint: {
      zh: '在一个新的或空的目录中运行 `bulletin init`，或写出目录名：`bulletin init 我的简报`。',
      en: 'Run `bulletin init` in a new or empty folder, or name a folder: `bulletin init my-bulletin`.',
    },
  },
  IssueExists: {
    title: { zh: '这一期已存在', en: 'The issue exists' },
    message: {
      zh: (path: string) => `${path} 已经存在，未做改动。`,
      en: (path: string) => `${path} already exists; nothing was changed.`,
    },
    hint: {
      zh: '检查已有的这一期是否就是要新建的；若编号不对，先改正已有源文件的 issue、total、date，再运行 `bulletin new`。',
      en: 'Check whether the existing issue is the one you meant to create; if its numbers are wrong, correct issue, total and date in the existing sources, then run `bulletin new`.',
    },
  },
  InvalidDate: {
    title: { zh: '日期无效', en: 'Invalid date' },
    message: {
      zh: (value: string) => `“${value}”不是有效日期。`,
      en: (value: string) => `"${value}" is not a valid date.`,
    },
    hint: {
      zh: '日期写成 YYYY-MM-DD，如 2021-06-28，且须是日历上存在的日子（1900 年以后）。',
      en: 'Write dates as YYYY-MM-DD, such as 2021-06-28, and use a day that exists in the calendar (from 1900 on).',
    },
  },
  DateBeforeLatest: {
    title: { zh: '日期早于最近一期', en: 'Date before the latest issue' },
    message: {
      zh: (date: string, latest: string, path: string) => `新一期的日期 ${date} 早于最近一期 ${path} 的日期 ${latest}。`,
      en: (date: string, latest: string, path: string) => `The new issue's date ${date} is before ${latest}, the date of the latest issue ${path}.`,
    },
    hint: {
      zh: '总期号随日期递增，新一期的日期不能早于已有的最后一期；检查 --date，或先改正已有源文件的日期。',
      en: 'Running numbers rise with the date, so a new issue cannot be dated before the last one; check --date, or correct the date of the existing source first.',
    },
  },
  ArchiveInvalid: {
    title: { zh: '已有源文件有错误', en: 'Existing sources have errors' },
    message: {
      zh: (count: number) => `有 ${count} 个已有源文件的前置信息有错误，无法确定下一期的编号。`,
      en: (count: number) => `${count} existing source(s) have front matter errors, so the next number cannot be worked out.`,
    },
    hint: {
      zh: '按上方诊断改正这些源文件（可用 `bulletin check` 检查），再运行 `bulletin new`。',
      en: 'Correct these sources as the diagnostics above say (`bulletin check` lists them), then run `bulletin new`.',
    },
  },
  PreviewPortUnavailable: {
    title: { zh: '无法启动预览服务器', en: 'Cannot start the preview server' },
    message: {
      zh: (host: string, ports: string, detail: Detail) => `无法在 ${host} 的端口 ${ports} 上启动预览服务器：${detail}`,
      en: (host: string, ports: string, detail: Detail) => `Cannot start the preview server on ${host}, ports ${ports}: ${detail}`,
    },
    hint: {
      zh: '用 `--port` 指定另一个端口，或关闭占用这些端口的程序（如另一个 `bulletin preview`）；`--host` 须是本机的地址。',
      en: 'Choose another port with `--port`, or close what holds these ports (another `bulletin preview`, say); `--host` must be an address of this machine.',
    },
  },
  ManifestMissing: {
    title: { zh: '没有清单', en: 'No manifest' },
    message: {
      zh: (path: string) => `清单 ${path} 不存在或没有任何一期。`,
      en: (path: string) => `The manifest ${path} does not exist or lists no issue.`,
    },
    hint: { zh: '先运行 bulletin build。', en: 'Run bulletin build first.' },
  },
  NoShardManifests: {
    title: { zh: '没有分片清单', en: 'No shard manifests' },
    message: {
      zh: (dirs: string) => `在 ${dirs} 中没有找到分片清单（manifest.shard-k-of-n.json）。`,
      en: (dirs: string) => `No shard manifests (manifest.shard-k-of-n.json) in ${dirs}.`,
    },
    hint: { zh: '先运行 bulletin build --shard k/n。', en: 'Run bulletin build --shard k/n first.' },
  },
  FontPackageMissing: {
    title: { zh: '缺少字体包', en: 'Font package missing' },
    message: {
      zh: (module: string, pkg: string) => `bulletin 只随包提供默认字重的字体；配置所选的字重需要 ${module}，而 npm 包 ${pkg} 没有安装。`,
      en: (module: string, pkg: string) => `bulletin ships the fonts of the default weights only; the weight the config chooses needs ${module}, and the npm package ${pkg} is not installed.`,
    },
    hint: {
      zh: '在项目中运行 `npm i -D` 加上错误中所说的字体包；或删去配置中的 fonts.*.weight，使用默认字重。',
      en: 'Run `npm i -D` with the font package the error names in the project; or remove fonts.*.weight from the config to use the default weight.',
    },
  },
} as const;

export type ErrorName = keyof typeof catalogue;

type ArgsOf<N extends ErrorName> = (typeof catalogue)[N]['message']['zh'] extends (...args: infer A) => string ? A : never;

export class BulletinError extends Error {
  readonly errorName: ErrorName;
  /** The catalogue arguments, so the error can be told in either language. */
  readonly args: readonly unknown[];
  readonly title: string;
  readonly hint: string;
  constructor(name: ErrorName, args: readonly unknown[], options?: { cause?: unknown }) {
    const entry = catalogue[name];
    super((entry.message.zh as (...a: unknown[]) => string)(...args), options);
    this.name = 'BulletinError';
    this.errorName = name;
    this.args = args;
    this.hint = entry.hint.zh;
    this.title = entry.title.zh;
  }
  /** The message, title and hint in `lang`. */
  told(lang: Lang): { title: string; message: string; hint: string } {
    const entry = catalogue[this.errorName];
    return { title: entry.title[lang], message: (entry.message[lang] as (...a: unknown[]) => string)(...inLang(this.args, lang)), hint: entry.hint[lang] };
  }
}

export function bulletinError<N extends ErrorName>(name: N, args: ArgsOf<N>, cause?: unknown): BulletinError {
  return new BulletinError(name, args, cause === undefined ? undefined : { cause });
}

const LABELS = { zh: { error: '错误：', hint: '提示：', cause: '原因：' }, en: { error: 'error: ', hint: 'hint: ', cause: 'cause: ' } };

/** One paragraph telling an error and its causes, with stacks only when verbose. */
export function describeError(error: unknown, verbose = false, lang: Lang = 'zh'): string {
  const label = LABELS[lang];
  const lines: string[] = [];
  if (error instanceof BulletinError) {
    const told = error.told(lang);
    lines.push(`${label.error}${told.message}`, `${label.hint}${told.hint}`);
  } else {
    lines.push(`${label.error}${inLang(errorSaid(error), lang)}`);
  }
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error) {
    lines.push(`  ${label.cause}${inLang(errorSaid(cause), lang)}`);
    cause = cause.cause;
  }
  if (verbose && error instanceof Error && error.stack) lines.push(error.stack);
  return lines.join('\n') + '\n';
}
