// Frozen: never edit after it lands, never import application code. Later changes are new files.
// Missions, signatories, module access, sessions, single-use links, MFA, sign-in throttling and API tokens.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SCHEMA delegations;

    -- One mission per State or entity. Rows for the reference States and entities are kept in step with the
    -- reference data at start (source 'reference'); the Secretariat may add entities for a debate (source 'secretariat').
    CREATE TABLE delegations.missions (
      code              text PRIMARY KEY CHECK (code ~ '^([A-Z]{3}|[a-z0-9]+(-[a-z0-9]+)*)$'),
      organisation_kind text NOT NULL CHECK (organisation_kind IN ('member_state', 'observer_state', 'intergovernmental_organization', 'other_entity')),
      mission_kind      text NOT NULL CHECK (mission_kind IN ('permanent_mission', 'permanent_observer_mission', 'delegation', 'office')),
      organisation_name text NOT NULL CHECK (length(organisation_name) BETWEEN 2 AND 200),
      article           text CHECK (article IN ('the')),
      mission_name      text NOT NULL CHECK (length(mission_name) BETWEEN 2 AND 300),
      source            text NOT NULL CHECK (source IN ('reference', 'secretariat')),
      created_at        timestamptz NOT NULL
    );
    -- Accounts already pointing at an organisation get its mission now; the start-up sync names it properly.
    INSERT INTO delegations.missions (code, organisation_kind, mission_kind, organisation_name, mission_name, source, created_at)
      SELECT DISTINCT organisation, 'member_state', 'permanent_mission', organisation, organisation, 'reference', now()
      FROM identity.accounts WHERE organisation IS NOT NULL;
    ALTER TABLE identity.accounts
      ADD CONSTRAINT accounts_mission FOREIGN KEY (organisation) REFERENCES delegations.missions (code),
      ADD COLUMN password_changed_at timestamptz,
      ADD COLUMN created_by uuid REFERENCES identity.accounts (id),
      ALTER COLUMN password_hash DROP NOT NULL;
    COMMENT ON COLUMN identity.accounts.password_hash IS 'argon2id; null until an invitation is accepted';
    CREATE INDEX accounts_organisation ON identity.accounts (organisation) WHERE organisation IS NOT NULL;

    CREATE TABLE delegations.signatories (
      id          uuid PRIMARY KEY,
      mission     text NOT NULL REFERENCES delegations.missions (code),
      name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
      title       text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
      from_date   date NOT NULL,
      to_date     date,
      created_at  timestamptz NOT NULL,
      created_by  uuid REFERENCES identity.accounts (id),
      removed_at  timestamptz,
      CHECK (to_date IS NULL OR to_date >= from_date)
    );
    CREATE INDEX signatories_mission ON delegations.signatories (mission) WHERE removed_at IS NULL;

    -- Access to a module of the platform, granted by the mission's focal point; revocation keeps the row.
    CREATE TABLE identity.module_grants (
      id          uuid PRIMARY KEY,
      account_id  uuid NOT NULL REFERENCES identity.accounts (id),
      module      text NOT NULL CHECK (module IN ('statements')),
      granted_at  timestamptz NOT NULL,
      granted_by  uuid REFERENCES identity.accounts (id),
      revoked_at  timestamptz,
      revoked_by  uuid REFERENCES identity.accounts (id),
      CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
    );
    CREATE UNIQUE INDEX module_grants_current ON identity.module_grants (account_id, module) WHERE revoked_at IS NULL;

    -- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
    CREATE TABLE identity.sessions (
      id           text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
      account_id   uuid NOT NULL REFERENCES identity.accounts (id),
      stage        text NOT NULL CHECK (stage IN ('mfa', 'enrol_mfa', 'active')),
      created_at   timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at   timestamptz NOT NULL,
      ended_at     timestamptz,
      user_agent   text,
      address      text
    );
    CREATE INDEX sessions_account ON identity.sessions (account_id) WHERE ended_at IS NULL;

    -- Single-use links (invitations, password resets, sign-in links). Only the token's SHA-256 is stored.
    CREATE TABLE identity.links (
      id          text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
      account_id  uuid NOT NULL REFERENCES identity.accounts (id),
      purpose     text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
      created_at  timestamptz NOT NULL,
      created_by  uuid REFERENCES identity.accounts (id),
      expires_at  timestamptz NOT NULL,
      used_at     timestamptz,
      CHECK (expires_at > created_at)
    );
    CREATE INDEX links_account ON identity.links (account_id) WHERE used_at IS NULL;

    -- TOTP: the secret is encrypted (AES-256-GCM) with the installation's key; last_step refuses a replayed code.
    CREATE TABLE identity.mfa (
      account_id  uuid PRIMARY KEY REFERENCES identity.accounts (id),
      secret      text NOT NULL,
      confirmed_at timestamptz,
      last_step   bigint
    );
    CREATE TABLE identity.recovery_codes (
      account_id  uuid NOT NULL REFERENCES identity.accounts (id),
      code_hash   text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
      used_at     timestamptz,
      PRIMARY KEY (account_id, code_hash)
    );

    -- Failed sign-ins counted by e-mail address (existing or not, so a lockout reveals nothing) and by network address.
    CREATE TABLE identity.sign_in_throttle (
      key          text PRIMARY KEY CHECK (key ~ '^(email|address):'),
      failures     integer NOT NULL CHECK (failures >= 0),
      window_start timestamptz NOT NULL,
      locked_until timestamptz
    );

    -- Personal access tokens for the JSON API. Only the token's SHA-256 is stored.
    CREATE TABLE identity.api_tokens (
      id           uuid PRIMARY KEY,
      account_id   uuid NOT NULL REFERENCES identity.accounts (id),
      name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      scopes       text[] NOT NULL CHECK (cardinality(scopes) > 0),
      created_at   timestamptz NOT NULL,
      expires_at   timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at   timestamptz,
      CHECK (expires_at > created_at)
    );
    CREATE INDEX api_tokens_account ON identity.api_tokens (account_id);

    -- A mission's audit trail (its people and its data) is the entries whose data names it, newest first.
    CREATE INDEX audit_log_mission ON kernel.audit_log ((data->>'mission'), seq DESC) WHERE data ? 'mission';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX kernel.audit_log_mission;
    DROP TABLE identity.api_tokens, identity.sign_in_throttle, identity.recovery_codes, identity.mfa, identity.links,
      identity.sessions, identity.module_grants, delegations.signatories;
    ALTER TABLE identity.accounts DROP CONSTRAINT accounts_mission, DROP COLUMN password_changed_at,
      DROP COLUMN created_by;
    DROP SCHEMA delegations CASCADE;
  `.execute(db);
}
