// How a document's formats are named to people and in addresses: /debates/<slug>/letter.pdf, S-2021-442.docx.
import type { RenditionFormat } from '../db.js';

export const FORMAT_LABELS: Record<RenditionFormat, string> = {
  html: 'HTML',
  docx: 'Word (DOCX)',
  pdf: 'PDF',
  akn: 'Akoma Ntoso XML',
};

export const FILE_EXTENSIONS: Record<RenditionFormat, string> = { html: 'html', docx: 'docx', pdf: 'pdf', akn: 'xml' };

const FORMAT_OF_EXTENSION = new Map(Object.entries(FILE_EXTENSIONS).map(([format, ext]) => [ext, format as RenditionFormat]));

/** The format an address's extension names, or undefined. */
export function formatOfExtension(ext: string): RenditionFormat | undefined {
  return FORMAT_OF_EXTENSION.get(ext);
}

/** The download's file name: the symbol with its slashes as hyphens (S-2021-442.pdf), or the debate's address for a draft. */
export function downloadName(symbol: string | null, slug: string, format: RenditionFormat): string {
  const base = symbol ? symbol.replace(/\//g, '-') : `${slug}-letter-draft`;
  return `${base}.${FILE_EXTENSIONS[format]}`;
}
