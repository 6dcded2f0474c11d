CREATE TABLE "dos_attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid,
	"draft_id" uuid,
	"component" text NOT NULL,
	"purpose" text DEFAULT 'filing' NOT NULL,
	"action_seq" integer,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"digitised" boolean DEFAULT false NOT NULL,
	"uploaded_by" jsonb NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dos_attachment_purpose_known" CHECK ("dos_attachment"."purpose" IN ('filing', 'supplement', 'result', 'other'))
);
--> statement-breakpoint
CREATE TABLE "dos_draft" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"procedure_code" text NOT NULL,
	"receiving_agency_id" uuid,
	"contact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"form_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dos_read_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"what" text NOT NULL,
	"detail" text,
	"request_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wf_process" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_code" text NOT NULL,
	"agency_id" uuid,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "wf_process_status_known" CHECK ("wf_process"."status" IN ('draft', 'published', 'retired'))
);
--> statement-breakpoint
ALTER TABLE "dos_dossier" ADD COLUMN "process_id" uuid;--> statement-breakpoint
ALTER TABLE "dos_dossier" ADD COLUMN "current_agency_id" uuid;--> statement-breakpoint
ALTER TABLE "dos_dossier" ADD COLUMN "assigned_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "dos_dossier" ADD COLUMN "assigned_account_id" uuid;--> statement-breakpoint
ALTER TABLE "dos_dossier" ADD COLUMN "step_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dos_attachment" ADD CONSTRAINT "dos_attachment_dossier_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dos_dossier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dos_attachment" ADD CONSTRAINT "dos_attachment_draft_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."dos_draft"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dos_attachment_dossier_idx" ON "dos_attachment" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dos_attachment_draft_idx" ON "dos_attachment" USING btree ("draft_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dos_draft_account_procedure_unique" ON "dos_draft" USING btree ("account_id","procedure_code");--> statement-breakpoint
CREATE INDEX "dos_read_log_dossier_idx" ON "dos_read_log" USING btree ("dossier_id","at");--> statement-breakpoint
CREATE INDEX "dos_read_log_account_idx" ON "dos_read_log" USING btree ("account_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "wf_process_version_unique" ON "wf_process" USING btree ("procedure_code",coalesce("agency_id", '00000000-0000-0000-0000-000000000000'::uuid),"version");--> statement-breakpoint
CREATE UNIQUE INDEX "wf_process_published_unique" ON "wf_process" USING btree ("procedure_code",coalesce("agency_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "wf_process"."status" = 'published';--> statement-breakpoint
CREATE INDEX "dos_dossier_open_assignee_idx" ON "dos_dossier" USING btree ("assigned_account_id","due_at") WHERE "dos_dossier"."status_code" NOT IN (3, 7, 8, 10);--> statement-breakpoint
CREATE INDEX "dos_dossier_open_unit_idx" ON "dos_dossier" USING btree ("assigned_unit_id","due_at") WHERE "dos_dossier"."status_code" NOT IN (3, 7, 8, 10);--> statement-breakpoint
CREATE INDEX "dos_dossier_open_current_idx" ON "dos_dossier" USING btree ("current_agency_id","due_at") WHERE "dos_dossier"."status_code" NOT IN (3, 7, 8, 10);