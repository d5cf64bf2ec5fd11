CREATE TABLE `page_cache_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`settings_version` integer DEFAULT 1 NOT NULL
);
