-- Each instance keeps a session's user, the live API keys and the business profile in memory (db/notified-cache.ts)
-- and empties that cache when any transaction changes one of these tables: these triggers send the notification,
-- which PostgreSQL delivers at COMMIT to every instance listening (once per transaction and table, however many rows
-- changed). A new session or key needs none: nothing is kept for a row that did not exist.
CREATE FUNCTION "notify_cached_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('direct_payments_cache', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "sessions_notify_cache" AFTER UPDATE OR DELETE OR TRUNCATE ON "sessions"
FOR EACH STATEMENT EXECUTE FUNCTION "notify_cached_rows"();
--> statement-breakpoint
CREATE TRIGGER "users_notify_cache" AFTER UPDATE OR DELETE OR TRUNCATE ON "users"
FOR EACH STATEMENT EXECUTE FUNCTION "notify_cached_rows"();
--> statement-breakpoint
CREATE TRIGGER "api_keys_notify_cache" AFTER UPDATE OR DELETE OR TRUNCATE ON "api_keys"
FOR EACH STATEMENT EXECUTE FUNCTION "notify_cached_rows"();
--> statement-breakpoint
CREATE TRIGGER "business_profile_notify_cache" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "business_profile"
FOR EACH STATEMENT EXECUTE FUNCTION "notify_cached_rows"();
