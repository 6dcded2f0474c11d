CREATE TABLE "cal_change" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"year" integer NOT NULL,
	"date" date,
	"before" jsonb,
	"after" jsonb,
	"recompute_status" text NOT NULL,
	"recomputed_count" integer,
	"recomputed_at" timestamp with time zone,
	CONSTRAINT "cal_change_action_known" CHECK ("cal_change"."action" IN ('seed', 'project', 'upsert', 'delete', 'confirm')),
	CONSTRAINT "cal_change_recompute_status_known" CHECK ("cal_change"."recompute_status" IN ('pending', 'done', 'not_needed'))
);
--> statement-breakpoint
CREATE TABLE "cal_day" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"paired_date" date,
	"source" text NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "cal_day_kind_known" CHECK ("cal_day"."kind" IN ('holiday', 'compensatory', 'swap_day_off', 'local_closure', 'makeup_workday')),
	CONSTRAINT "cal_day_status_known" CHECK ("cal_day"."status" IN ('confirmed', 'draft')),
	CONSTRAINT "cal_day_source_known" CHECK ("cal_day"."source" IN ('dataset', 'projection', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "cal_year" (
	"year" integer PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"checksum" text,
	"filled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cal_year_origin_known" CHECK ("cal_year"."origin" IN ('dataset', 'projection'))
);
--> statement-breakpoint
CREATE INDEX "cal_change_year_idx" ON "cal_change" USING btree ("year","at");--> statement-breakpoint
COMMENT ON TABLE "cal_day" IS 'calendar: dates that differ from the Mon-Fri working week (holidays, compensatory/swapped days off, local closures, make-up working Saturdays); draft rows are projected and await confirmation';--> statement-breakpoint
COMMENT ON TABLE "cal_year" IS 'calendar: years filled from data/calendar or projected from the Labour Code rules, so start-up seeding is idempotent';--> statement-breakpoint
COMMENT ON TABLE "cal_change" IS 'calendar: log of every calendar change (who/when/what) and the deadline recompute it triggered';
