// openDb reuses compiled statements: the same SQL gives the same statement back, in the mode drizzle expects.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatementsBySql } from "./statement-cache";

describe("cacheStatementsBySql", () => {
  it("hands out the same statement for the same SQL, reset to object rows", () => {
    const db = new Database(":memory:");
    cacheStatementsBySql(db);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b')");
    const a = db.prepare("SELECT id, v FROM t ORDER BY id");
    expect(a.raw().all()).toEqual([[1, "a"], [2, "b"]]);
    const b = db.prepare("SELECT id, v FROM t ORDER BY id");
    expect(b).toBe(a);
    expect(b.all()).toEqual([{ id: 1, v: "a" }, { id: 2, v: "b" }]);
    // Writes too, and a statement that returns no rows is not switched.
    const ins = db.prepare("INSERT INTO t (v) VALUES (?)");
    expect(db.prepare("INSERT INTO t (v) VALUES (?)")).toBe(ins);
    expect(ins.run("c").changes).toBe(1);
    db.close();
  });

  it("gives a fresh statement while the cached one is stepping through an iterator", () => {
    const db = new Database(":memory:");
    cacheStatementsBySql(db);
    const sql = "SELECT value FROM json_each('[1,2,3]')";
    const s = db.prepare(sql);
    const it = s.iterate();
    it.next();
    const other = db.prepare(sql);
    expect(other).not.toBe(s);
    expect(other.all()).toHaveLength(3);
    it.return?.();
    expect(db.prepare(sql)).toBe(s);
    db.close();
  });

  it("keeps at most `max` statements", () => {
    const db = new Database(":memory:");
    cacheStatementsBySql(db, 2);
    const one = db.prepare("SELECT 1");
    db.prepare("SELECT 2");
    db.prepare("SELECT 3");
    expect(db.prepare("SELECT 1")).not.toBe(one);
    db.close();
  });
});
