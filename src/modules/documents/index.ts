// The documents module's public surface: the registry of document symbols (S/2021/90, S/PRST/2021/11, /Corr.1),
// generations and their renditions, and a statement's content as a fragment of a page.
export {
  issueSymbol,
  issueDerivedSymbol,
  registerExistingSymbol,
  assignOriginalSymbol,
  type SymbolChoice,
  type IssueSymbolInput,
  type IssueDerivedSymbolInput,
  type RegisterExistingSymbolInput,
  type IssuedSymbol,
} from './commands/issue-symbol.js';
export {
  parseSymbol,
  formatSymbol,
  nextSuffix,
  parentOf,
  SERIES,
  SUFFIX_KINDS,
  SYMBOL_PURPOSES,
  SYMBOL_ASSIGNMENTS,
  enteredSymbolProblem,
  type SymbolAssignment,
  type DocumentSymbol,
  type Series,
  type Suffix,
  type SuffixKind,
  type SymbolPurpose,
} from './domain/symbols.js';
export { findSymbol, lastNumber, listSymbols, symbolsOfSubject, type SymbolRow, type SymbolNumberer } from './db.js';
export { requestGeneration, modelSha256, RENDITION_FORMATS } from './commands/request-generation.js';
export { retryGeneration } from './commands/retry-generation.js';
export { renderDocumentJob, convertPdfJob, MEDIA_TYPES, type PdfJobOptions } from './jobs/render-jobs.js';
export { PdfConverter, type PdfConverterOptions } from './render/office.js';
export {
  findGeneration,
  findRendition,
  generationsOf,
  latestGeneration,
  type DocumentKind,
  type GenerationRow,
  type GenerationWithRenditions,
  type RenditionFormat,
  type RenditionRow,
  type RenditionStatus,
} from './db.js';
export {
  blockSchema,
  formatIsoDate,
  documentModelSchema,
  documentPictures,
  documentText,
  toRoman,
  toLetterLabel,
  type Attachment,
  type Block,
  type ContentBlock,
  type DocumentModel,
  type RenderResources,
} from './domain/document-model.js';
export { downloadName, FILE_EXTENSIONS, FORMAT_LABELS, formatOfExtension } from './domain/rendition-files.js';
export { documentHtml, type DocumentHtmlOptions } from './render/html/letter.js';
export { statementContentHtml, statementContentPictures, type StatementFragmentOptions } from './render/html/content.js';
export { DOCUMENT_CSP } from './render/html/style.js';
export { sendRendition } from './web/send-rendition.js';
export {
  confirmBox,
  messageOf,
  requireConfirmation,
  statusOf,
  symbolChoiceOf,
  symbolPart,
  SYMBOL_FIELD_ERRORS,
  type SymbolPart,
} from './web/issue-confirmation.js';
export { anyPending, refreshWhilePending, RENDITION_STATES } from './web/progress.js';
