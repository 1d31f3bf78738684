/**
 * Every sentence the CLI says, in Simplified Chinese and English: one object per language of
 * the same type, so a text missing in either is a type error. Diagnostics speak from the rule
 * catalogue (diagnostics/rules.ts) and failures from the error catalogue (diagnostics/errors.ts).
 */
import type { Lang } from '../diagnostics/rules.js';

export type { Lang };

interface BuildLine {
  source: string;
  outputs: string[];
  pages?: number;
}

export interface Texts {
  program: {
    description: string;
    version: string;
    help: string;
    helpCommand: string;
    lang: string;
    cwd: string;
    cwdInvalid: string;
    config: string;
    examples: string;
    titles: Record<string, string>;
    usage: (usage: string) => string;
    defaultValue: (value: string) => string;
    afterError: string;
    /** commander's own error line, in this language. */
    commanderError: (s: string) => string;
  };
  options: { json: string; verbose: string; out: string; forceOut: string; strict: string; browser: string; paths: string };
  build: {
    description: string;
    format: string;
    formatInvalid: (f: string) => string;
    shard: string;
    shardInvalid: string;
    force: string;
    draft: string;
    pdfa: string;
    concurrency: string;
    concurrencyInvalid: string;
    quiet: string;
    help: string;
    built: (l: BuildLine) => string;
    unchanged: (source: string) => string;
    failed: (source: string, errors: number) => string;
    blocked: (n: number) => string;
    done: (a: { built: number; unchanged: number; failed: number; seconds: string }) => string;
    progress: (a: { done: number; total: number; rate: string; eta: string; current: string }) => string;
    /** A first run's slow work, before it starts (done 0) and as it goes. */
    prepare: (a: { step: 'browser' | 'fonts'; done: number; total: number }) => string;
  };
  check: {
    description: string;
    paths: string;
    strict: string;
    fix: string;
    dryRun: string;
    help: string;
    fixed: (path: string, line: number, rule: string, before: string, after: string) => string;
    fixCount: (count: number, files: number, dryRun: boolean) => string;
    skipped: (path: string, encoding: string) => string;
    checked: (a: { issues: number; errors: number; warnings: number; leftAfterFix: boolean }) => string;
  };
  newIssue: { description: string; series: string; date: string; dateInvalid: (v: string) => string; title: string; help: string };
  import: {
    description: string;
    files: string;
    out: string;
    force: string;
    simplified: string;
    verify: string;
    help: string;
    written: (input: string, output: string, encoding: string) => string;
    front: (fields: string[]) => string;
    field: Record<'issue' | 'total' | 'date' | 'series' | 'title' | 'publisher' | 'marker' | 'distribution' | 'printed' | 'copies', (v: string) => string>;
    article: (title: string | undefined, headings: number, paragraphs: number) => string;
    removed: (parts: string[]) => string;
    removedKinds: Record<'pageNumbers' | 'pinyin' | 'furniture' | 'decoration' | 'simplified' | 'repaired', (n: number) => string>;
    verified: (differences: number) => string;
    list: string;
    /** The summary table of a folder's import. */
    table: {
      head: string[];
      written: string;
      unchanged: string;
      failed: string;
      same: string;
      differences: (n: number) => string;
      totals: (a: { files: number; written: number; unchanged: number; failed: number; report: string }) => string;
    };
  };
  index: { description: string; dirs: string; out: string; help: string; merged: (lists: number, issues: number, page: string) => string };
  verify: {
    description: string;
    manifest: string;
    help: string;
    missing: (source: string) => string;
    differs: (source: string, kind: string, expected: string, actual: string) => string;
    /** A file of the output folder: edited (file), not there (absent), or a cache entry edited (cache). */
    file: (kind: 'file' | 'absent' | 'cache', file: string, source: string) => string;
    /** Files of the output folder the sources do not build to (not a failure). */
    extra: (files: string[]) => string;
    checked: (issues: number, differing: number) => string;
  };
  preview: {
    description: string;
    paths: string;
    port: string;
    portInvalid: string;
    host: string;
    allowHost: string;
    pdf: string;
    open: string;
    portMoved: (asked: number, port: number) => string;
    help: string;
    built: (source: string, url: string, pdf?: string, pending?: number) => string;
    failed: (source: string, errors: number, url: string) => string;
    changed: (names: string) => string;
    all: string;
    updated: (seconds: string) => string;
    serving: (url: string, everywhere?: string) => string;
    watching: (sources: string, config: string) => string;
    stopped: string;
  };
  doctor: {
    description: string;
    browser: string;
    strict: string;
    help: string;
    roles: Record<string, string>;
    nodeOld: string;
    config: (file?: string) => string;
    configBad: (file: string) => string;
    configFix: string;
    browserOk: (source: string, path: string) => string;
    browserTimed: (version: string, seconds: string) => string;
    browserBad: string;
    fix: (hint: string) => string;
    tried: string;
    place: (source: string, path: string) => string;
    font: (role: string, name: string, official: boolean, officialName: string, checked: boolean) => string;
    file: (file: string) => string;
    slices: (dir: string, count: number) => string;
    printFile: (file: string) => string;
    missing: (char: string, codePoint: string, at: string) => string;
    missingMore: (count: number) => string;
    fontFix: string;
    outputOk: (path: string) => string;
    outputBad: (path: string, error: string) => string;
    caches: (folder: string, checked: number, damaged: string[]) => string;
    verdict: (pdfReady: boolean, ok: boolean, sources: number) => string;
  };
  init: {
    description: string;
    dir: string;
    date: string;
    dateInvalid: string;
    help: string;
    created: (where: string, files: string[], cd: string) => string;
  };
}

