CREATE TABLE "idn_account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"username" text,
	"display_name" text NOT NULL,
	"email" text,
	"phone" text,
	"password_hash" text,
	"totp_secret" text,
	"active" boolean DEFAULT true NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"tech_id" text,
	"personal_id" text,
	"tax_code" text,
	"birth_date" date,
	"assurance_level" text,
	"sso_profile" jsonb,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idn_account_kind_known" CHECK ("idn_account"."kind" IN ('officer', 'citizen', 'business', 'machine'))
);
--> statement-breakpoint
CREATE TABLE "idn_api_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idn_delegation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_account_id" uuid NOT NULL,
	"to_account_id" uuid NOT NULL,
	"role_assignment_id" uuid NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"reason" text,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idn_delegation_window" CHECK ("idn_delegation"."valid_until" > "idn_delegation"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "idn_membership" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"unit_id" uuid,
	"position" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idn_membership_unique" UNIQUE NULLS NOT DISTINCT("account_id","agency_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "idn_role_assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"scope" text NOT NULL,
	"agency_id" uuid,
	"unit_id" uuid,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idn_role_assignment_role_known" CHECK ("idn_role_assignment"."role" IN ('citizen', 'business', 'receiving_officer', 'specialist', 'unit_leader', 'agency_leader', 'agency_admin', 'province_admin', 'inspector', 'system_operator')),
	CONSTRAINT "idn_role_assignment_scope_known" CHECK ("idn_role_assignment"."scope" IN ('own', 'unit', 'agency', 'province')),
	CONSTRAINT "idn_role_assignment_scope_target" CHECK (("idn_role_assignment"."scope" <> 'unit' OR "idn_role_assignment"."unit_id" IS NOT NULL) AND ("idn_role_assignment"."scope" <> 'agency' OR "idn_role_assignment"."agency_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "idn_security_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid,
	"actor_account_id" uuid,
	"username" text,
	"ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idn_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" uuid NOT NULL,
	"method" text NOT NULL,
	"csrf_token" text NOT NULL,
	"sso_id_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "idn_session_method_known" CHECK ("idn_session"."method" IN ('password', 'vneid'))
);
--> statement-breakpoint
CREATE TABLE "idn_sso_attempt" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idn_unit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "idn_api_token" ADD CONSTRAINT "idn_api_token_account_fk" FOREIGN KEY ("account_id") REFERENCES "public"."idn_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idn_delegation" ADD CONSTRAINT "idn_delegation_from_fk" FOREIGN KEY ("from_account_id") REFERENCES "public"."idn_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idn_delegation" ADD CONSTRAINT "idn_delegation_to_fk" FOREIGN KEY ("to_account_id") REFERENCES "public"."idn_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idn_delegation" ADD CONSTRAINT "idn_delegation_assignment_fk" FOREIGN KEY ("role_assignment_id") REFERENCES "public"."idn_role_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idn_membership" ADD CONSTRAINT "idn_membership_account_fk" FOREIGN KEY ("account_id") REFERENCES "public"."idn_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idn_membership" ADD CONSTRAINT "idn_membership_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."idn_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idn_role_assignment" ADD CONSTRAINT "idn_role_assignment_account_fk" FOREIGN KEY ("account_id") REFERENCES "public"."idn_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idn_role_assignment" ADD CONSTRAINT "idn_role_assignment_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."idn_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idn_session" ADD CONSTRAINT "idn_session_account_fk" FOREIGN KEY ("account_id") REFERENCES "public"."idn_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "idn_account_username_unique" ON "idn_account" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "idn_account_tech_id_unique" ON "idn_account" USING btree ("tech_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idn_api_token_hash_unique" ON "idn_api_token" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "idn_delegation_to_idx" ON "idn_delegation" USING btree ("to_account_id");--> statement-breakpoint
CREATE INDEX "idn_role_assignment_account_idx" ON "idn_role_assignment" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "idn_security_event_at_idx" ON "idn_security_event" USING btree ("at");--> statement-breakpoint
CREATE INDEX "idn_security_event_account_idx" ON "idn_security_event" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idn_session_token_unique" ON "idn_session" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "idn_unit_agency_code_unique" ON "idn_unit" USING btree ("agency_id","code");--> statement-breakpoint
ALTER TABLE "idn_unit" ADD CONSTRAINT "idn_unit_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."org_agency"("id");--> statement-breakpoint
ALTER TABLE "idn_membership" ADD CONSTRAINT "idn_membership_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."org_agency"("id");--> statement-breakpoint
ALTER TABLE "idn_role_assignment" ADD CONSTRAINT "idn_role_assignment_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."org_agency"("id");--> statement-breakpoint
COMMENT ON TABLE "idn_unit" IS 'identity: units (phòng, bộ phận) inside an agency; officers may belong to one';--> statement-breakpoint
COMMENT ON TABLE "idn_account" IS 'identity: every account — officers (username + argon2id password, optional TOTP), citizens and businesses (VNeID/DVCQG SSO, keyed on TechID), machine clients; deactivated, never deleted';--> statement-breakpoint
COMMENT ON TABLE "idn_membership" IS 'identity: which agencies (and units) an officer works in; one officer may belong to several';--> statement-breakpoint
COMMENT ON TABLE "idn_role_assignment" IS 'identity: a role held by an account with its scope (own, unit, agency, province) and the agency/unit it applies to';--> statement-breakpoint
COMMENT ON TABLE "idn_delegation" IS 'identity: ủy quyền — a leader lends one role assignment to a deputy for a validity window';--> statement-breakpoint
COMMENT ON TABLE "idn_session" IS 'identity: browser sessions (httpOnly cookie); only a SHA-256 of the token is stored, with the CSRF token of the session';--> statement-breakpoint
COMMENT ON TABLE "idn_api_token" IS 'identity: bearer tokens for machine clients; only a SHA-256 of the token is stored';--> statement-breakpoint
COMMENT ON TABLE "idn_sso_attempt" IS 'identity: SSO sign-ins in progress (state, nonce, PKCE verifier), kept a few minutes';--> statement-breakpoint
COMMENT ON TABLE "idn_security_event" IS 'identity: security log — sign-ins, failures, lockouts, role and delegation changes, with who and when';
