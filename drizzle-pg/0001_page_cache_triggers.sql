-- What SQLite does with triggers in drizzle/0004 and 0005, for PostgreSQL.
--
-- The payer's page is cached under (payment version, settings version). These keep both honest whatever code path
-- writes: a change to a payment method or to the business profile raises the settings version (per row, as on
-- SQLite), and an update of a payment that forgot to raise its own version gets one.
--
-- Not carried over: the submitted_count triggers of drizzle/0005. Here they would make every submit and decision on
-- every instance queue on the one page_cache_state row; the Pending count is counted instead, over the partial index
-- payments_submitted_idx (0000). page_cache_state.submitted_count exists but stays 0 on PostgreSQL.
INSERT INTO "page_cache_state" ("id", "settings_version") VALUES (1, 1) ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION "bump_settings_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "page_cache_state" SET "settings_version" = "settings_version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "payment_methods_bumps_pages" AFTER INSERT OR UPDATE OR DELETE ON "payment_methods"
FOR EACH ROW EXECUTE FUNCTION "bump_settings_version"();
--> statement-breakpoint
CREATE TRIGGER "business_profile_bumps_pages" AFTER INSERT OR UPDATE ON "business_profile"
FOR EACH ROW EXECUTE FUNCTION "bump_settings_version"();
--> statement-breakpoint
-- A BEFORE trigger sets the new version in the row being written (SQLite's AFTER trigger updates the row again), so
-- the statement's RETURNING already sees it.
CREATE FUNCTION "payments_keep_version_honest"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."version" := OLD."version" + 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "payments_update_keeps_version_honest" BEFORE UPDATE ON "payments"
FOR EACH ROW WHEN (NEW."version" = OLD."version") EXECUTE FUNCTION "payments_keep_version_honest"();
