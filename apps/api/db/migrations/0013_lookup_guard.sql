-- Issue 13 item 7: the public lookup by code shows a dossier's masked applicant name only with a
-- second factor (the last 4 digits of the ID number or phone given at filing). Wrong factors are
-- counted per dossier so that they cannot be guessed: after 5 in an hour the code answers the
-- anonymous view only, for the rest of that hour (modules/dossiers/use-cases/lookup.ts).
-- Hand-written and read with SQL (lookup.repository.ts), not in dossiers.schema.ts: a counter with
-- no business meaning, kept out of the drizzle-kit snapshots.
CREATE TABLE "dos_lookup_guard" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dos_lookup_guard" ADD CONSTRAINT "dos_lookup_guard_dossier_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dos_dossier"("id") ON DELETE cascade ON UPDATE no action;
