// The uploads module's public surface: the checks every file received from a user goes through before anything is
// stored (type decided from the content, size and package caps, macros and active content refused, a clean copy
// made), run in a small pool of worker threads with memory and time limits, and the clean copy a download serves.
// Statements, the compilation's final files, the concept-note import and the command line use them.
export {
  DEFAULT_MAX_BYTES,
  tooLargeError,
  type CleanFile,
  type InspectionError,
  type InspectionKind,
  type InspectionResult,
  type InspectionWarning,
  type WarningCode,
} from './inspect.js';
export { closeInspectionPool, cleanCopyInWorker, inspectInWorker, readWordInWorker } from './pool.js';
export { describeActiveContent, type ActiveContent } from './pdf.js';
export { describeForStatement, detectFileType, typeName, type DetectedType } from './file-type.js';
export { servedCopy, type ServedFile } from './served-copy.js';
