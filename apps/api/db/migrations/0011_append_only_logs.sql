-- Issue 13: idempotency keys scoped to the caller and the kind of request
-- (modules/dossiers/idempotency.ts callerScopedKey); keys stored before take the same form so
-- that their retries (and the demo seed) still find them.
UPDATE "dos_action"
   SET "idempotency_key" = CASE WHEN "seq" = 1 THEN 'file:' ELSE 'act:' END
       || ("actor"->>'kind') || ':' || ("actor"->>'id') || ':' || "idempotency_key"
 WHERE "idempotency_key" NOT LIKE 'file:%' AND "idempotency_key" NOT LIKE 'act:%';
--> statement-breakpoint
-- The action log, the security log and the personal-data read log are append-only: a row, once
-- written, is the evidence an inspection (thanh tra) reads: who did what to a dossier, who signed
-- in, who read whose personal data. The application's role has no UPDATE/DELETE grant on them
-- (platform/db/migrate.ts); these triggers refuse the owner too, short of dropping them.
CREATE OR REPLACE FUNCTION "f_refuse_log_rewrite"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Bảng % chỉ được ghi thêm, không được sửa hoặc xóa (%)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "dos_action_append_only" BEFORE UPDATE OR DELETE ON "dos_action"
  FOR EACH ROW EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "dos_action_no_truncate" BEFORE TRUNCATE ON "dos_action"
  FOR EACH STATEMENT EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "idn_security_event_append_only" BEFORE UPDATE OR DELETE ON "idn_security_event"
  FOR EACH ROW EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "idn_security_event_no_truncate" BEFORE TRUNCATE ON "idn_security_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "dos_read_log_append_only" BEFORE UPDATE OR DELETE ON "dos_read_log"
  FOR EACH ROW EXECUTE FUNCTION "f_refuse_log_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "dos_read_log_no_truncate" BEFORE TRUNCATE ON "dos_read_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "f_refuse_log_rewrite"();
