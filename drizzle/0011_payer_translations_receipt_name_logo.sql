ALTER TABLE `business_profile` ADD `logo_file` text;--> statement-breakpoint
ALTER TABLE `business_profile` ADD `logo_mime` text;--> statement-breakpoint
ALTER TABLE `payment_methods` ADD `translations` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `receipt_name` text;