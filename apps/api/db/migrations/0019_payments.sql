-- Placeholder, filled in by the migration's own change.
SELECT 1;
