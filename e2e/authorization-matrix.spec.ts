// The authorization matrix: every server action, route handler and page of the production build (read from .next/'s
// manifests, never from a list), called as an anonymous visitor, as an agent and as an admin, with the whole database
// compared before and after each call. A new action or route fails here until ACCESS below says who may use it, and
// then fails again if a caller it refuses can change anything.
import { expect, test, type Browser } from "@playwright/test";
import { actionParams, type Param } from "./matrix/action-params";
import { builtActions, builtRoutes, dynamicSegments, type BuiltAction, type BuiltRoute } from "./matrix/build-inventory";
import { callAction, junkArgs, plausibleArgs, plausibleForm, request, type Answer } from "./matrix/calls";
import { databaseUrl, ownServer } from "./db";
import { describeChanges, diff, watchDb, type Change, type DbWatcher, type Ignored, type Snapshot } from "./matrix/db-diff";
import type { FixtureMaker, Fixtures } from "./matrix/fixtures";
import { sessionCookie, startMatrixServer, type MatrixServer } from "./matrix/server";

/**
 * Who may use what. Keys: "<source file>#<export>" for server actions, the URL pattern for route handlers and pages.
 *  admin    only admins; anyone else changes nothing
 *  staff    any signed-in staff member; an anonymous caller changes nothing
 *  session  signed-in staff ending their own session(s): may change the sessions table only; anonymous nothing
 *  signin   anyone, to sign in: may change only the sign-in bookkeeping (login_throttle, sessions)
 *  public   anyone; changes nothing (reads, or refuses what the matrix sends)
 *  payer    anyone holding the payment's token: a wrong token changes nothing
 *  api      shops with an API key: without one (a session cookie is not one) the answer is 401 and nothing changes
 *  disabled answers 404 (the bench's routes, unless BENCH_ROUTES=1) and changes nothing
 */
type Access = "admin" | "staff" | "session" | "signin" | "public" | "payer" | "api" | "disabled";

