/**
 * An ICC v2 display profile of sRGB (IEC 61966-2-1), made from its numbers rather than shipped
 * as a file: the D50-adapted primaries (Bradford), D50 white, and the sRGB transfer curve
 * sampled at 1024 points. The bytes are always the same (its date is the standard's year), so a
 * PDF/A that carries it stays reproducible. 2.5 KB.
 */
const enc = (s: string) => Buffer.from(s, 'latin1');
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
/** s15Fixed16Number. */
const s15 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(Math.round(v * 65536));
  return b;
};
const xyz = (x: number, y: number, z: number) => Buffer.concat([enc('XYZ '), u32(0), s15(x), s15(y), s15(z)]);

/** textDescriptionType (ICC v2 'desc'): ASCII, no Unicode or ScriptCode part. */
function desc(text: string): Buffer {
  return Buffer.concat([enc('desc'), u32(0), u32(text.length + 1), enc(`${text}\0`), u32(0), u32(0), u16(0), Buffer.alloc(1), Buffer.alloc(67)]);
}

/** The sRGB electro-optical transfer function, sampled. */
function trc(points = 1024): Buffer {
  const values = Array.from({ length: points }, (_, i) => {
    const v = i / (points - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return u16(Math.round(linear * 65535));
  });
  return Buffer.concat([enc('curv'), u32(0), u32(points), ...values]);
}

const pad4 = (b: Buffer) => (b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b);

let made: Buffer | undefined;

export const SRGB_IDENTIFIER = 'sRGB IEC61966-2.1';

export function srgbProfile(): Buffer {
  if (made) return made;
  const curve = pad4(trc());
  const data: Array<[string, Buffer]> = [
    ['desc', pad4(desc(SRGB_IDENTIFIER))],
    ['cprt', pad4(Buffer.concat([enc('text'), u32(0), enc('No copyright, use freely\0')]))],
    ['wtpt', xyz(0.9642, 1.0, 0.8249)],
    ['rXYZ', xyz(0.4360747, 0.2225045, 0.0139322)],
    ['gXYZ', xyz(0.3850649, 0.7168786, 0.0971045)],
    ['bXYZ', xyz(0.1430804, 0.0606169, 0.7141733)],
    ['rTRC', curve],
  ];
  // gTRC and bTRC share rTRC's data.
  const count = data.length + 2;
  let offset = 128 + 4 + count * 12;
  const table: Buffer[] = [u32(count)];
  const bodies: Buffer[] = [];
  let curveAt = 0;
  for (const [sig, body] of data) {
    table.push(enc(sig), u32(offset), u32(body.length));
    if (sig === 'rTRC') curveAt = offset;
    bodies.push(body);
    offset += body.length;
  }
  for (const sig of ['gTRC', 'bTRC']) table.push(enc(sig), u32(curveAt), u32(curve.length));
  const size = offset;
  const header = Buffer.concat([
    u32(size),
    u32(0), // preferred CMM
    u32(0x02100000), // version 2.1
    enc('mntr'),
    enc('RGB '),
    enc('XYZ '),
    Buffer.from([0x07, 0xcf, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]), // 1999-01-01 00:00:00
    enc('acsp'),
    u32(0), // platform
    u32(0), // flags
    u32(0), // manufacturer
    u32(0), // model
    Buffer.alloc(8), // attributes
    u32(0), // rendering intent: perceptual
    s15(0.9642),
    s15(1.0),
    s15(0.8249), // PCS illuminant D50
    u32(0), // creator
    Buffer.alloc(16), // profile ID (none in v2)
    Buffer.alloc(28), // reserved
  ]);
  made = Buffer.concat([header, ...table, ...bodies]);
  if (made.length !== size || header.length !== 128) throw new Error('sRGB profile: wrong size');
  return made;
}
