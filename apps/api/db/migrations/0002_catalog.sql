CREATE TABLE "cat_import_run" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"watermark" timestamp with time zone,
	"summary" jsonb
);
--> statement-breakpoint
CREATE TABLE "cat_local_config" (
	"procedure_code" text PRIMARY KEY NOT NULL,
	"run_on" text DEFAULT 'province' NOT NULL,
	"cutover_date" date,
	"ministry_system_url" text,
	"handling_agency_id" uuid,
	"local_fee_decision" text,
	"boundary_free" boolean DEFAULT false NOT NULL,
	"online_level" text DEFAULT 'partial' NOT NULL,
	"eform" jsonb,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cat_local_config_run_on_known" CHECK ("cat_local_config"."run_on" IN ('province', 'ministry')),
	CONSTRAINT "cat_local_config_online_level_known" CHECK ("cat_local_config"."online_level" IN ('full', 'partial', 'none'))
);
--> statement-breakpoint
CREATE TABLE "cat_procedure" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"search_name" text GENERATED ALWAYS AS (f_unaccent(lower(regexp_replace("cat_procedure"."name", '^\s*thủ tục\s+', '', 'i')))) STORED,
	"field" text DEFAULT '' NOT NULL,
	"levels" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"current_version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"parse_issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"min_time_value" integer,
	"min_time_unit" text,
	"source_updated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cat_procedure_version" (
	"procedure_code" text NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"decision_no" text NOT NULL,
	"effective_date" date NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cat_procedure_version_pk" PRIMARY KEY("procedure_code","number"),
	CONSTRAINT "cat_procedure_version_source_known" CHECK ("cat_procedure_version"."source" IN ('national', 'file', 'edit'))
);
--> statement-breakpoint
ALTER TABLE "cat_local_config" ADD CONSTRAINT "cat_local_config_procedure_fk" FOREIGN KEY ("procedure_code") REFERENCES "public"."cat_procedure"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cat_procedure_version" ADD CONSTRAINT "cat_procedure_version_procedure_fk" FOREIGN KEY ("procedure_code") REFERENCES "public"."cat_procedure"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cat_local_config_run_on_idx" ON "cat_local_config" USING btree ("run_on");--> statement-breakpoint
CREATE INDEX "cat_procedure_search_trgm_idx" ON "cat_procedure" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cat_procedure_field_idx" ON "cat_procedure" USING btree ("field");--> statement-breakpoint
CREATE INDEX "cat_procedure_levels_idx" ON "cat_procedure" USING gin ("levels");--> statement-breakpoint
COMMENT ON TABLE "cat_procedure" IS 'Procedures (thủ tục hành chính) with the searchable columns of their current version';--> statement-breakpoint
COMMENT ON TABLE "cat_procedure_version" IS 'Append-only versions of each procedure; dossiers pin (procedure_code, number)';--> statement-breakpoint
COMMENT ON TABLE "cat_local_config" IS 'This province''s configuration per procedure: where it runs, cutover, agency, fees, e-form, checklist';--> statement-breakpoint
COMMENT ON TABLE "cat_import_run" IS 'Each catalogue import (national service or file) with its summary and watermark';
