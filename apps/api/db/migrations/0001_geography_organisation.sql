CREATE TABLE "geo_dataset" (
	"id" text PRIMARY KEY NOT NULL,
	"checksum" text NOT NULL,
	"counts" jsonb NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "geo_reference_check" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"findings" jsonb,
	CONSTRAINT "geo_reference_check_status_known" CHECK ("geo_reference_check"."status" IN ('requested', 'passed', 'failed')),
	CONSTRAINT "geo_reference_check_trigger_known" CHECK ("geo_reference_check"."trigger" IN ('schedule', 'request'))
);
--> statement-breakpoint
CREATE TABLE "geo_succession" (
	"from_snapshot" text NOT NULL,
	"from_code" text NOT NULL,
	"to_snapshot" text NOT NULL,
	"to_code" text NOT NULL,
	"coverage" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "geo_succession_pk" PRIMARY KEY("from_snapshot","from_code","to_snapshot","to_code"),
	CONSTRAINT "geo_succession_coverage_known" CHECK ("geo_succession"."coverage" IN ('full', 'partial'))
);
--> statement-breakpoint
CREATE TABLE "geo_unit" (
	"snapshot" text NOT NULL,
	"level" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"type" text NOT NULL,
	"type_label" text NOT NULL,
	"province_code" text NOT NULL,
	"district_code" text,
	"district_name" text,
	"sort_order" integer NOT NULL,
	CONSTRAINT "geo_unit_pk" PRIMARY KEY("snapshot","level","code"),
	CONSTRAINT "geo_unit_snapshot_known" CHECK ("geo_unit"."snapshot" IN ('current', '2025-07-01', 'pre-2025')),
	CONSTRAINT "geo_unit_level_known" CHECK ("geo_unit"."level" IN ('province', 'district', 'commune'))
);
--> statement-breakpoint
CREATE TABLE "org_agency" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"electronic_id" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"province_code" text NOT NULL,
	"admin_unit_code" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_agency_kind_known" CHECK ("org_agency"."kind" IN ('people_committee', 'committee_office', 'service_centre', 'service_centre_branch', 'department', 'police', 'commune_committee', 'commune_service_centre'))
);
--> statement-breakpoint
ALTER TABLE "org_agency" ADD CONSTRAINT "org_agency_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "geo_succession_to_idx" ON "geo_succession" USING btree ("to_snapshot","to_code");--> statement-breakpoint
CREATE INDEX "geo_unit_province_idx" ON "geo_unit" USING btree ("snapshot","level","province_code","sort_order");--> statement-breakpoint
CREATE INDEX "geo_unit_full_name_trgm_idx" ON "geo_unit" USING gin (f_unaccent(lower("full_name")) gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "org_agency_electronic_id_unique" ON "org_agency" USING btree ("electronic_id");--> statement-breakpoint
CREATE INDEX "org_agency_kind_idx" ON "org_agency" USING btree ("province_code","kind","sort_order");--> statement-breakpoint
CREATE INDEX "org_agency_name_trgm_idx" ON "org_agency" USING gin (f_unaccent(lower("name")) gin_trgm_ops);--> statement-breakpoint
COMMENT ON TABLE "geo_unit" IS 'geography: administrative units per snapshot (current, 2025-07-01, pre-2025), vendored from data/admin-units';--> statement-breakpoint
COMMENT ON TABLE "geo_succession" IS 'geography: old unit -> successor unit(s) across snapshots, with full/partial coverage';--> statement-breakpoint
COMMENT ON TABLE "geo_dataset" IS 'geography: checksum of the loaded reference files, so start-up reloads only on change';--> statement-breakpoint
COMMENT ON TABLE "geo_reference_check" IS 'geography: runs of the reference-data check job (nightly or requested)';--> statement-breakpoint
COMMENT ON TABLE "org_agency" IS 'organisation: agencies of the deployed province with their electronic ID (QD 20/2020/QD-TTg)';
