import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseEngine, DatabaseUrlError, DEFAULT_POOL_SIZE } from "./engine";

describe("databaseEngine", () => {
  it("unset or empty means the default SQLite file", () => {
    expect(databaseEngine(undefined, {})).toEqual({ kind: "sqlite", file: path.resolve("data/app.db") });
    expect(databaseEngine("  ", {})).toEqual({ kind: "sqlite", file: path.resolve("data/app.db") });
  });

  it("file: URLs are SQLite files, resolved from the working directory", () => {
    expect(databaseEngine("file:./x/y.db", {})).toEqual({ kind: "sqlite", file: path.resolve("x/y.db") });
    expect(databaseEngine("file:/var/lib/dp/app.db", {})).toEqual({ kind: "sqlite", file: "/var/lib/dp/app.db" });
    expect(databaseEngine(":memory:", {})).toEqual({ kind: "sqlite", file: ":memory:" });
  });

  it("reads DATABASE_URL when no URL is given", () => {
    expect(databaseEngine(undefined, { DATABASE_URL: "postgres://u@db/shop" })).toMatchObject({ kind: "postgres" });
  });

  it("postgres:// and postgresql:// are PostgreSQL, with a pool of DATABASE_POOL_SIZE (default 10)", () => {
    expect(databaseEngine("postgres://u:p@db.example:5432/shop", {})).toEqual({
      kind: "postgres",
      url: "postgres://u:p@db.example:5432/shop",
      poolSize: DEFAULT_POOL_SIZE,
    });
    expect(databaseEngine("postgresql://u@127.0.0.1/shop", { DATABASE_POOL_SIZE: "25" })).toMatchObject({ kind: "postgres", poolSize: 25 });
    expect(databaseEngine("POSTGRES://u@127.0.0.1/shop", {})).toMatchObject({ kind: "postgres" });
  });

  it("a bad pool size is a clear error", () => {
    for (const bad of ["0", "-3", "2.5", "ten", "100000"]) {
      expect(() => databaseEngine("postgres://u@h/d", { DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE must be a whole number from 1 to 1000/);
    }
  });

  it("anything else is refused with both accepted forms named, and no password echoed", () => {
    for (const bad of ["mysql://root:s3cret@h/d", "./data/app.db", "sqlite:app.db", "http://h/d"]) {
      let error: unknown;
      try {
        databaseEngine(bad, {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DatabaseUrlError);
      const message = (error as Error).message;
      expect(message).toContain("file:./data/app.db");
      expect(message).toContain("postgres://");
      expect(message).not.toContain("s3cret");
    }
  });

  it("a PostgreSQL URL without a host, or that does not parse, is refused", () => {
    expect(() => databaseEngine("postgres://", {})).toThrow(DatabaseUrlError);
    expect(() => databaseEngine("file:", {})).toThrow(/names no file/);
  });
});
