CREATE TABLE "dos_action" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"actor" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dos_code_counter" (
	"electronic_id" text NOT NULL,
	"day" text NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "dos_code_counter_pk" PRIMARY KEY("electronic_id","day")
);
--> statement-breakpoint
CREATE TABLE "dos_dossier" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_version" integer NOT NULL,
	"channel" text NOT NULL,
	"postal_ref" text,
	"status" text NOT NULL,
	"status_code" integer NOT NULL,
	"receiving_agency_id" uuid NOT NULL,
	"competent_agency_id" uuid,
	"applicant" jsonb NOT NULL,
	"applicant_account_id" uuid,
	"form_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"clock" jsonb,
	"supplement_requests" integer DEFAULT 0 NOT NULL,
	"extended" boolean DEFAULT false NOT NULL,
	"step" text,
	"actions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dos_dossier_channel_known" CHECK ("dos_dossier"."channel" IN ('direct', 'online', 'postal')),
	CONSTRAINT "dos_dossier_status_code_range" CHECK ("dos_dossier"."status_code" BETWEEN 1 AND 10)
);
--> statement-breakpoint
ALTER TABLE "dos_action" ADD CONSTRAINT "dos_action_dossier_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dos_dossier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dos_action_dossier_seq_unique" ON "dos_action" USING btree ("dossier_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "dos_action_idempotency_unique" ON "dos_action" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dos_dossier_code_unique" ON "dos_dossier" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dos_dossier_queue_idx" ON "dos_dossier" USING btree ("receiving_agency_id","status_code","due_at");--> statement-breakpoint
CREATE INDEX "dos_dossier_competent_idx" ON "dos_dossier" USING btree ("competent_agency_id","status_code","due_at");--> statement-breakpoint
CREATE INDEX "dos_dossier_applicant_idx" ON "dos_dossier" USING btree ("applicant_account_id","procedure_code");--> statement-breakpoint
CREATE INDEX "dos_dossier_applicant_id_number_idx" ON "dos_dossier" USING btree (("applicant"->>'idNumber'),"procedure_code");--> statement-breakpoint
CREATE INDEX "dos_dossier_procedure_idx" ON "dos_dossier" USING btree ("procedure_code","filed_at");--> statement-breakpoint
COMMENT ON TABLE "dos_dossier" IS 'Dossiers (hồ sơ): current state derived from dos_action, procedure version pinned, receiving vs competent agency';--> statement-breakpoint
COMMENT ON TABLE "dos_action" IS 'Append-only action log per dossier; idempotency key unique per action';--> statement-breakpoint
COMMENT ON TABLE "dos_code_counter" IS 'Daily sequence per agency electronic ID for dossier codes (TT 03/2025 Art. 13)';
