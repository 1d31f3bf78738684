import { z } from 'zod';
import { isCalendarDate } from './dates.js';

/**
 * The one schema of a source's front matter (the contract's table).
 * Descriptions here generate docs/front-matter.md (`npm run docs`).
 */
const calendarDate = z
  .string()
  .refine(isCalendarDate, { message: 'date' });

const distributionValue = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const frontMatterSchema = z
  .strictObject({
    issue: z.int().min(1).meta({ description: '期号，显示为“第 64 期”', title: '期号' }),
    total: z.int().min(1).meta({ description: '总期号，不小于 issue，显示为“总第 230 期”', title: '总期号' }),
    date: calendarDate.meta({ description: '编发日期，YYYY-MM-DD，显示在报头下', title: '编发日期' }),
    series: z
      .strictObject({
        name: z.string().min(1).meta({ description: '专刊名称，如“省安全生产专项整治三年行动专刊”' }),
        number: z.int().min(1).meta({ description: '专刊期号，显示为“（108）”' }),
      })
      .optional()
      .meta({ description: '专刊：name 与 number 须同时给出', title: '专刊' }),
    title: z.string().min(1).optional().meta({ description: '报头名称；默认取配置（江西应急管理简报）', title: '报头' }),
    publisher: z.string().min(1).optional().meta({ description: '编发单位；默认取配置', title: '编发单位' }),
    marker: z.string().optional().meta({ description: '左上角标识（如“注意保存”）；默认取配置；"" 表示不显示', title: '标识' }),
    distribution: z
      .record(z.string().min(1), distributionValue)
      .optional()
      .meta({ description: '报尾各行，按顺序：标签 → 文字或文字列表（列表以“，”连接，行末补“。”）；默认取配置', title: '报尾' }),
    printed: calendarDate.optional().meta({ description: '印发日期，YYYY-MM-DD；默认同 date', title: '印发日期' }),
    copies: z.int().min(1).optional().meta({ description: '印数，报尾显示“共印 N 份”', title: '印数' }),
  });
export type FrontMatter = z.infer<typeof frontMatterSchema>;
export const frontMatterKeys = Object.keys(frontMatterSchema.shape);
