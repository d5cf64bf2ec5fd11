import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {type Db } from "./connection";
import { listMethods, type MethodInput } from "./methods";
import { methodsForPayment } from "./methods";
import { createPayment } from "./payments";
import {
  addRequestComment,
  changeRequestStatus,
  createMethodFromRequest,
  createRequest,
  listRequests,
  newRequestCount,
  requestForViewer,
  threadForViewer,
  type Viewer,
} from "./requests";
import { decodeCursor } from "@/lib/cursor";
import { connectionRequests, requestComments } from "./tables";
import { createUser } from "./users";
import type { RequestData } from "@/lib/request-form";
import { sql } from "drizzle-orm";
import { openTestDb, testSql, type TestDb } from "./test-db";
import { IS_POSTGRES } from "./dialect";

let testDb: TestDb;
let db: Db;
let admin: Viewer;
let agent: Viewer;
let other: Viewer;

beforeEach(async () => {
  testDb = await openTestDb("requests");
  db = testDb.db;
  const mk = async (email: string, role: "admin" | "agent") => {
    const res = await createUser(db, { email, password: "password-123", role });
    if (!res.ok) throw new Error(res.message);
    return { id: res.user.id, role };
  };
  admin = await mk("admin@example.com", "admin");
  agent = await mk("agent@example.com", "agent");
  other = await mk("other@example.com", "agent");
});
afterEach(async () => {
  await testDb.close();
});

const request = async (who: Viewer, paymentSystem = "Revolut", now?: number) => {
  const data: RequestData = {
    paymentSystem,
    website: "https://www.revolut.com",
    countries: "Germany, Austria",
    currencies: ["EUR", "GBP"],
    howCustomersPay: "Send to our Revolut tag.",
    accountDetails: "Revolut tag: @demoshop",
    comment: "Many customers ask for it.",
  };
  return await createRequest(db, who, data, now);
};

const methodInput = (name: string): MethodInput => ({
  name,
  kind: "e_wallet",
  enabled: true,
  currencies: ["EUR"],
  minAmount: null,
  maxAmount: null,
  details: [{ label: "Revolut tag", value: "@demoshop" }],
  instructions: "Pay {{amount}}",
  requiresTransactionId: false,
  receipt: "optional",
  hoursOpen: null,
  qrStandard: null,
  qrFields: {},
});

const counts = async () => ({
  requests: (await db.select().from(connectionRequests)).length,
  comments: (await db.select().from(requestComments)).length,
  methods: (await listMethods(db)).length,
});