export const zh: Texts = {
  program: {
    description: '把 Markdown 简报源文件编译为打印版 PDF 和 HTML（江西应急管理简报格式）',
    version: '显示版本号',
    help: '显示帮助',
    helpCommand: '显示某个命令的帮助',
    lang: '界面语言：zh（简体中文，默认）或 en（English）；也可用环境变量 LANG=en_US.UTF-8',
    cwd: '在这个目录中运行（如 git -C）；默认从当前目录向上查找含 bulletin.config.yaml 或 bulletins/ 的项目目录',
    cwdInvalid: '不是一个已有的目录',
    config: '使用这个配置文件（项目根目录是它所在的目录），不再向上查找',
    examples: `
示例：
  $ bulletin build                       构建 bulletins/ 下的全部简报到 dist/
  $ bulletin build bulletins/2021/064.md --format pdf
  $ bulletin check --strict              只检查，不生成
  $ bulletin new --date 2021-06-28       新建下一期`,
    titles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' },
    usage: (usage) => usage.replace('[options]', '[选项]').replace('[command]', '[命令]'),
    defaultValue: (value) => `（默认：${value}）`,
    afterError: '（用 bulletin --help 查看用法）',
    commanderError: (s) =>
      s
        .replace(/^error: unknown option '(.+)'/m, "错误：未知的选项 '$1'")
        .replace(/^error: unknown command '(.+)'/m, "错误：未知的命令 '$1'")
        .replace(/^error: option '(.+)' argument missing/m, "错误：选项 '$1' 缺少参数")
        .replace(/^error: option '(.+)' argument '(.*)' is invalid\. /m, "错误：选项 '$1' 的参数 '$2' 无效：")
        .replace(/^error: missing required argument '(.+)'/m, "错误：缺少参数 '$1'")
        .replace(/^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\./m, (_s, _cmd: string, expected: string, got: string) => `错误：参数过多：应有 ${expected} 个，给了 ${got} 个`)
        .replace(/^error: required option '(.+)' not specified/m, "错误：缺少必需的选项 '$1'")
        .replace(/^error: command-argument value '(.*)' is invalid for argument '(.+)'\. /m, "错误：参数 '$2' 的值 '$1' 无效：")
        .replace(/^error: /m, '错误：')
        .replace(/Allowed choices are (.+)\.$/m, (_s, choices: string) => `可选：${choices.split(', ').join('、')}。`)
        .replace(/\n\(Did you mean one of (.+)\?\)/, (_s, names: string) => `\n（是不是 ${names.split(', ').join('、')} 之一？）`)
        .replace(/\n\(Did you mean (.+)\?\)/, '\n（是不是 $1？）'),
  },
  options: {
    json: '在标准输出打印机器可读的结果',
    verbose: '显示详细信息（含出错时的调用栈）',
    out: '输出目录（默认 dist，或配置中的 out）',
    forceOut: '接管输出目录：其中已有别的文件或另一个项目的输出时也写入（这些文件可能被替换或删除）',
    strict: '有警告也按失败处理（退出码 1）',
    browser: '用这个 Chrome/Edge/Chromium 生成 PDF（优先于配置、环境变量和自动查找）',
    paths: '源文件或目录（默认 bulletins/ 下全部）',
  },
  build: {
    description: '把源文件构建为 HTML 和 PDF（默认构建 bulletins/ 下全部源文件）',
    format: '输出格式，逗号分隔：html,pdf,docx,ofd（docx 为可编辑的 Word 文件，ofd 为国标版式文件 GB/T 33190）',
    formatInvalid: (f) => `未知的格式“${f}”，可选 html、pdf、docx、ofd`,
    shard: '只构建确定的 n 分之一（供 CI 并行），写出自己的清单；之后用 bulletin index 合并',
    shardInvalid: '应写成 k/n，如 1/3（1 ≤ k ≤ n）',
    force: '不用缓存：重新构建每一期（默认只构建源文件、图片、配置、模板、字体或浏览器有变化的期）',
    draft: '源文件中还有【待补】等未完成内容时也生成，输出标为草稿（每页有“草稿”字样，清单中 draft: true）',
    pdfa: '生成 PDF/A-2b，供长期归档（XMP 元数据、sRGB 输出意图；或配置 pdf.pdfa: true）',
    concurrency: '同时打印的期数，每期一个浏览器标签页（默认：CPU 核数）',
    concurrencyInvalid: '应为 1 到 32 之间的整数',
    quiet: '只显示问题（错误和警告），不显示进度和每期一行',
    help: `
示例：
  $ bulletin build
  $ bulletin build bulletins/2021/064.md --out public
  $ bulletin build --format pdf --json > report.json
  $ bulletin build --shard 2/3 && bulletin index      # CI 并行：各作业构建一份，再合并

退出码：0 成功；1 有源文件出错；2 用法错误；130/143 被 Ctrl-C（SIGINT）/SIGTERM 中断。`,
    built: (l) => `✓ ${l.source} → ${l.outputs.join('、')}${l.pages !== undefined ? `（${l.pages} 页）` : ''}`,
    unchanged: (source) => `= ${source}：未改动`,
    failed: (source, errors) => `✗ ${source}：${errors} 个错误，未生成`,
    blocked: (n) => `已拦截 ${n} 个外部请求（渲染时不访问网络）`,
    done: (a) => {
      const parts = [
        a.built ? `已生成 ${a.built} 期` : '',
        a.unchanged ? `${a.unchanged} 期未改动${a.built || a.failed ? '' : '，无需重建'}` : '',
        a.failed ? `${a.failed} 期有错误，未生成` : '',
      ];
      return `${parts.filter(Boolean).join('；')}（${a.seconds} 秒）`;
    },
    progress: (a) => `${a.done}/${a.total} 期  ${a.rate} 期/秒  剩余约 ${a.eta}  ${a.current}`,
    prepare: (a) =>
      a.step === 'browser'
        ? a.done === 0 ? '首次使用：解压浏览器（约 200 MB，每台电脑只需一次）…' : '浏览器已解压。'
        : `准备打印字体 ${a.done}/${a.total}${a.done === a.total ? '，完成。' : '…'}`,
  },
  check: {
    description: '检查源文件（前置信息、正文结构、图片、编号、标点排版），不生成输出',
    paths: '源文件或目录（默认 bulletins/ 下全部）',
    strict: '有警告也按失败处理（退出码 1）',
    fix: '自动改正可以安全改正的问题（改写源文件，前置信息不动），列出每处改动和需人工处理的问题',
    dryRun: '与 --fix 同用：只列出会做的改动，不写入',
    help: `
示例：
  $ bulletin check
  $ bulletin check bulletins/2021/065.md --strict
  $ bulletin check --fix --dry-run       先看会改哪些地方
  $ bulletin check --fix

退出码：0 无错误；1 有错误（--strict 时有警告也是 1）；2 用法错误。`,
    fixed: (path, line, rule, before, after) => `${path}:${line}  ${rule}  ${before} → ${after || '（删去）'}`,
    fixCount: (count, files, dryRun) => (dryRun ? `可自动改正 ${count} 处（--dry-run：未写入）` : `已改正 ${count} 处，涉及 ${files} 个文件`),
    skipped: (path, encoding) => `${path}：编码是 ${encoding}，未自动改正；另存为 UTF-8 后再运行 --fix`,
    checked: (a) => `检查了 ${a.issues} 期：${a.errors} 个错误，${a.warnings} 个警告${a.leftAfterFix ? '（以上需人工处理）' : ''}`,
  },
  newIssue: {
    description: '按已有各期的编号新建下一期源文件（bulletins/<年>/<期号>.md），不覆盖已有文件',
    series: '专刊名称；专刊编号取该专刊上一期加 1',
    date: '编发日期（默认今天，北京时间；设置了 SOURCE_DATE_EPOCH 时取其日期）',
    dateInvalid: (v) => `“${v}”不是有效日期，应写成 YYYY-MM-DD，如 2021-06-28`,
    title: '文章标题（默认写“标题”占位，由编辑替换）',
    help: `
示例：
  $ bulletin new
  $ bulletin new --date 2021-06-28 --title "全省安全生产工作会议召开"
  $ bulletin new --series 省安全生产专项整治三年行动专刊

期号每年从 1 重新开始（配置 numbering.reset: never 则跨年连续），总期号在全部期次中加 1。
退出码：0 成功；1 出错（如文件已存在、已有源文件有错误）；2 用法错误。`,
  },
  import: {
    description: '把旧简报（.pdf、.docx、.doc、.txt）导入为源文件，每期一个',
    files: '要导入的文件或文件夹：.pdf、.docx、.doc（Word 97-2003）、.txt（UTF-8、GB18030/GBK、Big5、UTF-16 均可）；文件夹导入其中全部这类文件',
    out: '源文件目录，写到 <dir>/<年>/<期号>.md（默认 bulletins）',
    force: '覆盖已存在的源文件',
    simplified: '把繁体字转为简体',
    verify: '导入后把写出的源文件与重新读取的原文逐块核对（文字、标题、段落、空格），有出入时退出码为 1',
    help: `
示例：
  $ bulletin import 2021-064.txt                 写出 bulletins/2021/064.md
  $ bulletin import 2021-064.pdf 2021-065.docx 2021-066.doc --verify
  $ bulletin import 旧稿/ --verify              整个文件夹：并行导入，写出 import-report.json 和汇总表
  $ bulletin import 网页.txt --simplified

.wps、.et 和加密的文件不能直接读取：先用 LibreOffice 转换，如 soffice --headless --convert-to docx 文件.wps。
再次导入同一文件夹时，内容相同的源文件保持不变；内容不同的不会覆盖，除非加 --force。

识别报头（标识、报头名称、期号、专刊、编发单位、日期）、文章标题与“——”副标题、小标题、
正文段落和报尾（抄报、分送、抄送、印发日期、印数）；删去页码、分页符、拼音注音、网页杂项。
未能识别的行作为正文段落保留并给出警告；找不到的期号、日期等不写入前置信息，
导入后用 \`bulletin check\` 查看需要补全的字段。

退出码：0 成功；1 有文件未能导入或核对不一致；2 用法错误。`,
    written: (input, output, encoding) => `${input} → ${output}（${encoding}）`,
    front: (fields) => `  前置信息：${fields.length ? fields.join('，') : '无'}`,
    field: {
      issue: (v) => `期号 ${v}`,
      total: (v) => `总期号 ${v}`,
      date: (v) => `日期 ${v}`,
      series: (v) => `专刊 ${v}`,
      title: (v) => `报头 ${v}`,
      publisher: (v) => `编发单位 ${v}`,
      marker: (v) => `标识 ${v}`,
      distribution: (v) => `报尾 ${v}`,
      printed: (v) => `印发 ${v}`,
      copies: (v) => `共印 ${v} 份`,
    },
    article: (title, headings, paragraphs) => `  文章：${title ?? '（无标题）'}（${headings} 个小标题，${paragraphs} 段）`,
    removed: (parts) => `  清理：${parts.join('，')}`,
    removedKinds: {
      pageNumbers: (n) => `页码 ${n} 处`,
      pinyin: (n) => `拼音注音 ${n} 处`,
      furniture: (n) => `网页杂项 ${n} 行`,
      decoration: (n) => `排版符号 ${n} 处`,
      simplified: (n) => `繁转简 ${n} 字`,
      repaired: (n) => `乱码还原 ${n} 字`,
    },
    verified: (d) => `  核对：${d === 0 ? '与原文一致' : `有 ${d} 处与原文不一致`}`,
    list: '、',
    table: {
      head: ['输入', '结果', '源文件', '期号', '待补', '核对'],
      written: '写出',
      unchanged: '未变',
      failed: '失败',
      same: '一致',
      differences: (n) => `${n} 处不一致`,
      totals: (a) => `共 ${a.files} 个文件：写出 ${a.written}，未变 ${a.unchanged}，失败 ${a.failed}；报告见 ${a.report}`,
    },
  },
  index: {
    description: '合并分片构建（build --shard）的清单，生成 manifest.json、index.html、专刊页和 feed.xml',
    dirs: '各分片的输出目录（默认：输出目录本身）',
    out: '输出目录（默认 dist）',
    help: `
示例：
  $ bulletin build --shard 1/2 && bulletin build --shard 2/2 && bulletin index
  $ bulletin index shard-1 shard-2 --out dist`,
    merged: (lists, issues, page) => `已合并 ${lists} 份清单，共 ${issues} 期 → ${page}`,
  },
  verify: {
    description: '在临时目录重建清单中的每一期，逐一核对 sha256，证明发布的文件可由源文件重现',
    manifest: '要核对的清单（默认 dist/manifest.json）',
    help: '\n示例：\n  $ bulletin verify\n  $ bulletin verify --manifest public/manifest.json',
    missing: (source) => `✗ ${source}：无法重建（源文件缺失或有错误，用 bulletin check 查看）`,
    differs: (source, kind, expected, actual) => `✗ ${source}：${kind} 不一致（清单 ${expected}…，重建 ${actual || '无'}…）`,
    file: (kind, file, source) =>
      kind === 'file'
        ? `✗ ${file}：与由源文件重新构建的不同（被改动过）`
        : kind === 'absent'
          ? `✗ ${file}：缺少（由源文件构建会有这个文件）`
          : `✗ ${file}：${source} 的缓存条目被改动或损坏（构建不会使用它）`,
    extra: (files) => `另有 ${files.length} 个文件不是由这些源文件构建的（如增量构建留下的旧字体分片），未核对：\n${files.map((f) => `  ${f}`).join('\n')}`,
    checked: (issues, differing) => `核对了 ${issues} 期：${differing ? `${differing} 处不一致` : '全部一致'}`,
  },
  preview: {
    description: '在浏览器中预览简报：构建到临时目录并在本机提供网页，保存后自动重新构建并刷新',
    paths: '源文件或目录（默认 bulletins/ 下全部）',
    port: '端口；被占用时依次尝试后面 10 个，并说明改用了哪个',
    portInvalid: '端口应是 0 到 65535 之间的整数（0 表示由系统选择）',
    host: '监听的地址（默认 127.0.0.1，只有本机可以访问；如 0.0.0.0 则局域网内可访问）',
    allowHost: '另外接受的主机名（逗号分隔，可重复）；默认只接受发往本机名称和 IP 地址的请求（防 DNS 重绑定）',
    pdf: '同时生成 PDF，以便查看打印版（较慢）',
    open: '在默认浏览器中打开预览',
    portMoved: (asked, port) => `端口 ${asked} 已被占用，改用 ${port}。`,
    help: `
示例：
  $ bulletin preview                              预览 bulletins/ 下全部简报
  $ bulletin preview bulletins/2021/065.md        只预览这一期
  $ bulletin preview --port 8080
  $ bulletin preview --pdf                        同时生成 PDF
  $ bulletin preview --open                       并在浏览器中打开
  $ bulletin preview --host 0.0.0.0               让同一局域网的电脑也能打开

预览文件在临时目录中，不改动 dist/；还有【待补】的期按草稿显示（标出【待补】，页面上列出诊断）；
源文件有其他错误时浏览器显示错误及其行号。
按 Ctrl-C 停止（退出码 0）。`,
    built: (source, url, pdf, pending) => `✓ ${source} → ${url}${pdf ? `（PDF：${pdf}）` : ''}${pending ? `（草稿：${pending} 处【待补】）` : ''}`,
    failed: (source, errors, url) => `✗ ${source}：${errors} 个错误，浏览器中显示错误页 ${url}`,
    changed: (names) => `\n检测到改动，重新构建（${names}）…`,
    all: '全部',
    updated: (seconds) => `已更新（${seconds} 秒），浏览器将自动刷新。`,
    serving: (url, everywhere) => `\n预览：${url}${everywhere ? `（在 ${everywhere} 的所有网络接口上监听）` : ''}`,
    watching: (sources, config) => `正在监视 ${sources}/、templates/ 和 ${config}；保存后自动重新构建，浏览器自动刷新。按 Ctrl-C 停止。`,
    stopped: '预览已停止，临时文件已删除。',
  },
  doctor: {
    description: '检查本机和项目能否生成 PDF：Node、浏览器、各角色字体与缺字、配置、输出目录',
    browser: '检查这个 Chrome/Edge/Chromium（与 build 的 --browser 相同）',
    strict: '源文件中有字体缺字也按失败处理（退出码 1）',
    help: '\n退出码：0 可以生成 PDF；1 不能生成 PDF（或 --strict 时有缺字）。',
    roles: { title: '标题（小标宋）', body: '正文（仿宋）', kai: '楷体', hei: '黑体', figures: '页码数字（宋体）' },
    nodeOld: '：需要 20.19 或更新的版本（https://nodejs.org 下载 LTS 版）',
    config: (file) => `✓ 配置：${file ? `${file} 有效` : '没有 bulletin.config.yaml，使用江西应急管理简报预设'}`,
    configBad: (file) => `✗ 配置：${file} 有错误`,
    configFix: '    修改：按上面的位置改正；配置项说明见 docs/config.md',
    browserOk: (source, path) => `✓ 浏览器：${source} ${path}`,
    browserTimed: (version, seconds) => `    版本 ${version}；启动并试印一页 PDF 用时 ${seconds} 秒`,
    browserBad: '✗ 浏览器：不能生成 PDF',
    fix: (hint) => `    修改：${hint}`,
    tried: '    查找顺序：',
    place: (source, path) => `${source}：${path}`,
    font: (role, name, official, officialName, checked) => `字体 ${role}：${name}，${official ? '正式字体' : `替代字体（正式字体为 ${officialName}）`}${checked ? '' : '；本机字体，无法检查缺字'}`,
    file: (file) => `    文件 ${file}`,
    slices: (dir, count) => `    网页版：${dir}/ 中的 ${count} 个分片`,
    printFile: (file) => `    打印 PDF：${file}`,
    missing: (char, codePoint, at) => `    缺字 “${char}”（${codePoint}）于 ${at}`,
    missingMore: (count) => `    ……共缺 ${count} 个字`,
    fontFix: '    修改：换用常用字，或在配置 fonts 中为这一角色指定含这些字的字体文件',
    outputOk: (path) => `✓ 输出目录 ${path} 可写`,
    outputBad: (path, error) => `✗ 输出目录 ${path} 不可写：${error}\n    修改：检查权限，或用 --out 指定另一个目录`,
    caches: (folder, checked, damaged) =>
      damaged.length === 0
        ? `✓ 缓存 ${folder}：${checked} 项完好`
        : `✓ 缓存 ${folder}：${checked} 项中 ${damaged.length} 项已损坏，已删除（需要时重新生成）：\n${damaged.map((d) => `    ${d}`).join('\n')}`,
    verdict: (pdfReady, ok, sources) =>
      pdfReady
        ? ok
          ? `可以生成 PDF（检查了 ${sources} 期源文件）。`
          : `可以生成 PDF，但有上面标 ✗ 的问题（检查了 ${sources} 期源文件）。`
        : '不能生成 PDF：按上面标 ✗ 的提示修改后再运行 bulletin doctor。',
  },
  init: {
    description: '新建一个简报项目：配置文件（含全部选项说明）、一期演示简报、.gitignore、固定 bulletin 版本的 package.json 和 CI 示例',
    dir: '项目目录（默认当前目录；不存在时新建）',
    date: '演示简报的日期（默认今天）',
    dateInvalid: '应为 YYYY-MM-DD 格式的有效日期',
    help: '\n示例：\n  $ bulletin init 应急简报 && cd 应急简报 && bulletin build\n\n已有同名文件时不做任何改动（退出码 1）。',
    created: (where, files, cd) =>
      `已新建简报项目 ${where}：\n${files.map((f) => `  ${f}`).join('\n')}\n\n下一步：${cd}bulletin build   （PDF 与 HTML 生成到 dist/）\n提交前运行一次 npm install：按 package.json 固定 bulletin 的版本，生成 CI 中 npm ci 所需的 package-lock.json。`,
  },
};

