// The documents module's public surface: the registry of document symbols (S/2021/90, S/PRST/2021/11, /Corr.1).
export {
  issueSymbol,
  issueDerivedSymbol,
  registerExistingSymbol,
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
  type DocumentSymbol,
  type Series,
  type Suffix,
  type SuffixKind,
  type SymbolPurpose,
} from './domain/symbols.js';
export { findSymbol, listSymbols, symbolsOfSubject, type SymbolRow } from './db.js';