describe("connection requests", () => {
  it("files a request as new, with the filing logged in its thread", async () => {
    const r = await request(agent, "Revolut", 1000);
    expect(r.status).toBe("new");
    expect(r.requesterUserId).toBe(agent.id);
    expect(r.currencies).toEqual(["EUR", "GBP"]);
    expect(await newRequestCount(db)).toBe(1);
    const thread = (await threadForViewer(db, r.id, agent))!;
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ authorUserId: agent.id, fromStatus: null, toStatus: "new", body: "", createdAt: 1000, authorRole: "agent" });
  });

  it("agents see only their own requests; admins see all, the queue newest first", async () => {
    const a1 = await request(agent, "A1", 1000);
    const o1 = await request(other, "O1", 2000);
    const a2 = await request(agent, "A2", 3000);
    const mine = await request(admin, "Admin's own", 4000);

    expect((await listRequests(db, agent)).rows.map((r) => r.id)).toEqual([a2.id, a1.id]);
    // An agent cannot widen the list, whatever filter they pass.
    expect((await listRequests(db, other, { mine: false })).rows.map((r) => r.id)).toEqual([o1.id]);
    expect((await listRequests(db, admin)).rows.map((r) => r.id)).toEqual([mine.id, a2.id, o1.id, a1.id]);
    expect((await listRequests(db, admin, { mine: true })).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await listRequests(db, admin)).rows[1]).toMatchObject({ paymentSystem: "A2", requesterName: "agent", comments: 0 });

    expect(await requestForViewer(db, o1.id, agent)).toBeUndefined();
    expect(await threadForViewer(db, o1.id, agent)).toBeUndefined();
    expect((await requestForViewer(db, a1.id, agent))?.paymentSystem).toBe("A1");
    expect((await requestForViewer(db, o1.id, admin))?.requesterEmail).toBe("other@example.com");
    expect(await requestForViewer(db, 9999, admin)).toBeUndefined();
    expect(await requestForViewer(db, -1, admin)).toBeUndefined();
  });

  it("filters by status and pages with a cursor; my list is ordered by last update", async () => {
    const rs = [];
    for (const i of [1, 2, 3, 4, 5]) rs.push(await request(agent, `R${i}`, i * 1000));
    await changeRequestStatus(db, { requestId: rs[1].id, actor: admin, to: "in_progress", now: 9000 });
    expect((await listRequests(db, admin, { status: "in_progress" })).rows.map((r) => r.paymentSystem)).toEqual(["R2"]);
    expect((await listRequests(db, admin, { status: "new" })).rows).toHaveLength(4);
    // The agent's list puts the request that just moved first.
    expect((await listRequests(db, agent)).rows.map((r) => r.paymentSystem)).toEqual(["R2", "R5", "R4", "R3", "R1"]);

    const p1 = await listRequests(db, admin, {}, { limit: 2 });
    expect(p1.rows.map((r) => r.paymentSystem)).toEqual(["R5", "R4"]);
    const p2 = await listRequests(db, admin, {}, { limit: 2, cursor: decodeCursor(p1.next) });
    expect(p2.rows.map((r) => r.paymentSystem)).toEqual(["R3", "R2"]);
    const p3 = await listRequests(db, admin, {}, { limit: 2, cursor: decodeCursor(p2.next) });
    expect(p3.rows.map((r) => r.paymentSystem)).toEqual(["R1"]);
    expect(p3.next).toBeNull();
    expect(decodeCursor("garbage!")).toBeNull();
  });

  it("the requester and admins comment; nobody else can, and an empty comment is refused", async () => {
    const r = await request(agent, "Revolut", 1000);
    expect((await addRequestComment(db, { requestId: r.id, author: admin, body: "Which account type?", now: 2000 })).ok).toBe(true);
    expect((await addRequestComment(db, { requestId: r.id, author: agent, body: "  Business.\r\nThanks  ", now: 3000 })).ok).toBe(true);
    expect(await addRequestComment(db, { requestId: r.id, author: other, body: "Let me in" })).toEqual({ ok: false, error: "not_found" });
    expect(await addRequestComment(db, { requestId: r.id, author: agent, body: "   " })).toEqual({ ok: false, error: "invalid" });
    expect(await addRequestComment(db, { requestId: r.id, author: agent, body: "x".repeat(5001) })).toEqual({ ok: false, error: "invalid" });
    expect(await addRequestComment(db, { requestId: 9999, author: admin, body: "Hello" })).toEqual({ ok: false, error: "not_found" });

    const thread = (await threadForViewer(db, r.id, admin))!;
    expect(thread.map((c) => [c.authorUserId, c.body, c.toStatus])).toEqual([
      [agent.id, "", "new"],
      [admin.id, "Which account type?", null],
      [agent.id, "Business.\nThanks", null],
    ]);
    expect((await requestForViewer(db, r.id, agent))!.updatedAt).toBe(3000);
    expect((await listRequests(db, admin)).rows[0].comments).toBe(2);
  });

  it("only admins move a request: start, decline with a required reason, reopen; each logged with who and when", async () => {
    const r = await request(agent, "Revolut", 1000);
    // The requester may not change the status of their own request; another agent does not even find it.
    expect(await changeRequestStatus(db, { requestId: r.id, actor: agent, to: "in_progress" })).toEqual({ ok: false, error: "forbidden" });
    expect(await changeRequestStatus(db, { requestId: r.id, actor: other, to: "declined", reason: "no" })).toEqual({ ok: false, error: "not_found" });

    const started = await changeRequestStatus(db, { requestId: r.id, actor: admin, to: "in_progress", expected: "new", now: 2000 });
    expect(started.ok && started.request.status).toBe("in_progress");
    expect(await newRequestCount(db)).toBe(0);
    // A second admin looking at the old "new" page: told it changed, nothing written.
    expect(await changeRequestStatus(db, { requestId: r.id, actor: admin, to: "in_progress", expected: "new" })).toEqual({ ok: false, error: "conflict", status: "in_progress" });

    const before = await counts();
    expect(await changeRequestStatus(db, { requestId: r.id, actor: admin, to: "declined", reason: "  " })).toEqual({ ok: false, error: "reason_required" });
    expect(await changeRequestStatus(db, { requestId: r.id, actor: admin, to: "declined", reason: "x".repeat(1001) })).toEqual({ ok: false, error: "reason_required" });
    expect(await counts()).toEqual(before);

    const declined = await changeRequestStatus(db, { requestId: r.id, actor: admin, to: "declined", reason: "They do not offer business accounts here.", now: 3000 });
    expect(declined.ok && declined.request).toMatchObject({ status: "declined", declineReason: "They do not offer business accounts here.", updatedAt: 3000 });
    // "done" only through creating the method; a declined request cannot be completed without reopening.
    expect(await changeRequestStatus(db, { requestId: r.id, actor: admin, to: "done" as "declined", reason: "x" })).toEqual({ ok: false, error: "forbidden" });
    expect(await createMethodFromRequest(db, { requestId: r.id, actor: admin, method: methodInput("Revolut") })).toEqual({ ok: false, error: "conflict", status: "declined" });

    const reopened = await changeRequestStatus(db, { requestId: r.id, actor: admin, to: "in_progress", expected: "declined", now: 4000 });
    expect(reopened.ok && reopened.request).toMatchObject({ status: "in_progress", declineReason: null });

    const log = (await threadForViewer(db, r.id, agent))!.filter((c) => c.toStatus);
    expect(log.map((c) => [c.authorUserId, c.fromStatus, c.toStatus, c.body, c.createdAt])).toEqual([
      [agent.id, null, "new", "", 1000],
      [admin.id, "new", "in_progress", "", 2000],
      [admin.id, "in_progress", "declined", "They do not offer business accounts here.", 3000],
      [admin.id, "declined", "in_progress", "", 4000],
    ]);
  });

  it("creating the method from a request links it and marks the request done in one transaction", async () => {
    const r = await request(agent, "Revolut", 1000);
    const res = await createMethodFromRequest(db, { requestId: r.id, actor: admin, method: methodInput("Revolut"), now: 5000 });
    if (!res.ok) throw new Error(res.error);
    expect(res.request).toMatchObject({ status: "done", methodId: res.method.id, updatedAt: 5000 });
    expect(res.method).toMatchObject({ name: "Revolut", enabled: true, archived: false });
    expect((await requestForViewer(db, r.id, agent))!.methodName).toBe("Revolut");
    expect((await threadForViewer(db, r.id, agent))!.at(-1)).toMatchObject({ authorUserId: admin.id, fromStatus: "new", toStatus: "done", createdAt: 5000 });
    // The new method is offered to customers at once.
    const p = await createPayment(db, { amount: 1000, currency: "EUR", description: "x", expiresAt: Date.now() + 3600_000, actor: { type: "system", id: null } });
    expect((await methodsForPayment(db, p)).map((m) => m.name)).toContain("Revolut");

    // Done is final: a second "create" (another admin, a double click) creates nothing.
    const before = await counts();
    expect(await createMethodFromRequest(db, { requestId: r.id, actor: admin, method: methodInput("Revolut again") })).toEqual({ ok: false, error: "conflict", status: "done" });
    expect(await changeRequestStatus(db, { requestId: r.id, actor: admin, to: "declined", reason: "x" })).toEqual({ ok: false, error: "conflict", status: "done" });
    expect(await counts()).toEqual(before);
    // Still, the thread goes on.
    expect((await addRequestComment(db, { requestId: r.id, author: agent, body: "Thank you!" })).ok).toBe(true);
  });

  it("agents cannot create a method from any request, and a failure half-way writes nothing", async () => {
    const r = await request(agent, "Revolut");
    const before = await counts();
    expect(await createMethodFromRequest(db, { requestId: r.id, actor: agent, method: methodInput("Mine") })).toEqual({ ok: false, error: "forbidden" });
    expect(await createMethodFromRequest(db, { requestId: r.id, actor: other, method: methodInput("Theirs") })).toEqual({ ok: false, error: "not_found" });
    expect(await createMethodFromRequest(db, { requestId: 9999, actor: admin, method: methodInput("Nothing") })).toEqual({ ok: false, error: "not_found" });
    // The last write (the thread row) fails after the method and the request were written: all of it is rolled back.
    if (IS_POSTGRES) {
      await testSql(db, sql.raw(`CREATE FUNCTION fail_done() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.to_status = 'done' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`));
      await testSql(db, sql`CREATE TRIGGER fail_done BEFORE INSERT ON request_comments FOR EACH ROW EXECUTE FUNCTION fail_done()`);
    } else {
      await testSql(db, sql`CREATE TRIGGER fail_done BEFORE INSERT ON request_comments WHEN NEW.to_status = 'done' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    }
    // (drizzle wraps the driver's error: PostgreSQL's message is in its cause)
    await expect(createMethodFromRequest(db, { requestId: r.id, actor: admin, method: methodInput("Half") })).rejects.toSatisfy((e: Error) =>
      /disk full/.test(`${e.message} ${(e.cause as Error | undefined)?.message}`),
    );
    await testSql(db, IS_POSTGRES ? sql`DROP TRIGGER fail_done ON request_comments` : sql`DROP TRIGGER fail_done`);
    expect(await counts()).toEqual(before);
    expect((await listMethods(db)).map((m) => m.name)).not.toContain("Half");
    expect(await requestForViewer(db, r.id, admin)).toMatchObject({ status: "new", methodId: null });
  });
});
