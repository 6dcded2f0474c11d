CREATE TABLE IF NOT EXISTS "dos_document" (
	"dossier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dos_document_pk" PRIMARY KEY("dossier_id","kind")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "dos_document_counter" (
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "dos_document_counter_pk" PRIMARY KEY("agency_id","year","kind")
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "dos_document_series_unique" ON "dos_document" USING btree ("agency_id","year","kind","seq");