const ACCESS: Record<string, Access> = {
  // ---- server actions ----
  "app/(auth)/login/actions.ts#authenticate": "signin",
  "app/(dashboard)/dashboard/actions.ts#signOutAction": "session",
  "app/(dashboard)/dashboard/account/actions.ts#changeOwnPasswordAction": "staff",
  "app/(dashboard)/dashboard/account/actions.ts#signOutEverywhereAction": "session",
  "app/(dashboard)/dashboard/account/actions.ts#savePendingMailAction": "staff",
  "app/(dashboard)/dashboard/new/actions.ts#createPaymentLinkAction": "staff",
  "app/(dashboard)/dashboard/requests/actions.ts#createRequestAction": "staff",
  "app/(dashboard)/dashboard/requests/actions.ts#addCommentAction": "staff",
  "app/(dashboard)/dashboard/requests/actions.ts#startRequestAction": "admin",
  "app/(dashboard)/dashboard/requests/actions.ts#reopenRequestAction": "admin",
  "app/(dashboard)/dashboard/requests/actions.ts#declineRequestAction": "admin",
  "app/(dashboard)/dashboard/requests/actions.ts#createMethodFromRequestAction": "admin",
  "app/(dashboard)/dashboard/settings/api-keys/actions.ts#createApiKeyAction": "admin",
  "app/(dashboard)/dashboard/settings/api-keys/actions.ts#revokeApiKeyAction": "admin",
  "app/(dashboard)/dashboard/settings/business/actions.ts#saveProfileAction": "admin",
  "app/(dashboard)/dashboard/settings/email/actions.ts#sendTestEmailAction": "admin",
  "app/(dashboard)/dashboard/settings/email/actions.ts#resendEmailAction": "admin",
  "app/(dashboard)/dashboard/settings/business/actions.ts#saveLogoAction": "admin",
  "app/(dashboard)/dashboard/settings/methods/actions.ts#saveMethodAction": "admin",
  "app/(dashboard)/dashboard/settings/methods/actions.ts#setMethodEnabledAction": "admin",
  "app/(dashboard)/dashboard/settings/methods/actions.ts#moveMethodAction": "admin",
  "app/(dashboard)/dashboard/settings/methods/actions.ts#setMethodArchivedAction": "admin",
  "app/(dashboard)/dashboard/settings/methods/actions.ts#deleteMethodAction": "admin",
  "app/(dashboard)/dashboard/settings/users/actions.ts#addUserAction": "admin",
  "app/(dashboard)/dashboard/settings/users/actions.ts#changeRoleAction": "admin",
  "app/(dashboard)/dashboard/settings/users/actions.ts#setActiveAction": "admin",
  "app/(dashboard)/dashboard/settings/users/actions.ts#resetPasswordAction": "admin",
  "app/(dashboard)/dashboard/settings/webhooks/actions.ts#saveEndpointAction": "admin",
  "app/(dashboard)/dashboard/settings/webhooks/actions.ts#setEndpointEnabledAction": "admin",
  "app/(dashboard)/dashboard/settings/webhooks/actions.ts#sendTestEventAction": "admin",
  "app/(dashboard)/dashboard/settings/webhooks/actions.ts#resendDeliveryAction": "admin",
  "app/(dashboard)/dashboard/settings/webhooks/actions.ts#rotateSecretAction": "admin",
  "app/(dashboard)/dashboard/settings/webhooks/actions.ts#deleteEndpointAction": "admin",
  "app/(dashboard)/dashboard/settings/bank-accounts/actions.ts#saveBankAccountAction": "admin",
  "app/(dashboard)/dashboard/statements/actions.ts#uploadStatementAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#saveMappingAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#importUploadAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#matchLineAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#ignoreLineAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#unmatchLineAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#rematchAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#keepLineAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#recordRefundAction": "staff",
  "app/(dashboard)/dashboard/statements/actions.ts#approveBankConfirmedAction": "staff",
  // ---- route handlers ----
  "/api/auth/[...nextauth]": "signin",
  "/api/bench/insert": "disabled",
  "/api/bench/memory": "disabled",
  "/api/bench/read/[id]": "disabled",
  "/api/v1/[...rest]": "public",
  "/healthz": "public",
  "/api/v1/openapi.json": "public",
  "/api/v1/methods": "api",
  "/api/v1/payments": "api",
  "/api/v1/payments/[id]": "api",
  "/api/v1/payments/[id]/cancel": "api",
  "/api/v1/statements": "api",
  "/dashboard/decide/[decision]": "staff",
  "/dashboard/payments/[id]/receipt": "staff",
  "/icon.svg": "public",
  "/lang": "public",
  "/logo/[file]": "public",
  "/pay/[token]/method": "payer",
  "/pay/[token]/confirm": "payer",
  // ---- pages ----
  "/": "public",
  "/login": "public",
  "/status": "public",
  // the payer's page: rendered per request, and as the payer page cache keeps it (only behind proxy.ts's rewrite)
  "/pay/[token]": "public",
  "/pay-v/[id]": "public",
  "/dashboard": "staff",
  "/dashboard/account": "staff",
  "/dashboard/api": "staff",
  "/dashboard/new": "staff",
  "/dashboard/payments": "staff",
  "/dashboard/payments/[id]": "staff",
  "/dashboard/requests": "staff",
  "/dashboard/requests/new": "staff",
  "/dashboard/requests/[id]": "staff",
  "/dashboard/requests/[id]/create-method": "admin",
  "/dashboard/settings": "admin",
  "/dashboard/settings/api-keys": "admin",
  "/dashboard/settings/business": "admin",
  "/dashboard/settings/email": "admin",
  "/dashboard/settings/methods": "admin",
  "/dashboard/settings/methods/new": "admin",
  "/dashboard/settings/methods/[id]": "admin",
  "/dashboard/settings/methods/[id]/preview": "admin",
  "/dashboard/settings/users": "admin",
  "/dashboard/settings/webhooks": "admin",
  "/dashboard/settings/webhooks/[id]": "admin",
  "/dashboard/settings/bank-accounts": "admin",
  "/dashboard/settings/bank-accounts/[id]": "admin",
  "/dashboard/statements": "staff",
  "/dashboard/statements/[id]": "staff",
  "/dashboard/statements/inbox": "staff",
  "/dashboard/statements/refunds": "staff",
  "/dashboard/statements/import/[upload]": "staff",
};

