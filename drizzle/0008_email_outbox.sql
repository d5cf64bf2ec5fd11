CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`payment_id` integer,
	`user_id` integer,
	`to_address` text NOT NULL,
	`to_name` text,
	`locale` text NOT NULL,
	`mail` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`locked_until` integer,
	`claim_token` text,
	`last_attempt_at` integer,
	`last_response` text,
	`last_code` integer,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_dedupe_unique` ON `email_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `email_outbox_due_idx` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_payment_idx` ON `email_outbox` (`payment_id`,`id`);--> statement-breakpoint
CREATE INDEX `email_outbox_created_idx` ON `email_outbox` (`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `business_profile` ADD `default_locale` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `business_profile` ADD `reminder_hours_before` integer;--> statement-breakpoint
ALTER TABLE `payments` ADD `payer_locale` text;--> statement-breakpoint
ALTER TABLE `users` ADD `pending_mail` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `digest_minutes` integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `last_digest_at` integer;