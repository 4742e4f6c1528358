-- A TOTP code may be used once (RFC 6238, section 5.2): the time step of
-- the last code accepted for an account is kept, and a code from that step
-- or an earlier one is refused.
ALTER TABLE account ADD COLUMN totp_last_step bigint;