export const en: Texts = {
  program: {
    description: 'Compile Markdown bulletin sources into print-ready PDF and HTML (Jiangxi emergency management bulletin format)',
    version: 'show the version',
    help: 'show help',
    helpCommand: 'show help for a command',
    lang: 'language: zh (Simplified Chinese, default) or en (English); LANG=en_US.UTF-8 also selects English',
    cwd: 'run in this folder (as git -C); by default the project is the nearest folder upwards with bulletin.config.yaml or bulletins/',
    cwdInvalid: 'not an existing folder',
    config: 'use this config file (the project root is its folder) instead of looking upwards',
    examples: `
Examples:
  $ bulletin build                       build every bulletin under bulletins/ into dist/
  $ bulletin build bulletins/2021/064.md --format pdf
  $ bulletin check --strict              check only, build nothing
  $ bulletin new --date 2021-06-28       start the next issue`,
    titles: {},
    usage: (usage) => usage,
    defaultValue: (value) => ` (default: ${value})`,
    afterError: '(run bulletin --help for usage)',
    commanderError: (s) => s,
  },
  options: {
    json: 'print a machine-readable result on standard output',
    verbose: 'show details (stack traces on failure)',
    out: 'output folder (default dist, or out in the config)',
    forceOut: 'take the output folder over: write into it even when it holds other files or another project\'s outputs (they may be replaced or removed)',
    strict: 'fail on warnings too (exit code 1)',
    browser: 'print PDFs with this Chrome/Edge/Chromium (before config, environment and discovery)',
    paths: 'source files or folders (default: all under bulletins/)',
  },
  build: {
    description: 'build sources into HTML and PDF (by default every source under bulletins/)',
    format: 'output formats, comma-separated: html,pdf,docx,ofd (docx is an editable Word file, ofd the Chinese fixed-layout format GB/T 33190)',
    formatInvalid: (f) => `unknown format "${f}"; choose html, pdf, docx or ofd`,
    shard: 'build only a fixed n-th of the issues (for parallel CI) with its own manifest; merge with bulletin index',
    shardInvalid: 'write k/n, such as 1/3 (1 ≤ k ≤ n)',
    force: 'ignore the cache and rebuild every issue (by default only issues whose source, images, config, templates, fonts or browser changed)',
    draft: 'build sources that still hold 【待补】 and other unfinished text, marked as drafts (a “草稿” watermark on every page; draft: true in the manifest)',
    pdfa: 'write PDF/A-2b for long-term archiving (XMP metadata, an sRGB output intent; or config pdf.pdfa: true)',
    concurrency: 'issues printed at once, each on its own browser tab (default: the number of cores)',
    concurrencyInvalid: 'a whole number from 1 to 32',
    quiet: 'show only problems (errors and warnings): no progress, no line per issue',
    help: `
Examples:
  $ bulletin build
  $ bulletin build bulletins/2021/064.md --out public
  $ bulletin build --format pdf --json > report.json
  $ bulletin build --shard 2/3 && bulletin index      # parallel CI: each job builds a share, then merge

Exit codes: 0 ok; 1 a source has errors; 2 usage error; 130/143 interrupted by Ctrl-C (SIGINT)/SIGTERM.`,
    built: (l) => `✓ ${l.source} → ${l.outputs.join(', ')}${l.pages !== undefined ? ` (${l.pages} page${l.pages === 1 ? '' : 's'})` : ''}`,
    unchanged: (source) => `= ${source}: unchanged`,
    failed: (source, errors) => `✗ ${source}: ${errors} error${errors === 1 ? '' : 's'}, not built`,
    blocked: (n) => `${n} outside request${n === 1 ? '' : 's'} blocked (rendering never uses the network)`,
    done: (a) => {
      const issues = (n: number) => `${n} issue${n === 1 ? '' : 's'}`;
      const parts = [
        a.built ? `built ${issues(a.built)}` : '',
        a.unchanged ? (a.built || a.failed ? `${a.unchanged} unchanged` : `${issues(a.unchanged)} unchanged, nothing to rebuild`) : '',
        a.failed ? `${a.built || a.unchanged ? a.failed : issues(a.failed)} not built because of errors` : '',
      ].filter(Boolean);
      const said = parts.join('; ');
      return `${said.charAt(0).toUpperCase()}${said.slice(1)} (${a.seconds} s)`;
    },
    progress: (a) => `${a.done}/${a.total} issues  ${a.rate} issues/s  about ${a.eta} left  ${a.current}`,
    prepare: (a) =>
      a.step === 'browser'
        ? a.done === 0 ? 'First use: unpacking the browser (about 200 MB, once per computer)…' : 'Browser unpacked.'
        : `Preparing print fonts ${a.done}/${a.total}${a.done === a.total ? ', done.' : '…'}`,
  },
  check: {
    description: 'check sources (front matter, body structure, images, numbering, punctuation) without building',
    paths: 'source files or folders (default: all under bulletins/)',
    strict: 'fail on warnings too (exit code 1)',
    fix: 'fix what can be fixed safely (rewrites the sources, never the front matter), listing each change and what is left to do by hand',
    dryRun: 'with --fix: list the changes without writing them',
    help: `
Examples:
  $ bulletin check
  $ bulletin check bulletins/2021/065.md --strict
  $ bulletin check --fix --dry-run       see what would change first
  $ bulletin check --fix

Exit codes: 0 no errors; 1 errors (with --strict, warnings too); 2 usage error.`,
    fixed: (path, line, rule, before, after) => `${path}:${line}  ${rule}  ${before} → ${after || '(deleted)'}`,
    fixCount: (count, files, dryRun) =>
      dryRun ? `${count} fix${count === 1 ? '' : 'es'} possible (--dry-run: nothing written)` : `${count} fix${count === 1 ? '' : 'es'} made in ${files} file${files === 1 ? '' : 's'}`,
    skipped: (path, encoding) => `${path}: encoded in ${encoding}, not fixed; save it as UTF-8 and run --fix again`,
    checked: (a) =>
      `Checked ${a.issues} issue${a.issues === 1 ? '' : 's'}: ${a.errors} error${a.errors === 1 ? '' : 's'}, ${a.warnings} warning${a.warnings === 1 ? '' : 's'}${a.leftAfterFix ? ' (left to do by hand)' : ''}`,
  },
  newIssue: {
    description: 'start the next issue (bulletins/<year>/<issue>.md) numbered after the existing ones; never overwrites',
    series: 'series name; its number is the series\' previous plus 1',
    date: 'issue date (default today in Beijing time; the date of SOURCE_DATE_EPOCH when set)',
    dateInvalid: (v) => `"${v}" is not a valid date; write YYYY-MM-DD, such as 2021-06-28`,
    title: 'article title (default: a placeholder for the editor to replace)',
    help: `
Examples:
  $ bulletin new
  $ bulletin new --date 2021-06-28 --title "全省安全生产工作会议召开"
  $ bulletin new --series "省安全生产专项整治三年行动专刊"

Issue numbers restart at 1 each year (numbering.reset: never numbers across years); the running number rises by 1 over all issues.
Exit codes: 0 ok; 1 failed (the file exists, existing sources have errors…); 2 usage error.`,
  },
  import: {
    description: 'import old issues (.pdf, .docx, .doc, .txt) as sources, one per issue',
    files: 'files or folders to import: .pdf, .docx, .doc (Word 97-2003), .txt (UTF-8, GB18030/GBK, Big5 or UTF-16); a folder imports every such file in it',
    out: 'sources folder; writes <dir>/<year>/<issue>.md (default bulletins)',
    force: 'overwrite existing sources',
    simplified: 'convert traditional characters to simplified',
    verify: 'compare the written source with the original read again, block by block (text, headings, paragraphs, spaces); exit code 1 on a difference',
    help: `
Examples:
  $ bulletin import 2021-064.txt                 writes bulletins/2021/064.md
  $ bulletin import 2021-064.pdf 2021-065.docx 2021-066.doc --verify
  $ bulletin import old/ --verify                a whole folder: in parallel, with import-report.json and a summary table
  $ bulletin import page.txt --simplified

.wps, .et and encrypted files cannot be read directly: convert them with LibreOffice first, e.g. soffice --headless --convert-to docx file.wps.
Importing a folder again leaves sources that come out the same untouched; others are not overwritten without --force.

Recognises the masthead (marker, title, issue, series, publisher, date), article titles and "——" subtitles,
headings, paragraphs and the colophon (distribution lines, print date, copies); drops page numbers,
page breaks, pinyin annotations and web page furniture. Lines it cannot place stay as paragraphs with a
warning; what it cannot find is marked 【待补】 for \`bulletin check\` to name.

Exit codes: 0 ok; 1 a file could not be imported or differs on --verify; 2 usage error.`,
    written: (input, output, encoding) => `${input} → ${output} (${encoding})`,
    front: (fields) => `  front matter: ${fields.length ? fields.join(', ') : 'none'}`,
    field: {
      issue: (v) => `issue ${v}`,
      total: (v) => `running number ${v}`,
      date: (v) => `date ${v}`,
      series: (v) => `series ${v}`,
      title: (v) => `title ${v}`,
      publisher: (v) => `publisher ${v}`,
      marker: (v) => `marker ${v}`,
      distribution: (v) => `colophon ${v}`,
      printed: (v) => `printed ${v}`,
      copies: (v) => `${v} copies`,
    },
    article: (title, headings, paragraphs) => `  article: ${title ?? '(no title)'} (${headings} heading${headings === 1 ? '' : 's'}, ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'})`,
    removed: (parts) => `  removed: ${parts.join(', ')}`,
    removedKinds: {
      pageNumbers: (n) => `${n} page number${n === 1 ? '' : 's'}`,
      pinyin: (n) => `${n} pinyin annotation${n === 1 ? '' : 's'}`,
      furniture: (n) => `${n} line${n === 1 ? '' : 's'} of web furniture`,
      decoration: (n) => `${n} layout mark${n === 1 ? '' : 's'}`,
      simplified: (n) => `${n} character${n === 1 ? '' : 's'} simplified`,
      repaired: (n) => `${n} garbled character${n === 1 ? '' : 's'} restored`,
    },
    verified: (d) => `  verified: ${d === 0 ? 'same as the original' : `${d} difference${d === 1 ? '' : 's'} from the original`}`,
    list: ', ',
    table: {
      head: ['input', 'result', 'source', 'issue', 'pending', 'verify'],
      written: 'written',
      unchanged: 'unchanged',
      failed: 'failed',
      same: 'same',
      differences: (n) => `${n} difference${n === 1 ? '' : 's'}`,
      totals: (a) => `${a.files} file${a.files === 1 ? '' : 's'}: ${a.written} written, ${a.unchanged} unchanged, ${a.failed} failed; report in ${a.report}`,
    },
  },
  index: {
    description: 'merge the manifests of shard builds (build --shard) into manifest.json, index.html, series pages and feed.xml',
    dirs: 'output folders of the shards (default: the output folder itself)',
    out: 'output folder (default dist)',
    help: `
Examples:
  $ bulletin build --shard 1/2 && bulletin build --shard 2/2 && bulletin index
  $ bulletin index shard-1 shard-2 --out dist`,
    merged: (lists, issues, page) => `Merged ${lists} manifest${lists === 1 ? '' : 's'}, ${issues} issue${issues === 1 ? '' : 's'} → ${page}`,
  },
  verify: {
    description: 'rebuild every issue of the manifest in a temporary folder and compare sha256 sums, proving the published files come from the sources',
    manifest: 'manifest to verify (default dist/manifest.json)',
    help: '\nExamples:\n  $ bulletin verify\n  $ bulletin verify --manifest public/manifest.json',
    missing: (source) => `✗ ${source}: cannot be rebuilt (source missing or with errors; see bulletin check)`,
    differs: (source, kind, expected, actual) => `✗ ${source}: ${kind} differs (manifest ${expected}…, rebuilt ${actual || 'none'}…)`,
    file: (kind, file, source) =>
      kind === 'file'
        ? `✗ ${file}: differs from what the sources build to (edited)`
        : kind === 'absent'
          ? `✗ ${file}: missing (the sources build to it)`
          : `✗ ${file}: the entry of ${source} was edited or damaged (builds do not use it)`,
    extra: (files) => `${files.length} more file${files.length === 1 ? ' is' : 's are'} not built from these sources (such as old font slices an incremental build left), not verified:\n${files.map((f) => `  ${f}`).join('\n')}`,
    checked: (issues, differing) => `Verified ${issues} issue${issues === 1 ? '' : 's'}: ${differing ? `${differing} difference${differing === 1 ? '' : 's'}` : 'all identical'}`,
  },
  preview: {
    description: 'preview bulletins in the browser: builds into a temporary folder, serves it on this machine, rebuilds and reloads on save',
    paths: 'source files or folders (default: all under bulletins/)',
    port: 'port; when taken, the next 10 are tried, and the one used is named',
    portInvalid: 'a port is a whole number from 0 to 65535 (0 lets the system choose)',
    host: 'address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 opens it to the local network)',
    allowHost: 'more host names to answer to (comma-separated, repeatable); by default only loopback names and IP addresses are answered (against DNS rebinding)',
    pdf: 'build the PDFs too, to see the print edition (slower)',
    open: 'open the preview in the default browser',
    portMoved: (asked, port) => `Port ${asked} is taken; using ${port}.`,
    help: `
Examples:
  $ bulletin preview                              preview every bulletin under bulletins/
  $ bulletin preview bulletins/2021/065.md        preview this issue only
  $ bulletin preview --port 8080
  $ bulletin preview --pdf                        build the PDFs too
  $ bulletin preview --open                       and open it in the browser
  $ bulletin preview --host 0.0.0.0               let computers on the local network open it

Preview files live in a temporary folder; dist/ is not touched. An issue still holding 【待补】 shows as a draft (each 【待补】 marked,
its diagnostics over the page); a source with other errors shows them, with lines, in the browser.
Stop with Ctrl-C (exit code 0).`,
    built: (source, url, pdf, pending) => `✓ ${source} → ${url}${pdf ? ` (PDF: ${pdf})` : ''}${pending ? ` (draft: ${pending} 【待补】 to fill in)` : ''}`,
    failed: (source, errors, url) => `✗ ${source}: ${errors} error${errors === 1 ? '' : 's'}; the browser shows them at ${url}`,
    changed: (names) => `\nChange seen, rebuilding (${names})…`,
    all: 'everything',
    updated: (seconds) => `Updated (${seconds} s); the browser reloads.`,
    serving: (url, everywhere) => `\nPreview: ${url}${everywhere ? ` (listening on every interface of ${everywhere})` : ''}`,
    watching: (sources, config) => `Watching ${sources}/, templates/ and ${config}; saving rebuilds and reloads the browser. Stop with Ctrl-C.`,
    stopped: 'Preview stopped; temporary files removed.',
  },
  doctor: {
    description: 'check whether this machine and project can make PDFs: Node, browser, fonts of each role and missing characters, config, output folder',
    browser: 'check this Chrome/Edge/Chromium (as --browser of build)',
    strict: 'fail when the sources use characters a font lacks (exit code 1)',
    help: '\nExit codes: 0 PDFs can be made; 1 they cannot (or, with --strict, characters are missing).',
    roles: { title: 'title (Xiaobiaosong)', body: 'body (Fangsong)', kai: 'kai (Kaiti)', hei: 'hei (Heiti)', figures: 'page numbers (Songti)' },
    nodeOld: ': version 20.19 or newer is needed (download the LTS from https://nodejs.org)',
    config: (file) => `✓ Config: ${file ? `${file} is valid` : 'no bulletin.config.yaml; the Jiangxi emergency management preset applies'}`,
    configBad: (file) => `✗ Config: ${file} has errors`,
    configFix: '    Fix: correct them at the places above; every option is described in docs/config.md',
    browserOk: (source, path) => `✓ Browser: ${source} ${path}`,
    browserTimed: (version, seconds) => `    version ${version}; starting it and printing a test page took ${seconds} s`,
    browserBad: '✗ Browser: cannot print PDFs',
    fix: (hint) => `    Fix: ${hint}`,
    tried: '    Looked in:',
    place: (source, path) => `${source}: ${path}`,
    font: (role, name, official, officialName, checked) =>
      `Font ${role}: ${name}, ${official ? 'the official face' : `a substitute (the official face is “${officialName}”)`}${checked ? '' : '; a system font, so missing characters cannot be checked'}`,
    file: (file) => `    file ${file}`,
    slices: (dir, count) => `    web edition: ${count} slices in ${dir}/`,
    printFile: (file) => `    PDF print: ${file}`,
    missing: (char, codePoint, at) => `    missing "${char}" (${codePoint}) at ${at}`,
    missingMore: (count) => `    … ${count} characters missing in all`,
    fontFix: '    Fix: use common characters, or give this role a font file that has them under fonts in the config',
    outputOk: (path) => `✓ Output folder ${path} is writable`,
    outputBad: (path, error) => `✗ Output folder ${path} is not writable: ${error}\n    Fix: check the permissions, or choose another folder with --out`,
    caches: (folder, checked, damaged) =>
      damaged.length === 0
        ? `✓ Cache ${folder}: ${checked} entries intact`
        : `✓ Cache ${folder}: ${damaged.length} of ${checked} entries were damaged and removed (made again when needed):\n${damaged.map((d) => `    ${d}`).join('\n')}`,
    verdict: (pdfReady, ok, sources) =>
      pdfReady
        ? ok
          ? `PDFs can be made (${sources} sources checked).`
          : `PDFs can be made, but see the problems marked ✗ above (${sources} sources checked).`
        : 'PDFs cannot be made: fix what is marked ✗ above, then run bulletin doctor again.',
  },
  init: {
    description: 'start a bulletin project: a config file describing every option, a demo issue, .gitignore, a package.json pinning bulletin, and a CI example',
    dir: 'project folder (default: the current folder; created when missing)',
    date: 'date of the demo issue (default today)',
    dateInvalid: 'a valid date written YYYY-MM-DD',
    help: '\nExample:\n  $ bulletin init my-bulletin && cd my-bulletin && bulletin build\n\nNothing is changed when a file of the same name exists (exit code 1).',
    created: (where, files, cd) => `Created the bulletin project ${where}:\n${files.map((f) => `  ${f}`).join('\n')}\n\nNext: ${cd}bulletin build   (PDF and HTML go to dist/)\nBefore committing, run npm install once: it pins bulletin's version from package.json and writes the package-lock.json that npm ci in CI needs.`,
  },
};

export const TEXTS: Record<Lang, Texts> = { zh, en };

/**
 * The language: `--lang` first, then BULLETIN_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG)
 * when it starts with "en"; Simplified Chinese otherwise.
 */
export function resolveLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  const pick = (v: string | undefined) => (v === undefined || v === '' ? undefined : /^en/i.test(v) ? 'en' : /^zh/i.test(v) ? 'zh' : undefined);
  if (flag !== undefined) return pick(flag) ?? 'zh';
  return pick(env.BULLETIN_LANG) ?? pick(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? 'zh';
}