/** Values for each dynamic segment ("<segment before>/[name]"); `real: false` marks one that names nothing. */
const SEGMENTS: Record<string, (fx: Fixtures) => { value: string; real: boolean }[]> = {
  "pay/[token]": (fx) => [
    { value: fx.wrongToken, real: false },
    { value: fx.open.token, real: true },
    { value: fx.chosen.token, real: true },
  ],
  "decide/[decision]": () => ["approve", "cancel", "matrix-junk"].map((value) => ({ value, real: true })),
  "payments/[id]": (fx) => [
    { value: String(fx.submitted.id), real: true },
    { value: "987654321", real: false },
  ],
  "requests/[id]": (fx) => fx.requestIds.map((id) => ({ value: String(id), real: true })),
  "methods/[id]": (fx) => [{ value: String(fx.methodId), real: true }],
  "webhooks/[id]": (fx) => [{ value: String(fx.endpointId), real: true }],
  "bank-accounts/[id]": (fx) => [{ value: String(fx.bankAccountId), real: true }],
  "statements/[id]": (fx) => [{ value: String(fx.statementId), real: true }],
  "import/[upload]": (fx) => [
    { value: fx.uploadId, real: true },
    { value: "0".repeat(32), real: false },
  ],
  "read/[id]": (fx) => [{ value: String(fx.submitted.id), real: true }],
  "pay-v/[id]": (fx) => [{ value: `${fx.open.token}.en.open`, real: true }],
  // No logo is uploaded in the fixtures: a well-formed name that is not the current logo (404), and a malformed one.
  "logo/[file]": () => [
    { value: `${"0".repeat(32)}.png`, real: false },
    { value: "..%2Fapp.db", real: false },
  ],
  "auth/[...nextauth]": () =>
    ["session", "csrf", "providers", "signin", "signin/credentials", "callback/credentials", "signout", "error", "matrix-junk"].map((value) => ({ value, real: true })),
  "v1/[...rest]": () => ["matrix-junk", "payments/1/refund"].map((value) => ({ value, real: true })),
};

/**
 * Columns that change without anyone changing anything, left out of every comparison:
 *  api_keys.last_used_at  stamped whenever a key authenticates a request, i.e. on reads too
 * (The sign-in bookkeeping, login_throttle and sessions, is compared like everything else; only the "signin" and
 * "session" rows of ACCESS may change it.)
 */
const IGNORED: Ignored = { api_keys: ["last_used_at"] };

type Role = "anonymous" | "agent" | "admin";

/** Which tables a call may change: any, none, or only these. */
function mayChange(access: Access, role: Role, realToken: boolean): "any" | string[] {
  switch (access) {
    case "admin":
      return role === "admin" ? "any" : [];
    case "staff":
      return role === "anonymous" ? [] : "any";
    case "session":
      return role === "anonymous" ? [] : ["sessions"];
    case "signin":
      return ["login_throttle", "sessions"];
    case "payer":
      return realToken ? "any" : [];
    case "public":
    case "api":
    case "disabled":
      return [];
  }
}

/** Callers that must be turned away: sent to sign in (or back to the dashboard), answered with nothing of the page's. */
function refuses(access: Access, role: Role): boolean {
  return (access === "admin" && role !== "admin") || ((access === "staff" || access === "session") && role === "anonymous");
}

const ROUTE_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

// ---- The matrix's server, callers and fixtures ----

const PORT = Number(process.env.E2E_PORT || 3100) + 10;
const DATA_DIR = ".e2e-data-matrix";
const SERVER_LOG = "test-results/authorization-matrix-server.log";

let server: MatrixServer;
let watcher: DbWatcher;
let maker: FixtureMaker;
let browser: Browser;
let fx: Fixtures;
let snap: Snapshot;
let actions: BuiltAction[];
let routes: BuiltRoute[];
let params: Map<string, Param[]>;
const cookies: Record<Role, string | undefined> = { anonymous: undefined, agent: undefined, admin: undefined };

test.describe.configure({ mode: "default", timeout: 10 * 60_000 });

test.beforeAll(async ({ browser: b }) => {
  test.setTimeout(5 * 60_000);
  browser = b;
  actions = builtActions();
  routes = builtRoutes();
  params = actionParams([...new Set(actions.map((a) => a.file))]);
  // On a PostgreSQL project, a database of its own on TEST_DATABASE_URL's server.
  const data = ownServer(DATA_DIR);
  server = await startMatrixServer(PORT, DATA_DIR, SERVER_LOG, data.env);
  watcher = watchDb(data, IGNORED);
  maker = await openFixtureMaker(databaseUrl(data), server.dataDir);
  cookies.agent = await sessionCookie(browser, server.origin, "agent");
  cookies.admin = await sessionCookie(browser, server.origin, "admin");
  // The anonymous caller holds a forged session cookie (a staff member's cookie names, values of its own): proxy.ts
  // lets any request with one through to /dashboard, so each handler's own check is what is tested.
  cookies.anonymous = cookies.agent
    .split("; ")
    .filter((c) => /session/i.test(c.split("=")[0]))
    .map((c) => `${c.split("=")[0]}=matrix-forged-session`)
    .join("; ");
  expect(cookies.anonymous, "no session cookie among the agent's cookies").not.toBe("");
  fx = await maker.make();
  snap = await watcher.snapshot();
});

