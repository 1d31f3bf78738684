// The faces bulletin prints each role with, under the official name the Word edition asks for.
import { resolveFonts } from '../../src/fonts/fonts.js';
import { defaultConfig } from '../../src/config/schema.js';
import { OFFICIAL, type Role } from '../../src/pipeline/docx/kit.js';

export async function officeFaces(root = process.cwd()): Promise<Array<{ official: string; family: string; file: string }>> {
  const fontkit = await import('fontkit').then((m) => ((m as { default?: typeof import('fontkit') }).default ?? m) as typeof import('fontkit'));
  const config = defaultConfig;
  return resolveFonts(config, root).flatMap((font) => {
    if (!font.print) return [];
    const face = fontkit.openSync(font.print) as unknown as { familyName: string };
    return [{ official: OFFICIAL[font.role as Role].name, family: face.familyName, file: font.print }];
  });
}
