DROP INDEX `payments_currency_amount_idx`;--> statement-breakpoint
CREATE INDEX `payments_suggestion_idx` ON `payments` (`currency`,`amount`,`expires_at`);