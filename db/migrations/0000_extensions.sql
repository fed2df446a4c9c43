-- Accent-insensitive and fuzzy search on both PGlite and a PostgreSQL server.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
