/** Moved to the database platform (issue 11: SQL lives in stores and src/platform/db/); kept for importers. */
export { base64Of, byteaValue, fromBase64 } from '../db/sql-bytes.ts';
