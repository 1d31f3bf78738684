import * as z from 'zod/mini';
import { isCalendarDate } from './dates.js';

/**
 * The one schema of a source's front matter (the contract's table), in zod's mini build as the
 * config's (config/schema.ts). Descriptions here generate docs/front-matter.md (`npm run docs`).
 */
const calendarDate = z.string().check(z.refine(isCalendarDate, { message: 'date' }));
const text = () => z.string().check(z.minLength(1));
const count = () => z.int().check(z.minimum(1));
const about = (description: string, title?: string) => z.meta(title ? { description, title } : { description });

const distributionValue = z.union([text(), z.array(text()).check(z.minLength(1))]);

export const frontMatterSchema = z.strictObject({
  issue: count().check(about('期号，显示为“第 64 期”', '期号')),
  total: count().check(about('总期号，不小于 issue，显示为“总第 230 期”', '总期号')),
  date: calendarDate.check(about('编发日期，YYYY-MM-DD，显示在报头下', '编发日期')),
  series: z
    .optional(
      z.strictObject({
        name: text().check(about('专刊名称，如“省安全生产专项整治三年行动专刊”')),
        number: count().check(about('专刊期号，显示为“（108）”')),
      }),
    )
    .check(about('专刊：name 与 number 须同时给出', '专刊')),
  title: z.optional(text()).check(about('报头名称；默认取配置（江西应急管理简报）', '报头')),
  publisher: z.optional(text()).check(about('编发单位；默认取配置', '编发单位')),
  marker: z.optional(z.string()).check(about('左上角标识（如“注意保存”）；默认取配置；"" 表示不显示', '标识')),
  distribution: z
    .optional(z.record(text(), distributionValue))
    .check(about('报尾各行，按顺序：标签 → 文字或文字列表（列表以“，”连接，行末补“。”）；默认取配置', '报尾')),
  printed: z.optional(calendarDate).check(about('印发日期，YYYY-MM-DD；默认同 date', '印发日期')),
  copies: z.optional(count()).check(about('印数，报尾显示“共印 N 份”', '印数')),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;
export const frontMatterKeys = Object.keys(frontMatterSchema.shape);
