// The demo debate's announcement letter as a document model, for renderer tests (the benchmarks build the same one:
// both take its input from src/demo/demo-letter.ts).
import { demoLetterInput } from '../src/demo/demo-letter.js';
import type { DocumentModel } from '../src/modules/documents/index.js';
import { announcementLetter } from '../src/modules/meetings/domain/announcement-letter.js';

export function demoLetterModel(symbol: string | null = 'S/2021/442'): DocumentModel {
  return announcementLetter(demoLetterInput({ symbol }));
}
