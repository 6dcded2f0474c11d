CREATE TABLE IF NOT EXISTS "sync_reconciliation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"agency_id" uuid,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"dossiers" integer DEFAULT 0 NOT NULL,
	"target_errors" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "sync_reconciliation_period" CHECK ("period_from" <= "period_to")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "sync_mismatch" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reconciliation_id" uuid NOT NULL REFERENCES "sync_reconciliation"("id"),
	"target" text NOT NULL,
	"code" text NOT NULL,
	"dossier_id" uuid,
	"kind" text NOT NULL,
	"ours" jsonb,
	"theirs" jsonb,
	"resent_at" timestamp with time zone,
	CONSTRAINT "sync_mismatch_kind_known" CHECK ("kind" IN ('missing_there', 'missing_here', 'status_differs', 'procedure_differs', 'dates_differ'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sync_mismatch_run_idx" ON "sync_mismatch" USING btree ("reconciliation_id","kind","code");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "sync_incident" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"arose_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"code" text NOT NULL,
	"dossier_id" uuid,
	"procedure_code" text,
	"agency_id" uuid,
	"agency_name" text,
	"our_status" integer,
	"portal_status" integer,
	"portal_message" text NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reconciliation_id" uuid,
	CONSTRAINT "sync_incident_source_known" CHECK ("source" IN ('dead_letter', 'payload', 'reconciliation'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "sync_incident_daily_unique" ON "sync_incident" USING btree ("day","target","code","kind");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sync_incident_agency_idx" ON "sync_incident" USING btree ("agency_id","day");
