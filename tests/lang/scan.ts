/**
 * The language scan: what the CLI prints in one language must not speak the other. In English no
 * Han character outside what the user wrote (their files, their arguments) or quotes of Chinese
 * text to type; in Chinese no English sentence (product names, paths, options, rule ids, file
 * names and the user's own text aside).
 */

const HAN = /\p{Script=Han}+/gu;

/** Literal Chinese text an English message may quote: “…”, "…", 「…」 and the 【…】 marks. */
const QUOTED = /“[^”]*”|"[^"\n]*"|「[^」]*」|【[^】]*】|‘[^’]*’/gu;

/** Han runs in English text that are neither quoted nor in the user's own text. */
export function strayHan(text: string, userText = ''): string[] {
  const bare = text.replace(QUOTED, ' ');
  return [...bare.matchAll(HAN)].map((m) => m[0]).filter((run) => !userText.includes(run));
}

/** Words that only an English sentence has: one of them in Chinese output is untranslated English. */
const ENGLISH = new Set(
  'the an is are was were be been you your did mean allowed choices argument arguments missing unknown option options command commands expected got too many not specified required invalid usage default display for of with and or to from this that these those cannot can could none folder folders found built failed running shows shown checked done see uses used when which what where there here it its'.split(' '),
);

/** English words in Chinese text, once paths, options, code, rule ids, placeholders and the user's text are set aside. */
export function strayEnglish(text: string, userText = ''): string[] {
  const bare = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/<[^>\n]*>/g, ' ')
    .replace(/\[[a-z.]+\]/g, ' ')
    .replace(/(?:^|\s)--?[A-Za-z][\w-]*(?:[ =][a-z0-9,/-]+)?/g, ' ')
    .replace(/[\w.@~-]*[/\\][^\s，。；：、（）]*/g, ' ')
    .replace(/\b[\w-]+\.[a-z0-9]{1,5}\b/gi, ' ')
    .replace(/\b[a-z]+(?:-[a-z0-9]+)+\b/g, ' ')
    .replace(/'[^'\n]*'/g, ' ');
  const words = [...bare.matchAll(/[A-Za-z]+/g)].map((m) => m[0]);
  return words.filter((w) => ENGLISH.has(w.toLowerCase()) && !new RegExp(`\\b${w}\\b`).test(userText));
}
