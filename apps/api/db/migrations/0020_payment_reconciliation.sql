-- Issue 17 items 6–7: the daily three-way payment reconciliation (our payments, the platform's
-- transactions, our receipts), its mismatch queue (resolved by an officer with a reason, never
-- deleted) and refunds (hoàn trả) of refused, stopped or withdrawn dossiers.
CREATE TABLE IF NOT EXISTS "pay_reconciliation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"found" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"platform_error" text,
	CONSTRAINT "pay_reconciliation_trigger_check" CHECK ("trigger" IN ('nightly', 'manual'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_reconciliation_day_idx" ON "pay_reconciliation" USING btree ("day","started_at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "pay_mismatch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"fingerprint" text NOT NULL,
	"payment_id" uuid,
	"receipt_id" uuid,
	"reference" text,
	"dossier_code" text,
	"agency_id" uuid,
	"ours" jsonb,
	"theirs" jsonb,
	"detail" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"first_reconciliation_id" uuid NOT NULL REFERENCES "pay_reconciliation"("id"),
	"last_reconciliation_id" uuid NOT NULL REFERENCES "pay_reconciliation"("id"),
	"found_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text,
	CONSTRAINT "pay_mismatch_kind_check" CHECK ("kind" IN ('paid_no_receipt', 'receipt_no_payment', 'amount_differs', 'paid_twice', 'missing_here', 'missing_there', 'refund_differs')),
	CONSTRAINT "pay_mismatch_status_check" CHECK ("status" IN ('open', 'resolved')),
	CONSTRAINT "pay_mismatch_resolution_check" CHECK (
		("status" = 'open' AND "resolved_at" IS NULL)
		OR ("status" = 'resolved' AND "resolved_at" IS NOT NULL AND "resolved_by" IS NOT NULL AND "resolution" IS NOT NULL)
	)
);
--> statement-breakpoint
-- One open mismatch per kind and subject (a reference or a receipt): running a day again finds
-- the same ones instead of adding copies.
CREATE UNIQUE INDEX IF NOT EXISTS "pay_mismatch_open_unique" ON "pay_mismatch" USING btree ("kind","subject") WHERE "status" = 'open';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_mismatch_queue_idx" ON "pay_mismatch" USING btree ("status","day","kind");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_mismatch_subject_idx" ON "pay_mismatch" USING btree ("kind","subject","fingerprint");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "pay_refund" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL REFERENCES "pay_payment"("id"),
	"reference" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"dossier_code" text NOT NULL,
	"agency_id" uuid,
	"amount" bigint NOT NULL,
	"phi" bigint NOT NULL,
	"le_phi" bigint NOT NULL,
	"reason" text NOT NULL,
	"rule" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text,
	"note" text,
	"idempotency_key" text,
	CONSTRAINT "pay_refund_amount_check" CHECK ("amount" > 0 AND "phi" >= 0 AND "le_phi" >= 0 AND "phi" + "le_phi" = "amount"),
	CONSTRAINT "pay_refund_status_check" CHECK ("status" IN ('requested', 'done')),
	CONSTRAINT "pay_refund_done_check" CHECK (("status" = 'done') = ("done_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "pay_refund_idempotency_unique" ON "pay_refund" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_refund_payment_idx" ON "pay_refund" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "pay_refund_done_idx" ON "pay_refund" USING btree ("done_at");--> statement-breakpoint
-- A mismatch and a refund are the record of what officers decided about money: never deleted
-- (f_refuse_log_rewrite of migration 0011 refuses every role, the owner included); a resolved
-- mismatch is not rewritten either.
CREATE OR REPLACE FUNCTION "f_pay_mismatch_keep_resolution"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'resolved' THEN
    RAISE EXCEPTION 'Sai lệch đã xử lý không được sửa (%)', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "pay_mismatch_resolution_kept" BEFORE UPDATE ON "pay_mismatch"
  FOR EACH ROW EXECUTE FUNCTION "f_pay_mismatch_keep_resolution"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "pay_mismatch_never_deleted" BEFORE DELETE ON "pay_mismatch"
  FOR EACH ROW EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "pay_mismatch_no_truncate" BEFORE TRUNCATE ON "pay_mismatch"
  FOR EACH STATEMENT EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "pay_refund_never_deleted" BEFORE DELETE ON "pay_refund"
  FOR EACH ROW EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "pay_refund_no_truncate" BEFORE TRUNCATE ON "pay_refund"
  FOR EACH STATEMENT EXECUTE FUNCTION "f_refuse_log_rewrite"();
