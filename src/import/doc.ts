/**
 * `bulletin import file.doc`: the text of a Word 97-2003 file, read with word-extractor: one
 * paragraph a line, a table's cells parted by tabs, each row a line. Quotes and dashes are kept
 * as typed (word-extractor folds them to ASCII unless told not to).
 */
export async function docText(bytes: Uint8Array): Promise<string> {
  const { default: WordExtractor } = await import('word-extractor');
  const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // A table row ends with a tab: the cells stay apart, the row is one line.
  return document
    .getBody({ filterUnicode: false })
    .split('\n')
    .map((line) => line.replace(/\t+$/, ''))
    .join('\n');
}
