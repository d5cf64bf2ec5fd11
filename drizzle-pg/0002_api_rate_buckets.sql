CREATE TABLE "api_rate_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"milli_tokens" integer NOT NULL,
	"counted_at" bigint NOT NULL
);