test.afterAll(async () => {
  await watcher?.close();
  await maker?.close();
  await server?.stop();
});

/**
 * The fixtures are written with the app's own data layer, whose engine is fixed when db/tables.ts is first imported
 * (from DATABASE_URL): so it is imported here, once DATABASE_URL names the matrix's database. (No other story imports
 * the data layer.)
 */
async function openFixtureMaker(url: string, dataDir: string): Promise<FixtureMaker> {
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    // require, not import(): Playwright compiles the specs to CommonJS, and its import() of a TypeScript file fails.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FixtureMaker } = require("./matrix/fixtures") as typeof import("./matrix/fixtures");
    return await FixtureMaker.open(url, dataDir);
  } finally {
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
  }
}

type Outcome = { answer: Answer; changes: Change[] };

/** Calls made by the running test, by answer status: attached to its report. */
let tally = new Map<number, number>();
test.beforeEach(() => {
  tally = new Map();
});
test.afterEach(async ({}, info) => {
  const calls = [...tally.values()].reduce((a, b) => a + b, 0);
  if (calls === 0) return;
  const byStatus = [...tally].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(", ");
  await info.attach("calls", { body: `${calls} calls (${byStatus}); the server's output is in ${SERVER_LOG}`, contentType: "text/plain" });
});

/** Makes one call and compares the whole database before and after; fresh fixtures whenever something changed. */
async function observe(role: Role, call: () => Promise<Answer>): Promise<Outcome> {
  const answer = await call();
  tally.set(answer.status, (tally.get(answer.status) ?? 0) + 1);
  // Nothing committed since the last snapshot: nothing changed.
  if ((await watcher.version()) === snap.version && !endsSession(answer)) return { answer, changes: [] };
  const after = await watcher.snapshot();
  const changes = diff(snap, after);
  snap = after;
  if (role !== "anonymous" && (endsSession(answer) || changes.some((c) => c.table === "sessions" || c.table === "users"))) {
    await keepSignedIn(role);
  }
  if (changes.length > 0) {
    fx = await maker.make();
    snap = await watcher.snapshot();
  }
  return { answer, changes };
}

/** An answer that clears the session cookie. */
function endsSession(answer: Answer): boolean {
  return /session-token=(;|[^\n]*(Max-Age=0|Expires=Thu, 01 Jan 1970))/i.test(answer.setCookie);
}

/** A call may have ended the caller's session (sign-out, a password or role change): sign in again if so. */
async function keepSignedIn(role: Role) {
  const res = await request(server.origin, "GET", "/dashboard/account", { cookie: cookies[role] });
  if (res.status !== 200) cookies[role] = await sessionCookie(browser, server.origin, role as "agent" | "admin");
  snap = await watcher.snapshot();
}

function accessOf(key: string): Access {
  // Unknown to ACCESS: treated as the strictest until someone says otherwise (and the first test fails).
  return ACCESS[key] ?? "admin";
}

/** Where a browser would call the action: a page that bundles it, with its dynamic segments filled in. */
function actionPage(action: BuiltAction): string {
  const page = action.pages.find((p) => !p.includes("[")) ?? action.pages[0] ?? "/";
  return expand(page)[0].path;
}

function expand(pattern: string): { path: string; real: boolean }[] {
  let paths = [{ path: pattern, real: true }];
  for (const seg of dynamicSegments(pattern)) {
    const values = SEGMENTS[seg];
    if (!values) throw new Error(`No values for the dynamic segment ${seg} of ${pattern}: add some to SEGMENTS in e2e/authorization-matrix.spec.ts.`);
    const param = seg.split("/")[1];
    paths = paths.flatMap((p) => values(fx).map((v) => ({ path: p.path.replace(param, v.value), real: p.real && v.real })));
  }
  return paths;
}

function show(args: unknown[] | null): string {
  if (args === null) return "(not an argument list)";
  return `(${args.map((a) => (a instanceof FormData ? "FormData" : JSON.stringify(a))).join(", ")})`;
}

type Violation = string;

