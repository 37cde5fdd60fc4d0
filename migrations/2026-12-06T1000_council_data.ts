// Frozen: never edit after it lands, never import application code. Later changes are new files.
// The Security Council's membership and monthly presidencies move from the code into the database, where the
// Secretariat adds each new year. Seats are kept as terms (a permanent seat has no end); presidencies one a month.
// The rows are filled at start from the reference file that ships with the release (source 'reference'), for the
// years the database does not have yet; the Secretariat's rows say who recorded them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE meetings.council_terms (
      iso3        text NOT NULL CHECK (iso3 ~ '^[A-Z]{3}$'),
      starts_on   date NOT NULL,
      ends_on     date,
      source      text NOT NULL CHECK (source IN ('reference', 'secretariat')),
      recorded_at timestamptz NOT NULL,
      recorded_by uuid REFERENCES identity.accounts (id),
      PRIMARY KEY (iso3, starts_on),
      CONSTRAINT council_terms_order CHECK (ends_on IS NULL OR ends_on >= starts_on)
    );
    COMMENT ON TABLE meetings.council_terms IS 'seats on the Security Council: an elected member''s term, or a permanent seat (ends_on null)';

    CREATE TABLE meetings.council_presidencies (
      month       text PRIMARY KEY CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      iso3        text NOT NULL CHECK (iso3 ~ '^[A-Z]{3}$'),
      source      text NOT NULL CHECK (source IN ('reference', 'secretariat')),
      recorded_at timestamptz NOT NULL,
      recorded_by uuid REFERENCES identity.accounts (id)
    );
    COMMENT ON TABLE meetings.council_presidencies IS 'the member presiding the Security Council each month (YYYY-MM)';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE meetings.council_presidencies;
    DROP TABLE meetings.council_terms;
  `.execute(db);
}
