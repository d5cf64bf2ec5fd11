ALTER TABLE `payment_methods` ADD `hours_open` integer;--> statement-breakpoint
ALTER TABLE `payment_methods` ADD `qr_standard` text;--> statement-breakpoint
ALTER TABLE `payment_methods` ADD `qr_fields` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `link_expires_at` integer;