function judge(out: Violation[], label: string, role: Role, access: Access, o: Outcome, realToken = false) {
  const { answer, changes } = o;
  if (answer.status >= 500) out.push(`${label}: answered ${answer.status} (the error is in ${SERVER_LOG})`);
  if (answer.actionNotFound) out.push(`${label}: Next.js did not find the action (the matrix called nothing)`);
  const allowed = mayChange(access, role, realToken);
  const forbidden = allowed === "any" ? [] : changes.filter((c) => !allowed.includes(c.table));
  if (forbidden.length) out.push(`${label}: as ${role}, a "${access}" call changed the database: ${describeChanges(forbidden)}`);
}

// ---- Calls ----

async function callActions(role: Role, out: Violation[]) {
  for (const action of actions) {
    const access = accessOf(action.key);
    const p = params.get(action.key) ?? [];
    const page = actionPage(action);
    // A refused caller gets everything, down to a body that is no argument list: the check must come before any
    // parsing. Allowed callers get the right shapes with junk values, a body that is no argument list, and a word in
    // every place (no FormData at all): a validation answer or nothing, never a 500.
    const argLists: (() => unknown[] | null)[] = refuses(access, role)
      ? [() => null, () => [], ...(p.length ? [() => junkArgs(p), ...plausibleArgs(p, () => fx)] : [])]
      : [() => junkArgs(p), () => null, () => p.map(() => "matrix-junk")];
    for (const args of argLists) {
      let sent: unknown[] | null = null;
      const o = await observe(role, () => callAction(server.origin, page, action.id, (sent = args()), cookies[role]));
      judge(out, `${role} → ${action.key}${show(sent)} on ${page}`, role, access, o);
      // A refused caller is sent away (to sign in, or back to the dashboard), never answered: an action may also leak
      // what it returns.
      if (refuses(access, role) && o.answer.status < 500) {
        const to = o.answer.actionRedirect;
        if (role === "anonymous" ? !(to && new URL(to.split(";")[0], server.origin).pathname === "/login") : !to) {
          out.push(`${role} → ${action.key}${show(sent)}: expected to be sent ${role === "anonymous" ? "to /login" : "away"}, got ${o.answer.status} ${to ?? "and an answer"}`);
        }
      }
    }
  }
}

async function callRoutes(role: Role, out: Violation[]) {
  for (const route of routes.filter((r) => r.kind === "route")) {
    const access = accessOf(route.pattern);
    // Targets are made again for each call by their index: fresh fixtures have fresh ids and tokens.
    for (let i = 0; i < expand(route.pattern).length; i++) {
      for (const method of ROUTE_METHODS) {
        const bodies: [string, () => { body?: string | FormData; headers?: Record<string, string> }][] = [["", () => ({})]];
        if (!READS.has(method)) {
          bodies.push([" with a valid-looking form", () => ({ body: plausibleForm(fx) })]);
          bodies.push([" with junk JSON", () => ({ body: '{"matrix":"junk"}', headers: { "content-type": "application/json" } })]);
        }
        for (const [what, body] of bodies) {
          let target = expand(route.pattern)[i];
          const o = await observe(role, () => {
            target = expand(route.pattern)[i];
            return request(server.origin, method, target.path, { cookie: cookies[role], ...body() });
          });
          const label = `${role} → ${method} ${target.path}${what}`;
          judge(out, label, role, access, o, target.real);
          if (access === "api" && ![401, 405].includes(o.answer.status) && !(method === "OPTIONS" && o.answer.status === 204)) {
            out.push(`${label}: an API route without a key answered ${o.answer.status}, not 401`);
          }
          if (access === "disabled" && o.answer.status < 400 && method !== "OPTIONS") out.push(`${label}: a disabled route answered ${o.answer.status}, not 404`);
          // A refused caller learns nothing either: no staff route answers them with its content.
          if (refuses(access, role) && (access === "staff" || access === "admin") && method !== "OPTIONS" && o.answer.status < 300) {
            out.push(`${label}: a "${access}" route answered ${role} ${o.answer.status}`);
          }
          if (o.answer.status === 405) break; // the method is not exported: other bodies change nothing either
        }
      }
    }
  }
}

