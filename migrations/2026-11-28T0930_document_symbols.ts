// Frozen: never edit after it lands, never import application code. Later changes are new files.
// The registry of document symbols: one counter per series and year, and every symbol handed out or registered.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SCHEMA documents;

    -- The last number handed out in a series and year (S/2021/...). Taking a number is one
    -- INSERT ... ON CONFLICT DO UPDATE on this row, so concurrent issues queue on its lock; a rolled-back issue
    -- rolls the counter back with it, so the sequence has no holes.
    CREATE TABLE documents.symbol_series (
      series      text NOT NULL CHECK (series ~ '^[A-Z]+(/[A-Z]+)*$'),
      year        integer NOT NULL CHECK (year BETWEEN 1994 AND 9999),
      last_number integer NOT NULL CHECK (last_number >= 0),
      PRIMARY KEY (series, year)
    );

    -- Every symbol issued by Rostrum or registered from outside it. An original (parent null) is
    -- series/year/number; a corrigendum, revision or addendum is its parent's symbol with /Corr.N, /Rev.N or /Add.N
    -- and carries its parent's series, year and number (the composite foreign key makes sure of both).
    CREATE TABLE documents.symbols (
      symbol        text PRIMARY KEY,
      series        text NOT NULL,
      year          integer NOT NULL,
      number        integer NOT NULL CHECK (number > 0),
      parent        text,
      suffix_kind   text CHECK (suffix_kind IN ('Corr', 'Rev', 'Add')),
      suffix_number integer CHECK (suffix_number > 0),
      issued_at     timestamptz NOT NULL,
      issued_by     uuid REFERENCES identity.accounts (id),
      purpose       text NOT NULL CHECK (purpose ~ '^[a-z]+(_[a-z]+)*$'),
      subject_id    text,
      FOREIGN KEY (series, year) REFERENCES documents.symbol_series (series, year),
      UNIQUE (symbol, series, year, number),
      FOREIGN KEY (parent, series, year, number) REFERENCES documents.symbols (symbol, series, year, number),
      UNIQUE (parent, suffix_kind, suffix_number),
      CHECK ((parent IS NULL AND suffix_kind IS NULL AND suffix_number IS NULL)
          OR (parent IS NOT NULL AND suffix_kind IS NOT NULL AND suffix_number IS NOT NULL)),
      CHECK (CASE WHEN parent IS NULL THEN symbol = series || '/' || year::text || '/' || number::text
                  ELSE symbol = parent || '/' || suffix_kind || '.' || suffix_number::text END)
    );
    -- Never two originals with one number, whatever the symbol text says.
    CREATE UNIQUE INDEX symbols_number ON documents.symbols (series, year, number) WHERE parent IS NULL;
    CREATE INDEX symbols_subject ON documents.symbols (subject_id) WHERE subject_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP SCHEMA documents CASCADE`.execute(db);
}
