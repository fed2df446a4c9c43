CREATE TABLE "label_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"task" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"text" text NOT NULL,
	"label" text NOT NULL,
	"previous_label" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"task" text NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"data" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"labels" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"compared_with" jsonb,
	"decision" text NOT NULL,
	"trained_on" jsonb NOT NULL,
	"training_ms" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "label_corrections" ADD CONSTRAINT "label_corrections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "label_corrections_subject_uq" ON "label_corrections" USING btree ("tenant_id","task","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "label_corrections_task_idx" ON "label_corrections" USING btree ("tenant_id","task","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_task_version_uq" ON "model_versions" USING btree ("tenant_id","task","version");--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_active_uq" ON "model_versions" USING btree ("tenant_id","task") WHERE status = 'active';