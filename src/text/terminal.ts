/**
 * Text from outside bulletin — a source's front-matter keys and headings, file names, a command
 * line read from /proc — may hold terminal control characters: an escape sequence that clears the
 * screen, sets the window title, hides what follows or moves the cursor; a bidi override that
 * shows text in another order than it is. Every message bulletin prints passes through this:
 * C0 controls but line feed and tab become `\xHH`, DEL and the C1 controls `\u00HH`, the bidi
 * controls and the line and paragraph separators `\uHHHH`, all visible and none acted on.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

function shown(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function escapeControls(text: string): string {
  return text.replace(CONTROLS, shown);
}

/**
 * JSON as bulletin prints it: JSON.stringify already writes C0 controls as \u00XX; DEL, the C1
 * controls and the bidi controls it leaves raw, and they only ever occur inside strings, where
 * `\uXXXX` means the same character.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
