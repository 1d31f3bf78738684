// markArtifacts: the painting outside marked content, and only that, is wrapped in /Artifact.
import { describe, expect, it } from 'vitest';
import { markArtifacts } from '../../src/pipeline/artifacts.js';

describe('markArtifacts', () => {
  it('wraps unmarked text objects, painted paths and XObjects where they stand; leaves marked content and clips alone', () => {
    const content = [
      'q 1 0 0 1 0 0 cm',
      '/P <</MCID 0 /Alt (a \\) b (c)) >>BDC BT /F1 12 Tf (x\\)y [z] BDC) Tj ET EMC',
      '0 0 0 rg 0 0 10 10 re f',
      'BT [(— 1 —) -3 <0012>] TJ ET',
      '/X9 Do',
      '0 0 m 1 1 l W n',
      'Q',
    ].join('\n');
    expect(markArtifacts(content)).toBe(
      [
        'q 1 0 0 1 0 0 cm',
        '/P <</MCID 0 /Alt (a \\) b (c)) >>BDC BT /F1 12 Tf (x\\)y [z] BDC) Tj ET EMC',
        // Pieces drawn one after another make one artifact.
        '0 0 0 rg /Artifact BMC\n0 0 10 10 re f\nBT [(— 1 —) -3 <0012>] TJ ET\n/X9 Do\nEMC',
        '0 0 m 1 1 l W n',
        'Q',
      ].join('\n'),
    );
  });

  it('does not join pieces across marked content or a change of graphics state level', () => {
    expect(markArtifacts('0 0 1 1 re f\nq 0 0 2 2 re f Q')).toBe('/Artifact BMC\n0 0 1 1 re f\nEMC\nq /Artifact BMC\n0 0 2 2 re f\nEMC Q');
    expect(markArtifacts('BT (a) Tj ET /P <</MCID 1>> BDC BT (b) Tj ET EMC BT (c) Tj ET')).toBe('/Artifact BMC\nBT (a) Tj ET\nEMC /P <</MCID 1>> BDC BT (b) Tj ET EMC /Artifact BMC\nBT (c) Tj ET\nEMC');
  });

  it('leaves a stream with all painting marked as it is, and refuses one with an inline image', () => {
    const tagged = '/Span <</MCID 3>> BDC 0 0 5 5 re f EMC';
    expect(markArtifacts(tagged)).toBe(tagged);
    expect(markArtifacts('BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI')).toBeUndefined();
  });
});
