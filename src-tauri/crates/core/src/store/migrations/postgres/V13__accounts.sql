-- Accounts for the Roundtable server (issue 17): who may sign in, in which
-- role, and for an agency's representative which agency. The desktop app
-- keeps its one user (app_user) and never reads these.
-- A password is kept only as its argon2id hash; a new account's one-time
-- password must be changed at first sign-in.
CREATE TABLE account (
    id                    uuid PRIMARY KEY,
    username              text NOT NULL UNIQUE,
    display_name          text NOT NULL,
    role                  text NOT NULL
        CHECK (role IN ('administrator', 'coordinator', 'chair', 'minute_taker', 'agency')),
    agency_id             uuid REFERENCES agency (id),
    password_hash         text NOT NULL,
    must_change_password  boolean NOT NULL,
    totp_secret           text,
    disabled_at           timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CHECK ((role = 'agency') = (agency_id IS NOT NULL))
);
CREATE TRIGGER audit_account AFTER INSERT OR UPDATE OR DELETE ON account
    FOR EACH ROW EXECUTE FUNCTION audit_row('id');

-- Signed-in browsers. Only a hash of the cookie's token is kept, so a copy
-- of the database signs no one in. Not audited row by row (a session's
-- last-seen time moves with every minute of use): signing in and out are
-- written to the audit log by the server, with the address.
CREATE TABLE account_session (
    token_hash    text PRIMARY KEY,
    account_id    uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    address       text NOT NULL,
    started_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);
CREATE INDEX account_session_account ON account_session (account_id);
