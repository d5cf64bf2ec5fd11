ALTER TABLE "business_profile" ADD COLUMN "logo_file" text;--> statement-breakpoint
ALTER TABLE "business_profile" ADD COLUMN "logo_mime" text;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "receipt_name" text;