-- The SafeLives quarterly return (issue 20), as postgres/V25__panel_population.sql:
-- the number of women aged 16 and over in the panel's area, entered by the
-- coordinator (e.g. from the ONS mid-year estimate), so the return can give
-- cases per 10,000 of them. One figure per panel, audited when changed.
CREATE TABLE panel_population (
    panel_id       TEXT PRIMARY KEY REFERENCES panel (id) ON DELETE CASCADE,
    women_16_plus  INTEGER NOT NULL CHECK (women_16_plus > 0),
    source         TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_panel_population_insert AFTER INSERT ON panel_population
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'create', 'panel_population', NEW.panel_id);
END;
CREATE TRIGGER audit_panel_population_update AFTER UPDATE ON panel_population
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'update', 'panel_population', NEW.panel_id,
            'women_16_plus source updated_at updated_by');
END;
CREATE TRIGGER audit_panel_population_delete AFTER DELETE ON panel_population
BEGIN
    INSERT INTO audit_log (at, action, entity, entity_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'delete', 'panel_population', OLD.panel_id);
END;
