-- Accent-insensitive Vietnamese search: unaccent + trigram indexes.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change), so it cannot back an index.
-- This wrapper pins the dictionary and is declared IMMUTABLE; "đ" is not a combining
-- accent, so it is folded explicitly.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN translate(public.unaccent('public.unaccent'::regdictionary, $1), 'đĐ', 'dD');
--> statement-breakpoint
COMMENT ON FUNCTION f_unaccent(text) IS 'IMMUTABLE unaccent for expression indexes (Vietnamese search)';
