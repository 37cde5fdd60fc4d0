// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Clean copies of the Word files received: the file without its links to outside content, personal properties,
// comments and authors' names, which is what Rostrum hands out; the file as received stays where it was, with its hash
// on the receipt. A clean copy is a blob beside the received one, with what it left out (a JSON report). Revisions,
// speakers' texts and hand-corrected finals are immutable (a trigger refuses changes), so their columns are nullable
// and filled when the row is written; rows written before have none, and their files are cleaned when they are
// handed out. A PDF has no clean copy (a PDF with active content is refused instead). Runs record whether their
// originals ZIP holds clean copies: those built before hold the files as received.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE statements.drafts
      ADD COLUMN statement_clean_sha256 text REFERENCES kernel.blobs (sha256),
      ADD COLUMN cover_clean_sha256     text REFERENCES kernel.blobs (sha256);

    ALTER TABLE statements.revisions
      ADD COLUMN statement_clean_sha256 text REFERENCES kernel.blobs (sha256),
      ADD COLUMN statement_cleaned      jsonb,
      ADD COLUMN cover_clean_sha256     text REFERENCES kernel.blobs (sha256),
      ADD COLUMN cover_cleaned          jsonb,
      ADD CONSTRAINT revisions_statement_clean CHECK ((statement_clean_sha256 IS NULL) = (statement_cleaned IS NULL) AND (statement_clean_sha256 IS NULL OR statement_sha256 IS NOT NULL)),
      ADD CONSTRAINT revisions_cover_clean CHECK ((cover_clean_sha256 IS NULL) = (cover_cleaned IS NULL) AND (cover_clean_sha256 IS NULL OR cover_type = 'docx'));

    ALTER TABLE statements.speaker_texts
      ADD COLUMN file_clean_sha256 text REFERENCES kernel.blobs (sha256),
      ADD COLUMN file_cleaned      jsonb,
      ADD CONSTRAINT speaker_texts_clean CHECK ((file_clean_sha256 IS NULL) = (file_cleaned IS NULL));

    ALTER TABLE compilation.finals
      ADD COLUMN clean_sha256 text REFERENCES kernel.blobs (sha256),
      ADD COLUMN cleaned      jsonb,
      ADD CONSTRAINT finals_clean CHECK ((clean_sha256 IS NULL) = (cleaned IS NULL) AND (clean_sha256 IS NULL OR format = 'docx'));

    ALTER TABLE compilation.runs ADD COLUMN originals_clean boolean NOT NULL DEFAULT false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE compilation.runs DROP COLUMN originals_clean;
    ALTER TABLE compilation.finals DROP CONSTRAINT finals_clean, DROP COLUMN cleaned, DROP COLUMN clean_sha256;
    ALTER TABLE statements.speaker_texts DROP CONSTRAINT speaker_texts_clean, DROP COLUMN file_cleaned, DROP COLUMN file_clean_sha256;
    ALTER TABLE statements.revisions
      DROP CONSTRAINT revisions_cover_clean,
      DROP CONSTRAINT revisions_statement_clean,
      DROP COLUMN cover_cleaned,
      DROP COLUMN cover_clean_sha256,
      DROP COLUMN statement_cleaned,
      DROP COLUMN statement_clean_sha256;
    ALTER TABLE statements.drafts DROP COLUMN cover_clean_sha256, DROP COLUMN statement_clean_sha256;
  `.execute(db);
}
