CREATE TABLE IF NOT EXISTS "sync_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "sync_outbox_event_unique" ON "sync_outbox" USING btree ("target","dossier_id","seq");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sync_outbox_pending_idx" ON "sync_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sync_outbox_dossier_idx" ON "sync_outbox" USING btree ("dossier_id","target","seq");