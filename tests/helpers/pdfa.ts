// The clauses of ISO 19005-2 (PDF/A-2, level B) that apply to the files bulletin prints, checked
// on a file's objects with pdf-lib; no validator (veraPDF) can be reached here. Each returns the
// violations it finds, named by clause.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, decodePDFRawStream, type PDFObject } from '@cantoo/pdf-lib';

const text = (v: PDFObject | undefined): string | undefined => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);

/** The PDF date (D:YYYYMMDDHHmmSS[Z|±HH'mm']) as milliseconds, for comparing with XMP dates. */
function pdfDate(v: string | undefined): number | undefined {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'\d{2}'?)?/.exec(v ?? '');
  if (!m) return undefined;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(4, 6)}`;
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
}

export async function pdfaViolations(bytes: Uint8Array): Promise<string[]> {
  const out: string[] = [];
  const raw = Buffer.from(bytes).toString('latin1');
  // 6.1.2: the header, then a comment of at least four bytes above 127.
  if (!/^%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}/.test(raw)) out.push('6.1.2 header');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context } = doc;
  const look = (v: PDFObject | undefined) => (v instanceof PDFRef ? context.lookup(v) : v);
  // 6.1.3: a file identifier, no encryption.
  const trailer = context.trailerInfo;
  const id = trailer.ID;
  if (!(id instanceof PDFArray) || id.size() !== 2) out.push('6.1.3 trailer ID');
  if (trailer.Encrypt) out.push('6.1.3 encrypted');
  const catalog = doc.catalog;
  const objects = context.enumerateIndirectObjects().map(([, o]) => o);
  const dicts = objects.map((o) => (o instanceof PDFStream ? o.dict : o)).filter((o): o is PDFDict => o instanceof PDFDict);
  for (const d of dicts) {
    // 6.1.7: no external stream data, no LZW; 6.2.8: no interpolation or alternates of images.
    if (d.has(PDFName.of('F')) && d.has(PDFName.of('Length'))) out.push('6.1.7.1 external stream');
    const filter = look(d.get(PDFName.of('Filter')));
    const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
    if (filters.some((f) => f instanceof PDFName && (f.asString() === '/LZWDecode' || f.asString() === '/Crypt'))) out.push('6.1.7.2 filter');
    if (look(d.get(PDFName.of('Interpolate')))?.toString() === 'true') out.push('6.2.8 Interpolate');
    if (d.has(PDFName.of('Alternates')) || d.has(PDFName.of('OPI'))) out.push('6.2.8 alternates');
    // 6.2.10: standard blend modes only.
    const bm = look(d.get(PDFName.of('BM')));
    if (bm instanceof PDFName && !['/Normal', '/Compatible', '/Multiply', '/Screen', '/Overlay', '/Darken', '/Lighten', '/ColorDodge', '/ColorBurn', '/HardLight', '/SoftLight', '/Difference', '/Exclusion', '/Hue', '/Saturation', '/Color', '/Luminosity'].includes(bm.asString())) out.push('6.2.10 blend mode');
    const type = d.get(PDFName.of('Type'))?.toString();
    const subtype = d.get(PDFName.of('Subtype'))?.toString();
    // 6.2.11.4.1: every font's program embedded; 6.2.11.3.2: a CIDToGIDMap for TrueType CID fonts; ToUnicode (6.2.11.7) asked by the issue.
    if (type === '/Font' && subtype !== '/Type0') {
      const descriptor = look(d.get(PDFName.of('FontDescriptor')));
      const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
      if (subtype !== '/Type3' && !embedded) out.push(`6.2.11.4.1 font not embedded ${d.get(PDFName.of('BaseFont'))?.toString()}`);
      if (subtype === '/CIDFontType2' && !d.has(PDFName.of('CIDToGIDMap'))) out.push('6.2.11.3.2 CIDToGIDMap');
    }
    if (type === '/Font' && subtype === '/Type0' && !d.has(PDFName.of('ToUnicode'))) out.push(`6.2.11.7 ToUnicode ${d.get(PDFName.of('BaseFont'))?.toString()}`);
    // 6.3.2: annotations printed and shown; 6.3.1: no forbidden kinds.
    if (type === '/Annot' || (subtype && ['/Link', '/Widget', '/Text', '/3D', '/Sound', '/Screen', '/Movie'].includes(subtype) && d.has(PDFName.of('Rect')))) {
      if (['/3D', '/Sound', '/Screen', '/Movie'].includes(subtype ?? '')) out.push(`6.3.1 annotation ${subtype}`);
      const f = look(d.get(PDFName.of('F')));
      const flags = f instanceof PDFNumber ? f.asNumber() : 0;
      if ((flags & 4) === 0 || (flags & (1 | 2 | 32 | 256)) !== 0) out.push('6.3.2 annotation flags');
    }
    // 6.5/6.6.1: no JavaScript, no launch actions, no additional actions.
    const s = d.get(PDFName.of('S'))?.toString();
    if (s === '/JavaScript' || s === '/Launch' || s === '/Sound' || s === '/Movie' || s === '/ResetForm' || s === '/ImportData') out.push(`6.6.1 action ${s}`);
    if (d.has(PDFName.of('AA'))) out.push('6.6.2 additional actions');
  }
  const names = look(catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict && (names.has(PDFName.of('JavaScript')) || names.has(PDFName.of('EmbeddedFiles')))) out.push('6.6.1/6.8 names');
  // 6.2.3: the output intent, GTS_PDFA1, with an ICC profile of the right kind and its N.
  const intents = look(catalog.get(PDFName.of('OutputIntents')));
  const intent = intents instanceof PDFArray ? intents.asArray().map(look).find((i) => i instanceof PDFDict && i.get(PDFName.of('S'))?.toString() === '/GTS_PDFA1') : undefined;
  if (!(intent instanceof PDFDict)) out.push('6.2.3 output intent');
  else {
    const profile = look(intent.get(PDFName.of('DestOutputProfile')));
    if (!(profile instanceof PDFRawStream)) out.push('6.2.3 profile');
    else {
      const icc = Buffer.from(decodePDFRawStream(profile).decode());
      const n = look(profile.dict.get(PDFName.of('N')));
      if (icc.readUInt32BE(0) !== icc.length || icc.toString('latin1', 36, 40) !== 'acsp') out.push('6.2.3 profile is not ICC');
      if (icc[8]! > 4) out.push('6.2.3 profile version');
      if (!['mntr', 'prtr', 'scnr', 'spac'].includes(icc.toString('latin1', 12, 16))) out.push('6.2.3 profile class');
      if (icc.toString('latin1', 16, 20) !== 'RGB ' || !(n instanceof PDFNumber) || n.asNumber() !== 3) out.push('6.2.3 profile colour space');
    }
  }
  // 6.6.2.1: XMP metadata, not filtered, identifying PDF/A-2B; 6.6.3: the same as the Info dictionary.
  const metadata = look(catalog.get(PDFName.of('Metadata')));
  if (!(metadata instanceof PDFRawStream)) out.push('6.6.2.1 metadata');
  else {
    if (metadata.dict.has(PDFName.of('Filter'))) out.push('6.6.2.1 metadata filtered');
    const xmp = Buffer.from(metadata.getContents()).toString('utf8');
    const prop = (name: string) => new RegExp(`<${name}>(?:<rdf:(?:Alt|Seq)><rdf:li[^>]*>)?([^<]*)`).exec(xmp)?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    if (prop('pdfaid:part') !== '2' || prop('pdfaid:conformance') !== 'B') out.push('6.6.4 pdfaid');
    const info = look(trailer.Info as PDFObject | undefined);
    if (info instanceof PDFDict) {
      const pairs: Array<[string, string]> = [['Title', 'dc:title'], ['Author', 'dc:creator'], ['Subject', 'dc:description'], ['Keywords', 'pdf:Keywords'], ['Creator', 'xmp:CreatorTool'], ['Producer', 'pdf:Producer']];
      for (const [key, name] of pairs) {
        const value = text(look(info.get(PDFName.of(key))));
        if (value !== undefined && value !== prop(name)) out.push(`6.6.3 ${key} ≠ ${name}`);
      }
      for (const [key, name] of [['CreationDate', 'xmp:CreateDate'], ['ModDate', 'xmp:ModifyDate']] as const) {
        const value = pdfDate(text(look(info.get(PDFName.of(key)))));
        if (value !== undefined && value !== Date.parse(prop(name) ?? '')) out.push(`6.6.3 ${key} ≠ ${name}`);
      }
    }
  }
  return out;
}
