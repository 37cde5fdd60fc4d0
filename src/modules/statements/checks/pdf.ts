// The checks a signed cover letter in PDF gets. Its text is not extracted (a scanned letter has none, and a PDF
// parser is a large attack surface for little gain); what is checked is that the file is a whole PDF and that it is
// not encrypted, since an encrypted PDF may not open for the Secretariat or be reproduced in the compilation.
export type PdfProblem =
  | { problem: 'not_pdf' }
  | { problem: 'truncated'; detail: string }
  | { problem: 'encrypted'; detail: string };

// Readers accept junk after the end marker; Adobe's own rule is that %%EOF lies within the last 1024 bytes.
const TAIL = 1024;

export function checkPdf(bytes: Uint8Array): PdfProblem | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, 5).toString('latin1') !== '%PDF-') return { problem: 'not_pdf' };
  const tail = buffer.subarray(Math.max(0, buffer.length - TAIL));
  if (tail.indexOf('%%EOF', 0, 'latin1') < 0) {
    return { problem: 'truncated', detail: `no %%EOF in the last ${TAIL} bytes of ${buffer.length}: the file is cut short` };
  }
  const encrypt = findEncryptEntry(buffer);
  if (encrypt !== undefined) return { problem: 'encrypted', detail: `the trailer has an /Encrypt entry at byte ${encrypt}` };
  return undefined;
}

/**
 * Where the trailer (or, since PDF 1.5, the cross-reference stream's dictionary, which is never compressed) names an
 * encryption dictionary: the key /Encrypt followed by a reference ("12 0 R") or a dictionary ("<<"). The key is looked
 * for in the whole file, because an updated file has one trailer per update and a linearized one has one at its
 * start; "/EncryptMetadata" and the like are other keys and do not match.
 */
function findEncryptEntry(buffer: Buffer): number | undefined {
  for (let at = buffer.indexOf('/Encrypt', 0, 'latin1'); at >= 0; at = buffer.indexOf('/Encrypt', at + 8, 'latin1')) {
    const after = buffer.subarray(at + 8, at + 40).toString('latin1');
    if (/^\s*(\d+\s+\d+\s+R\b|<<)/.test(after)) return at;
  }
  return undefined;
}
