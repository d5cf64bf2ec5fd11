CREATE TABLE `bank_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`bank_account_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`content` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bank_uploads_created_idx` ON `bank_uploads` (`created_at`);