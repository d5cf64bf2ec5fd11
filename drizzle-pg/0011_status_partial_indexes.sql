DROP INDEX "payments_status_submitted_idx";--> statement-breakpoint
DROP INDEX "payments_status_expires_idx";--> statement-breakpoint
DROP INDEX "payments_submitted_idx";--> statement-breakpoint
DROP INDEX "payments_currency_amount_idx";--> statement-breakpoint
CREATE INDEX "payments_open_expires_idx" ON "payments" USING btree ("status","expires_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "payments_submitted_idx" ON "payments" USING btree ("status","submitted_at","id") WHERE status = 'submitted';--> statement-breakpoint
CREATE INDEX "payments_currency_amount_idx" ON "payments" USING btree ("currency","amount","id");