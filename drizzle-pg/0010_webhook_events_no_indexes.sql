DROP INDEX "webhook_events_msg_unique";--> statement-breakpoint
DROP INDEX "webhook_events_payment_idx";