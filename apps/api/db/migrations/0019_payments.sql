-- Issue 17: payments through the national payment platform (domain.md §4.6) and at the counter,
-- their callback/security log and receipts (biên lai), numbered per series without gaps.
CREATE TABLE IF NOT EXISTS "pay_payment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"dossier_code" text NOT NULL,
	"agency_id" uuid,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text DEFAULT 'VND' NOT NULL,
	"items" jsonb NOT NULL,
	"schedule_id" text,
	"beneficiary" jsonb,
	"treasury" jsonb,
	"receipt_series" text,
	"payer" jsonb NOT NULL,
	"status" text NOT NULL,
	"pay_url" text,
	"platform_transaction_id" text,
	"bank_code" text,
	"paid_at" timestamp with time zone,
	"credited_at" timestamp with time zone,
	"duplicate_of" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"created_by" jsonb NOT NULL,
	"idempotency_key" text,
	"last_query_at" timestamp with time zone,
	CONSTRAINT "pay_payment_method_check" CHECK ("method" IN ('online', 'cash', 'card', 'qr')),
	CONSTRAINT "pay_payment_status_check" CHECK ("status" IN ('initiated', 'pending', 'paid', 'failed', 'abandoned', 'refunded')),
	CONSTRAINT "pay_payment_amount_check" CHECK ("amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "pay_payment_reference_unique" ON "pay_payment" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "pay_payment_idempotency_unique" ON "pay_payment" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_payment_dossier_idx" ON "pay_payment" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_payment_open_idx" ON "pay_payment" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_payment_paid_idx" ON "pay_payment" USING btree ("paid_at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "pay_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_id" uuid,
	"reference" text,
	"kind" text NOT NULL,
	"body" jsonb,
	"outcome" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_event_payment_idx" ON "pay_event" USING btree ("payment_id","at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_event_kind_idx" ON "pay_event" USING btree ("kind","at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "pay_receipt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"series" text,
	"number" integer,
	"kind" text NOT NULL,
	"phi" bigint NOT NULL,
	"le_phi" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"treasury" jsonb,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" jsonb,
	"status" text DEFAULT 'issued' NOT NULL,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"replaced_by" uuid,
	"storage_key" text,
	"source_url" text,
	CONSTRAINT "pay_receipt_kind_check" CHECK ("kind" IN ('platform', 'ours')),
	CONSTRAINT "pay_receipt_status_check" CHECK ("status" IN ('issued', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "pay_receipt_number_unique" ON "pay_receipt" USING btree ("series","number");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_receipt_payment_idx" ON "pay_receipt" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_receipt_issued_idx" ON "pay_receipt" USING btree ("issued_at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "pay_receipt_counter" (
	"series" text PRIMARY KEY NOT NULL,
	"last_value" integer NOT NULL
);
--> statement-breakpoint
-- The payment log is evidence like the dossier log (0011): a forged or duplicated callback, once
-- recorded, stays recorded.
CREATE OR REPLACE TRIGGER "pay_event_append_only" BEFORE UPDATE OR DELETE ON "pay_event"
  FOR EACH ROW EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "pay_event_no_truncate" BEFORE TRUNCATE ON "pay_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "f_refuse_log_rewrite"();
