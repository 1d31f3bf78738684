// A module-resolution hook for the start-up test: appends every resolved URL to the file named
// by BULLETIN_LOADLOG, so a test can see which packages a command really loaded.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.BULLETIN_LOADLOG) appendFileSync(process.env.BULLETIN_LOADLOG, `${result.url}\n`);
  return result;
}
