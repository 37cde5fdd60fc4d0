// What poppler's pdfinfo says of a PDF (Debian's poppler-utils), and the language its catalog declares (/Lang), for the
// tests of the PDF export: tagged, with the document's title and language.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Whether pdfinfo is installed. */
export const hasPdfinfo = !spawnSync('pdfinfo', ['-v'], { stdio: 'ignore' }).error;

export interface PdfFacts {
  /** pdfinfo's "Name: value" lines (Title, Tagged, Pages ...). */
  info: Record<string, string>;
  /** The XMP metadata stream (pdfinfo -meta). */
  meta: string;
  /** The document catalog's /Lang, read from the file's bytes (LibreOffice writes the catalog uncompressed). */
  lang: string | undefined;
}

export async function pdfFacts(pdf: Uint8Array): Promise<PdfFacts> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rostrum-pdfinfo-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const info: Record<string, string> = {};
    for (const line of execFileSync('pdfinfo', [file], { encoding: 'utf8' }).split('\n')) {
      const at = line.indexOf(':');
      if (at > 0) info[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    const meta = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
    const text = Buffer.from(pdf).toString('latin1');
    const catalog = /\/Type\s*\/Catalog\b[\s\S]*?endobj/.exec(text)?.[0] ?? '';
    const lang = /\/Lang\s*\(([^)]*)\)/.exec(catalog)?.[1];
    return { info, meta, lang };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
