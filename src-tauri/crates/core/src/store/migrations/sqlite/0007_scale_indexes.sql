-- Indexes found missing by the scale benchmark (a ten-year borough):
-- a meeting's review of earlier actions looks for reports made between
-- meetings in a date window; without this it read every report.
-- A shipped migration is never edited: add a new file instead.

CREATE INDEX action_update_reported_on ON action_update (reported_on);
