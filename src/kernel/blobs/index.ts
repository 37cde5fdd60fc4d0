// Content-addressed file store: files are named by the SHA-256 of their bytes.
export { getBlob, hasBlob, putBlob, putBlobs, type StoredBlob } from './blob-store.js';
