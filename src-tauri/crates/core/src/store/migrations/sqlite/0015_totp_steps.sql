-- The time step of the last TOTP code accepted (see
-- postgres/V15__totp_steps.sql); the desktop has no accounts, but both
-- engines keep one schema, and audit the new column as PostgreSQL does
-- (its trigger names every changed column).
ALTER TABLE account ADD COLUMN totp_last_step INTEGER;

DROP TRIGGER audit_account_update;
CREATE TRIGGER audit_account_update AFTER UPDATE ON account
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'account', NEW.id, changed
    FROM (SELECT ltrim(
        CASE WHEN OLD.id IS NOT NEW.id THEN ' id' ELSE '' END ||
        CASE WHEN OLD.username IS NOT NEW.username THEN ' username' ELSE '' END ||
        CASE WHEN OLD.display_name IS NOT NEW.display_name THEN ' display_name' ELSE '' END ||
        CASE WHEN OLD.role IS NOT NEW.role THEN ' role' ELSE '' END ||
        CASE WHEN OLD.agency_id IS NOT NEW.agency_id THEN ' agency_id' ELSE '' END ||
        CASE WHEN OLD.password_hash IS NOT NEW.password_hash THEN ' password_hash' ELSE '' END ||
        CASE WHEN OLD.must_change_password IS NOT NEW.must_change_password THEN ' must_change_password' ELSE '' END ||
        CASE WHEN OLD.totp_secret IS NOT NEW.totp_secret THEN ' totp_secret' ELSE '' END ||
        CASE WHEN OLD.disabled_at IS NOT NEW.disabled_at THEN ' disabled_at' ELSE '' END ||
        CASE WHEN OLD.created_at IS NOT NEW.created_at THEN ' created_at' ELSE '' END ||
        CASE WHEN OLD.updated_at IS NOT NEW.updated_at THEN ' updated_at' ELSE '' END ||
        CASE WHEN OLD.totp_last_step IS NOT NEW.totp_last_step THEN ' totp_last_step' ELSE '' END) AS changed)
    WHERE changed <> '';
END;
