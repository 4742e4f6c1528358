-- Invitations to the server's accounts (see postgres/V20__invitations.sql):
-- kept here so both engines keep one schema; the desktop app has no
-- accounts to invite.
CREATE TABLE account_invitation (
    code_hash   TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
) STRICT;
CREATE INDEX account_invitation_account ON account_invitation (account_id);

CREATE TRIGGER audit_account_invitation_insert AFTER INSERT ON account_invitation
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'account_invitation', NEW.account_id);
END;
CREATE TRIGGER audit_account_invitation_update AFTER UPDATE ON account_invitation
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'account_invitation', NEW.account_id, 'used_at');
END;
CREATE TRIGGER audit_account_invitation_delete AFTER DELETE ON account_invitation
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'account_invitation', OLD.account_id);
END;
