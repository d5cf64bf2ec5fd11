CREATE TABLE `bank_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`account_number` text NOT NULL,
	`method_ids` text NOT NULL,
	`auto_approve` integer DEFAULT false NOT NULL,
	`fee_tolerance` integer DEFAULT 0 NOT NULL,
	`csv_mapping` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bank_statement_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bank_account_id` integer NOT NULL,
	`statement_id` integer NOT NULL,
	`dedup_key` text NOT NULL,
	`position` text NOT NULL,
	`line_no` integer NOT NULL,
	`booking_date` text NOT NULL,
	`value_date` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`direction` text NOT NULL,
	`reversal` integer DEFAULT false NOT NULL,
	`bank_ref` text,
	`end_to_end_id` text,
	`structured_ref` text,
	`remittance_text` text,
	`counterparty_name` text,
	`counterparty_account` text,
	`state` text NOT NULL,
	`payment_id` integer,
	`applied_amount` integer DEFAULT 0 NOT NULL,
	`found_reference` text,
	`found_in` text,
	`reason` text,
	`suggestions` text,
	`decided_by_user_id` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_statement_lines_dedup_unique` ON `bank_statement_lines` (`bank_account_id`,`dedup_key`);--> statement-breakpoint
CREATE INDEX `bank_statement_lines_statement_idx` ON `bank_statement_lines` (`statement_id`,`id`);--> statement-breakpoint
CREATE INDEX `bank_statement_lines_state_idx` ON `bank_statement_lines` (`state`,`id`);--> statement-breakpoint
CREATE INDEX `bank_statement_lines_payment_idx` ON `bank_statement_lines` (`payment_id`,`id`);--> statement-breakpoint
CREATE TABLE `bank_statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bank_account_id` integer NOT NULL,
	`file_hash` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`bank_statement_id` text,
	`line_count` integer NOT NULL,
	`skipped_count` integer NOT NULL,
	`matched_count` integer NOT NULL,
	`imported_by_user_id` integer,
	`imported_by_api_key_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_statements_hash_unique` ON `bank_statements` (`file_hash`);--> statement-breakpoint
CREATE INDEX `bank_statements_account_idx` ON `bank_statements` (`bank_account_id`,`id`);--> statement-breakpoint
CREATE TABLE `bank_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`bank_account_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`content` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bank_uploads_created_idx` ON `bank_uploads` (`created_at`);--> statement-breakpoint
ALTER TABLE `payment_events` ADD `bank_line_id` integer;--> statement-breakpoint
ALTER TABLE `payments` ADD `amount_received` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `bank_confirmed_at` integer;--> statement-breakpoint
CREATE INDEX `payments_currency_amount_idx` ON `payments` (`currency`,`amount`,`status`);