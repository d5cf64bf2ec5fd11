-- The payer's page is cached under (payment version, settings version). These triggers keep both honest: whatever code
-- path writes, a change to a payment method or to the business profile raises the settings version, and an update
-- of a payment that forgot to raise its own version gets one.
INSERT OR IGNORE INTO `page_cache_state` (`id`, `settings_version`) VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER `payment_methods_insert_bumps_pages` AFTER INSERT ON `payment_methods`
BEGIN UPDATE `page_cache_state` SET `settings_version` = `settings_version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `payment_methods_update_bumps_pages` AFTER UPDATE ON `payment_methods`
BEGIN UPDATE `page_cache_state` SET `settings_version` = `settings_version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `payment_methods_delete_bumps_pages` AFTER DELETE ON `payment_methods`
BEGIN UPDATE `page_cache_state` SET `settings_version` = `settings_version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `business_profile_insert_bumps_pages` AFTER INSERT ON `business_profile`
BEGIN UPDATE `page_cache_state` SET `settings_version` = `settings_version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `business_profile_update_bumps_pages` AFTER UPDATE ON `business_profile`
BEGIN UPDATE `page_cache_state` SET `settings_version` = `settings_version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `payments_update_keeps_version_honest` AFTER UPDATE ON `payments` WHEN NEW.`version` = OLD.`version`
BEGIN UPDATE `payments` SET `version` = OLD.`version` + 1 WHERE `id` = NEW.`id`; END;
