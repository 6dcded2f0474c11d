CREATE TABLE "cat_review_batch" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cat_review_item" (
	"batch_id" integer NOT NULL,
	"procedure_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"outcome" text,
	"adjust_items" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "cat_review_item_pk" PRIMARY KEY("batch_id","procedure_code"),
	CONSTRAINT "cat_review_item_outcome_known" CHECK ("cat_review_item"."outcome" IS NULL OR "cat_review_item"."outcome" IN ('adjust', 'no_adjust')),
	CONSTRAINT "cat_review_item_adjust_has_items" CHECK ("cat_review_item"."outcome" IS DISTINCT FROM 'adjust' OR cardinality("cat_review_item"."adjust_items") > 0)
);
--> statement-breakpoint
ALTER TABLE "cat_review_item" ADD CONSTRAINT "cat_review_item_batch_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."cat_review_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cat_review_item" ADD CONSTRAINT "cat_review_item_procedure_fk" FOREIGN KEY ("procedure_code") REFERENCES "public"."cat_procedure"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cat_review_item_department_idx" ON "cat_review_item" USING btree ("batch_id","department_id","outcome");--> statement-breakpoint
COMMENT ON TABLE "cat_review_batch" IS 'Review rounds (đợt rà soát) of the procedure catalogue';--> statement-breakpoint
COMMENT ON TABLE "cat_review_item" IS 'A procedure in a review round, owned by a department, with its outcome ĐC (adjust, with items) or KĐC';
