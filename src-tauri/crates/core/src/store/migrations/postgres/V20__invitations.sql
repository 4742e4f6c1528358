-- Issue 18: an agency's representative is invited by a coordinator with a
-- one-time code (or a link holding it) that expires. Only the code's hash
-- is kept, so a copy of the database lets no one in; an invitation is used
-- once (`used_at`), and a new one withdraws those before it. Like accounts
-- and sessions, invitations are read before anyone is known, so they are
-- the server's alone and outside row-level security; changes are audited.
CREATE TABLE account_invitation (
    code_hash   text PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX account_invitation_account ON account_invitation (account_id);
CREATE TRIGGER audit_account_invitation AFTER INSERT OR UPDATE OR DELETE ON account_invitation
    FOR EACH ROW EXECUTE FUNCTION audit_row('account_id');
