-- Issue 17 item 1: fee schedules (biểu phí, lệ phí) per procedure and agency, versioned; a
-- version once written is never changed (a dossier is charged by the one in force when filed).
CREATE TABLE IF NOT EXISTS "fee_schedule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_code" text NOT NULL,
	"agency_id" uuid,
	"agency_eid" text,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"items" jsonb NOT NULL,
	"exemptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"online_reduction" jsonb,
	"legal_basis" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"beneficiary" jsonb,
	"treasury" jsonb,
	"receipt_series" text,
	"note" text DEFAULT '' NOT NULL,
	"content_hash" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	CONSTRAINT "fee_schedule_source_known" CHECK ("source" IN ('catalogue', 'curated', 'admin')),
	CONSTRAINT "fee_schedule_period" CHECK ("effective_to" IS NULL OR "effective_from" <= "effective_to"),
	CONSTRAINT "fee_schedule_version_positive" CHECK ("version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "fee_schedule_version_unique" ON "fee_schedule" USING btree ("procedure_code", coalesce("agency_id", '00000000-0000-0000-0000-000000000000'::uuid), "version");
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "fee_schedule_idempotency_unique" ON "fee_schedule" USING btree ("idempotency_key");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "fee_schedule_lookup_idx" ON "fee_schedule" USING btree ("procedure_code", "agency_id", "effective_from");
--> statement-breakpoint
-- A version is evidence of what a dossier was charged: refused UPDATE, DELETE and TRUNCATE for
-- every role, like the logs of 0011 (the same function).
CREATE OR REPLACE TRIGGER "fee_schedule_append_only" BEFORE UPDATE OR DELETE ON "fee_schedule"
  FOR EACH ROW EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "fee_schedule_no_truncate" BEFORE TRUNCATE ON "fee_schedule"
  FOR EACH STATEMENT EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "fee_catalogue_import" (
	"procedure_code" text PRIMARY KEY NOT NULL,
	"catalogue_version" integer NOT NULL,
	"name" text NOT NULL,
	"field" text DEFAULT '' NOT NULL,
	"usable" boolean NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"raw" text DEFAULT '' NOT NULL,
	"schedule_id" uuid REFERENCES "fee_schedule"("id"),
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "fee_catalogue_import_usable_idx" ON "fee_catalogue_import" USING btree ("usable", "procedure_code");
