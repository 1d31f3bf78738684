import { z } from 'zod';
import { LINT_RULE_IDS } from '../lint/rules.js';

/**
 * The one schema of `bulletin.config.yaml`. Every key is optional: without a config file the
 * 江西应急管理简报 preset applies. Descriptions generate docs/config.md (`npm run docs`).
 */
const fontRole = z
  .strictObject({
    family: z.string().min(1).optional().meta({ description: '字体族名（CSS font-family）；仅当 system: true 时可用系统字体' }),
    file: z.string().min(1).optional().meta({ description: '项目内字体文件路径（.ttf/.otf/.woff2），相对于项目根目录' }),
    weight: z.int().min(100).max(900).optional().meta({ description: '字重 100–900' }),
  })
  .meta({ description: '一种字体角色：内置字体（默认）、项目字体文件或字体族名' });

export const configSchema = z.strictObject({
  title: z.string().min(1).default('江西应急管理简报').meta({ description: '报头名称（红色大字）' }),
  publisher: z.string().min(1).default('江西省安全生产委员会办公室').meta({ description: '编发单位，报头左下与报尾' }),
  marker: z.string().default('注意保存').meta({ description: '左上角标识；"" 表示不显示' }),
  distribution: z
    .record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))
    .default({ 抄报: '省委、省政府领导' })
    .meta({ description: '默认报尾各行（源文件的 distribution 覆盖整个表）' }),
  out: z.string().min(1).default('dist').meta({ description: '输出目录，相对于项目根目录' }),
  sources: z.string().min(1).default('bulletins').meta({ description: '源文件目录，相对于项目根目录' }),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .regex(/\/$/, '须以 / 结尾')
    .optional()
    .meta({ description: '发布地址（以 / 结尾），用于 Atom 订阅中的绝对链接；不设时用相对链接' }),
  toc: z.enum(['auto', 'always', 'never']).default('auto').meta({ description: '本期要目：auto 在两篇及以上文章时显示' }),
  pageNumbers: z.boolean().default(true).meta({ description: '是否在每页加“— N —”页码' }),
  numbering: z
    .strictObject({
      reset: z.enum(['yearly', 'never']).default('yearly').meta({ description: '期号是否每年从 1 重新开始' }),
    })
    .default({ reset: 'yearly' })
    .meta({ description: '编号规则' }),
  colors: z
    .strictObject({
      masthead: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#E60012').meta({ description: '报头名称颜色（套红）' }),
      rule: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#E60012').meta({ description: '红色分隔线颜色' }),
    })
    .default({ masthead: '#E60012', rule: '#E60012' })
    .meta({ description: '颜色，#RRGGBB' }),
  fonts: z
    .strictObject({
      system: z.boolean().default(false).meta({ description: '允许使用本机安装的字体（默认否：只用随包字体与项目字体）' }),
      title: fontRole.optional(),
      body: fontRole.optional(),
      kai: fontRole.optional(),
      hei: fontRole.optional(),
      figures: fontRole.optional(),
    })
    .default({ system: false })
    .meta({ description: '各字体角色：title（小标宋）、body（仿宋）、kai（楷体）、hei（黑体）、figures（页码数字）' }),
  rules: z
    .record(z.string(), z.enum(['off', 'warning', 'error']))
    .default({})
    .superRefine((rules, ctx) => {
      for (const id of Object.keys(rules)) {
        if (!LINT_RULE_IDS.includes(id)) ctx.addIssue({ code: 'custom', path: [id], message: 'unknown-rule', params: { unknownRule: id, known: LINT_RULE_IDS } });
      }
    })
    .meta({ description: '校对规则的严重程度：规则名 → off（关闭）、warning（警告）或 error（错误，阻止生成）；规则见 docs/rules.md' }),
  missingGlyph: z
    .enum(['error', 'warning'])
    .default('error')
    .meta({ description: '正文、标题、报尾中有字体缺字时：error 阻止生成（默认），warning 只警告' }),
  browser: z
    .strictObject({
      executablePath: z.string().min(1).optional().meta({ description: 'Chrome/Edge/Chromium 可执行文件；命令行 --browser 优先于它，它优先于环境变量 PUPPETEER_EXECUTABLE_PATH、CHROME_PATH 和自动查找' }),
      channel: z
        .enum(['auto', 'system'])
        .default('auto')
        .meta({ description: '自动查找的顺序：auto 先用随包 Chromium（Linux x64），再找本机安装的 Chrome/Edge/Chromium；system 先用本机安装的' }),
      timeout: z.int().min(1000).default(60000).meta({ description: '单期生成 PDF 的超时（毫秒）' }),
    })
    .default({ timeout: 60000, channel: 'auto' })
    .meta({ description: '浏览器设置' }),
});

export type Config = z.output<typeof configSchema>;
export type FontRole = z.output<typeof fontRole>;
export const defaultConfig: Config = configSchema.parse({});
