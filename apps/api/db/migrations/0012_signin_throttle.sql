CREATE TABLE "idn_sign_in_throttle" (
	"source" text NOT NULL,
	"account_id" uuid,
	"failures" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "idn_sign_in_throttle_key" UNIQUE NULLS NOT DISTINCT("source","account_id")
);
--> statement-breakpoint
ALTER TABLE "idn_sign_in_throttle" ADD CONSTRAINT "idn_sign_in_throttle_account_fk" FOREIGN KEY ("account_id") REFERENCES "public"."idn_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idn_sign_in_throttle_account_idx" ON "idn_sign_in_throttle" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "idn_sign_in_throttle_window_idx" ON "idn_sign_in_throttle" USING btree ("window_start");