async function callPages(role: Role, out: Violation[]) {
  for (const route of routes.filter((r) => r.kind === "page")) {
    const access = accessOf(route.pattern);
    for (let i = 0; i < expand(route.pattern).length; i++) {
      let target = expand(route.pattern)[i];
      const o = await observe(role, () => {
        target = expand(route.pattern)[i];
        return request(server.origin, "GET", target.path, { cookie: cookies[role] });
      });
      const label = `${role} → GET ${target.path}`;
      judge(out, label, role, access, o, target.real);
      // What a refused visitor gets instead of the page.
      if (refuses(access, role) && role === "anonymous" && !(o.answer.status >= 300 && o.answer.status < 400 && o.answer.location?.includes("/login"))) {
        out.push(`${label}: a "${access}" page answered an anonymous visitor ${o.answer.status} ${o.answer.location ?? ""}, not a redirect to /login`);
      }
      if (refuses(access, role) && role === "agent" && o.answer.status < 300) out.push(`${label}: an admin page answered an agent ${o.answer.status}`);
    }
  }
}

// ---- The tests ----

test("every server action, route handler and page in the build has a declared role", () => {
  const built = [...actions.map((a) => a.key), ...routes.map((r) => r.pattern)];
  const unknown = built.filter((k) => !(k in ACCESS));
  const stale = Object.keys(ACCESS).filter((k) => !built.includes(k));
  expect(
    unknown,
    `The build has server actions or routes that the authorization matrix does not know. For each, add a line to ACCESS in ` +
      `e2e/authorization-matrix.spec.ts saying who may use it ("admin", "staff", "session", "signin", "public", "payer", "api" or ` +
      `"disabled"; see the comment there), and make sure its code checks the session and the role before it reads its input ` +
      `(staffAction({ role }) from server/staff-action.ts for actions, currentStaff() in route handlers, requireStaff() in pages):\n` +
      unknown.map((k) => `  ${JSON.stringify(k)}: "admin", // or whoever else may use it`).join("\n"),
  ).toEqual([]);
  expect(stale, "ACCESS in e2e/authorization-matrix.spec.ts names actions or routes the build no longer has: remove them").toEqual([]);
});

for (const role of ["anonymous", "agent", "admin"] as const) {
  test(`as ${role}: every action, route and page answers without a 5xx and changes only what ${role === "anonymous" ? "anyone" : `an ${role}`} may`, async () => {
    const out: Violation[] = [];
    await callActions(role, out);
    await callRoutes(role, out);
    await callPages(role, out);
    // The calls above were made signed in, not after a sign-out the matrix caused.
    if (role !== "anonymous") expect((await request(server.origin, "GET", "/dashboard/account", { cookie: cookies[role] })).status).toBe(200);
    expect(out, `${out.length} calls broke the matrix`).toEqual([]);
  });
}

test("the matrix can tell: the same calls change the database when made by someone allowed to", async () => {
  // Without this, a probe that never reaches the code behind the check (a wrong id, a form missing a field) would let
  // a missing check pass unseen.
  const blind: string[] = [];
  for (const action of actions) {
    const access = accessOf(action.key);
    if (access !== "admin" && access !== "staff") continue;
    const role: Role = access === "admin" ? "admin" : "agent";
    const p = params.get(action.key) ?? [];
    let changed = false;
    for (const args of plausibleArgs(p, () => fx)) {
      const o = await observe(role, () => callAction(server.origin, actionPage(action), action.id, args(), cookies[role]));
      expect.soft(o.answer.status, `${role} → ${action.key}`).toBeLessThan(500);
      changed ||= o.changes.length > 0;
    }
    if (!changed) blind.push(`${action.key} (as ${role})`);
  }
  for (const route of routes.filter((r) => r.kind === "route")) {
    const access = accessOf(route.pattern);
    if (access !== "admin" && access !== "staff") continue;
    const role: Role = access === "admin" ? "admin" : "agent";
    let changed = false;
    let writable = false;
    for (const method of ROUTE_METHODS.filter((m) => !READS.has(m))) {
      for (let i = 0; i < expand(route.pattern).length; i++) {
        const o = await observe(role, () => request(server.origin, method, expand(route.pattern)[i].path, { cookie: cookies[role], body: plausibleForm(fx) }));
        expect.soft(o.answer.status, `${role} → ${method} ${route.pattern}`).toBeLessThan(500);
        if (o.answer.status === 405) break; // not exported
        writable = true;
        changed ||= o.changes.length > 0;
      }
    }
    // A route that only reads has nothing to show here; its refusals are checked by status above.
    if (writable && !changed) blind.push(`${route.pattern} (as ${role})`);
  }
  expect(
    blind,
    "These calls change nothing even for a caller who may make them, so the matrix could not see a missing check there. " +
      "Give the matrix a valid value for their fields (plausibleForm in e2e/matrix/calls.ts) or ids (fixtures.ts):",
  ).toEqual([]);
});
