ALTER TABLE `page_cache_state` ADD `submitted_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The dashboard shows how many payments wait for a decision on every page. Counting them walks an index entry per
-- waiting payment on every view; these triggers keep the number instead, whatever code path changes a status.
INSERT OR IGNORE INTO `page_cache_state` (`id`, `settings_version`) VALUES (1, 1);
--> statement-breakpoint
UPDATE `page_cache_state` SET `submitted_count` = (SELECT count(*) FROM `payments` WHERE `status` = 'submitted') WHERE `id` = 1;
--> statement-breakpoint
CREATE TRIGGER `payments_insert_counts_submitted` AFTER INSERT ON `payments` WHEN NEW.`status` = 'submitted'
BEGIN UPDATE `page_cache_state` SET `submitted_count` = `submitted_count` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `payments_update_counts_submitted` AFTER UPDATE OF `status` ON `payments` WHEN (NEW.`status` = 'submitted') <> (OLD.`status` = 'submitted')
BEGIN UPDATE `page_cache_state` SET `submitted_count` = `submitted_count` + (CASE WHEN NEW.`status` = 'submitted' THEN 1 ELSE -1 END) WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `payments_delete_counts_submitted` AFTER DELETE ON `payments` WHEN OLD.`status` = 'submitted'
BEGIN UPDATE `page_cache_state` SET `submitted_count` = `submitted_count` - 1 WHERE `id` = 1; END;
