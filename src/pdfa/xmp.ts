/**
 * The XMP metadata of a PDF/A-2b file (ISO 19005-2 §6.6): pdfaid part 2, conformance B, and the
 * document information again in its XMP properties (§6.6.3: title → dc:title, author →
 * dc:creator, subject → dc:description, keywords → pdf:Keywords, creator → xmp:CreatorTool,
 * producer → pdf:Producer, the dates → xmp:CreateDate / xmp:ModifyDate), equal to the values
 * of the Info dictionary. The packet has no padding that varies: the same issue, the same bytes.
 */
export interface XmpInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  /** ISO 8601 with its zone, as the Info dictionary's D:…Z dates. */
  date: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function xmpPacket(info: XmpInfo): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '<pdfaid:part>2</pdfaid:part>',
    '<pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${esc(info.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.subject)}</rdf:li></rdf:Alt></dc:description>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Keywords>${esc(info.keywords)}</pdf:Keywords>`,
    `<pdf:Producer>${esc(info.producer)}</pdf:Producer>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreatorTool>${esc(info.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${info.date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${info.date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${info.date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}
