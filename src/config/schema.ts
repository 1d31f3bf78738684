import * as z from 'zod/mini';
import { LINT_RULE_IDS, RELATIVE_TIME_WORDS } from '../lint/rules.js';

/**
 * The one schema of `bulletin.config.yaml`. Every key is optional: without a config file the
 * 江西应急管理简报 preset applies. Descriptions generate docs/config.md (`npm run docs`).
 *
 * Written with zod's mini build (functions instead of methods): the classic build is 518 KB of
 * JavaScript that every command reading a config or front matter compiled (45–65 ms a start).
 */
const about = (description: string) => z.meta({ description });
const text = () => z.string().check(z.minLength(1));
const hex = () => z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/));

const fontRole = z
  .strictObject({
    family: z.optional(text()).check(about('字体族名（CSS font-family）；仅当 system: true 时可用系统字体')),
    file: z.optional(text()).check(about('项目内字体文件路径（.ttf/.otf/.woff2），相对于项目根目录')),
    weight: z.optional(z.int().check(z.minimum(100), z.maximum(900))).check(about('字重 100–900')),
  })
  .check(about('一种字体角色：内置字体（默认）、项目字体文件或字体族名'));

export const configSchema = z.strictObject({
  title: z._default(text(), '江西应急管理简报').check(about('报头名称（红色大字）')),
  publisher: z._default(text(), '江西省安全生产委员会办公室').check(about('编发单位，报头左下与报尾')),
  marker: z._default(z.string(), '注意保存').check(about('左上角标识；"" 表示不显示')),
  distribution: z
    ._default(z.record(text(), z.union([text(), z.array(text()).check(z.minLength(1))])), { 抄报: '省委、省政府领导' })
    .check(about('默认报尾各行（源文件的 distribution 覆盖整个表）')),
  out: z._default(text(), 'dist').check(about('输出目录，相对于项目根目录；须在项目之内，不能是项目目录或源文件目录（项目之外的目录只能在命令行上用 --out 指定，见 docs/security.md）')),
  sources: z._default(text(), 'bulletins').check(about('源文件目录，相对于项目根目录')),
  baseUrl: z
    .optional(z.url({ protocol: /^https?$/ }).check(z.regex(/\/$/, '须以 / 结尾')))
    .check(about('发布地址（以 / 结尾），用于 Atom 订阅中的绝对链接；不设时用相对链接')),
  toc: z._default(z.enum(['auto', 'always', 'never']), 'auto').check(about('本期要目：auto 在两篇及以上文章时显示')),
  pageNumbers: z._default(z.boolean(), true).check(about('是否在每页加“— N —”页码')),
  numbering: z
    ._default(
      z.strictObject({
        reset: z._default(z.enum(['yearly', 'never']), 'yearly').check(about('期号是否每年从 1 重新开始')),
      }),
      { reset: 'yearly' },
    )
    .check(about('编号规则')),
  colors: z
    ._default(
      z.strictObject({
        masthead: z._default(hex(), '#E60012').check(about('报头名称颜色（套红）')),
        rule: z._default(hex(), '#E60012').check(about('红色分隔线颜色')),
      }),
      { masthead: '#E60012', rule: '#E60012' },
    )
    .check(about('颜色，#RRGGBB')),
  fonts: z
    ._default(
      z.strictObject({
        system: z._default(z.boolean(), false).check(about('允许使用本机安装的字体（默认否：只用随包字体与项目字体）')),
        title: z.optional(fontRole),
        body: z.optional(fontRole),
        kai: z.optional(fontRole),
        hei: z.optional(fontRole),
        figures: z.optional(fontRole),
      }),
      { system: false },
    )
    .check(about('各字体角色：title（小标宋）、body（仿宋）、kai（楷体）、hei（黑体）、figures（页码数字）')),
  rules: z
    ._default(
      z.record(z.string(), z.enum(['off', 'warning', 'error'])).check(
        z.superRefine((rules, ctx) => {
          for (const id of Object.keys(rules)) {
            if (!LINT_RULE_IDS.includes(id)) ctx.addIssue({ code: 'custom', path: [id], message: 'unknown-rule', params: { unknownRule: id, known: LINT_RULE_IDS } });
          }
        }),
      ),
      {},
    )
    .check(about('校对规则的严重程度：规则名 → off（关闭）、warning（警告）或 error（错误，阻止生成）；默认关闭的规则（如 word-relative-time）写上严重程度即打开；规则见 docs/rules.md')),
  relativeTimeWords: z
    .optional(z.array(text()))
    .check(about(`word-relative-time 规则（默认关闭）查找的相对时间词，替换内置的词表：${RELATIVE_TIME_WORDS.join('、')}`)),
  missingGlyph: z
    ._default(z.enum(['error', 'warning']), 'error')
    .check(about('正文、标题、报尾中有字体缺字时：error 阻止生成（默认），warning 只警告')),
  browser: z
    ._default(
      z.strictObject({
        executablePath: z
          .optional(text())
          .check(about('Chrome/Edge/Chromium 可执行文件，须是项目之外的绝对路径（项目中的文件不作为程序运行）；命令行 --browser 优先于它，它优先于环境变量 PUPPETEER_EXECUTABLE_PATH、CHROME_PATH 和自动查找')),
        channel: z
          ._default(z.enum(['auto', 'system']), 'auto')
          .check(about('自动查找的顺序：auto 先用随包 Chromium（Linux x64），再找本机安装的 Chrome/Edge/Chromium；system 先用本机安装的')),
        timeout: z._default(z.int().check(z.minimum(1000)), 60000).check(about('单期生成 PDF 的超时（毫秒）')),
      }),
      { timeout: 60000, channel: 'auto' },
    )
    .check(about('浏览器设置')),
  pdf: z
    ._default(
      z.strictObject({
        pdfa: z._default(z.boolean(), false).check(about('生成 PDF/A-2b（长期归档：XMP 元数据、sRGB 输出意图）；命令行 --pdfa 也可打开')),
      }),
      { pdfa: false },
    )
    .check(about('PDF 设置')),
  docx: z
    ._default(
      z.strictObject({
        embedFonts: z
          ._default(z.boolean(), false)
          .check(about('把打印用的字体（只含本期用到的字，以正式字体名仿宋_GB2312、方正小标宋简体等）嵌入 Word 文件：没有这些字体的电脑上也显示与 PDF 相同的字形；文件因此增大（演示各期增加 48–133 KB）')),
      }),
      { embedFonts: false },
    )
    .check(about('Word（--format docx）设置')),
});

export type Config = z.output<typeof configSchema>;
export type FontRole = z.output<typeof fontRole>;
export const defaultConfig: Config = configSchema.parse({});
