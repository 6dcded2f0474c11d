-- Issue 16 item 5 (seed 004): dossiers of procedures that run on a ministry's centralized system,
-- as that system reports them, kept apart from our own dossiers (dos_*): we neither settle nor
-- change them, we look them up, monitor and count them. One row per (source, code), replaced when
-- the ministry reports a newer version (modules/ministry-ingest). Hand-written and read with SQL
-- like 0013: no drizzle-kit snapshot.
CREATE TABLE IF NOT EXISTS "min_dossier" (
	"source" text NOT NULL,
	"code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_name" text,
	"agency_code" text,
	"agency_name" text,
	"agency_id" uuid,
	"applicant_name" text,
	-- The last four digits only: the lookup's second factor, never the numbers themselves.
	"id_number_tail" text,
	"phone_tail" text,
	"status_code" integer NOT NULL,
	"channel" integer,
	"filed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"result_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"remote_changed_at" timestamp with time zone NOT NULL,
	"raw" jsonb NOT NULL,
	"first_ingested_at" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone NOT NULL,
	CONSTRAINT "min_dossier_pk" PRIMARY KEY ("source", "code"),
	CONSTRAINT "min_dossier_status_known" CHECK ("status_code" BETWEEN 1 AND 10)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "min_dossier_code_idx" ON "min_dossier" ("code");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "min_dossier_list_idx" ON "min_dossier" ("source", "status_code", "filed_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "min_dossier_agency_idx" ON "min_dossier" ("agency_id");
--> statement-breakpoint
-- Where the next pull starts, per source: after the last (NgayCapNhat, MaHoSo) stored.
CREATE TABLE IF NOT EXISTS "min_ingest_state" (
	"source" text PRIMARY KEY NOT NULL,
	"cursor_changed_at" text NOT NULL,
	"cursor_code" text NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
-- Wrong second factors on an ingested dossier's public lookup (the rule of 0013, per code).
CREATE TABLE IF NOT EXISTS "min_lookup_guard" (
	"source" text NOT NULL,
	"code" text NOT NULL,
	"failures" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	CONSTRAINT "min_lookup_guard_pk" PRIMARY KEY ("source", "code"),
	CONSTRAINT "min_lookup_guard_dossier_fk" FOREIGN KEY ("source", "code")
		REFERENCES "min_dossier" ("source", "code") ON DELETE cascade
);
