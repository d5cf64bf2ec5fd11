// How the matrix calls the app: server actions the way React's client does (the Next-Action header and React's own
// reply encoding), route handlers and pages with plain HTTP; and what it sends: junk, or plausible values aimed at
// the fixtures, so that an action which forgot its check would visibly change something.
import type { Param } from "./action-params";
import type { Fixtures } from "./fixtures";
import { PNG_1X1, USERS } from "../helpers";

// React's encoder for server action arguments, as bundled with Next.js (the client and the server must agree).
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

export type Answer = { status: number; location: string | null; actionRedirect: string | null; actionNotFound: boolean; setCookie: string; body: string };

let nth = 0;

export async function request(
  origin: string,
  method: string,
  path: string,
  opts: { cookie?: string; headers?: Record<string, string>; body?: string | FormData } = {},
): Promise<Answer> {
  nth++;
  const headers: Record<string, string> = {
    // A browser's same-site request, each from an address of its own (TEST-NET-2), so that failed sign-ins the
    // matrix provokes never throttle the address its own sign-ins come from.
    "x-forwarded-for": `198.51.100.${(nth % 250) + 1}`,
    ...(opts.cookie ? { cookie: opts.cookie } : {}),
    ...(method !== "GET" && method !== "HEAD" ? { origin } : {}),
    ...opts.headers,
  };
  const res = await fetch(origin + path, { method, headers, body: opts.body, redirect: "manual" });
  const body = method === "HEAD" ? "" : await res.text();
  return {
    status: res.status,
    location: res.headers.get("location"),
    actionRedirect: res.headers.get("x-action-redirect"),
    actionNotFound: res.headers.get("x-nextjs-action-not-found") === "1",
    setCookie: res.headers.getSetCookie().join("\n"),
    body,
  };
}

/** Calls a server action on `page` as the browser would after a click: React's encoding of `args`, Next-Action. */
export async function callAction(origin: string, page: string, actionId: string, args: unknown[] | null, cookie?: string): Promise<Answer> {
  // null: a body that is not an argument list at all.
  const body = args === null ? "{}" : await encodeReply(args);
  return request(origin, "POST", page, {
    cookie,
    headers: {
      accept: "text/x-component",
      "next-action": actionId,
      ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}),
    },
    body,
  });
}

// ---- What is sent ----

let probe = 0;

/**
 * A form that every action and form route of the app accepts as valid, field by field (fields are shared across
 * forms: "name" is a user's, a method's, a key's and the business's). When a new form has fields that are not here,
 * add valid values for them: the matrix can only see a missing check when the call would otherwise succeed.
 */
export function plausibleForm(fx: Fixtures): FormData {
  probe++;
  const f = new FormData();
  const fields: Record<string, string> = {
    // users, sign-in, API keys, business profile, methods
    email: `matrix-probe-${probe}-${Date.now()}@example.com`,
    name: `Matrix probe ${probe}`,
    role: "admin",
    password: "matrix-probe-password",
    // the caller's own password change: the demo agent's, set to itself (the hash still changes)
    current: USERS.agent.password,
    next: USERS.agent.password,
    confirm: USERS.agent.password,
    // an API key's scopes
    scopes: "payments:read",
    // webhooks
    url: `https://matrix-probe-${probe}.example/hook`,
    events: "payment.approved",
    // a new payment link
    amount: "12.34",
    currency: "EUR",
    description: `Matrix probe ${probe}`,
    expiresInHours: "24",
    // business profile
    supportContact: "",
    defaultCurrency: "USD",
    defaultHoursOpen: "48",
    defaultLocale: "ru",
    // Empty (no reminders): the reminder job must write nothing in the background while the matrix watches.
    reminderHoursBefore: "",
    pendingMail: "digest",
    digestMinutes: "60",
    // a payment method
    kind: "other",
    enabled: "on",
    currencies: "EUR",
    receipt: "off",
    "details.0.label": "Account",
    "details.0.value": `MATRIX-${probe}`,
    instructions: "Pay with the reference.",
    // a connection request and its thread
    paymentSystem: `Matrix pay ${probe}`,
    countries: "DE",
    howCustomersPay: "By app",
    accountDetails: "Account: 1",
    comment: "Matrix probe",
    body: "Matrix probe comment",
    reason: "Matrix probe reason",
    // an agent's decision, the payer's choice and confirmation
    paymentId: String(fx.submitted.id),
    returnTo: "detail",
    methodId: String(fx.methodId),
    transactionId: `MATRIX-TX-${probe}`,
    // a bank account
    accountNumber: "DE89 3704 0044 0532 0130 00",
    methodIds: String(fx.methodId),
    feeTolerance: "0.50",
    // a statement upload, a CSV column mapping, a line matched by hand
    bankAccountId: String(fx.bankAccountId),
    hasHeader: "on",
    dateColumn: "0",
    dateFormat: "YYYY-MM-DD",
    amountKind: "signed",
    amountColumn: "1",
    currencyKind: "fixed",
    currencyCode: "EUR",
    decimalMark: ".",
    referenceColumn: "2",
    reference: fx.open.reference,
    // a refund recorded (its amount is the new link's: all of what the fixtures' refundable payment received)
    seenRefunded: "0",
    note: "Matrix probe refund",
  };
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append("statement", new Blob([fx.statementFile(`MATRIX-PROBE-${probe}-${Date.now()}`)], { type: "application/xml" }), "statement.xml");
  // the business logo (a real PNG: the upload checks its bytes)
  f.append("logo", new Blob([PNG_1X1], { type: "image/png" }), "logo.png");
  return f;
}

/** Ids a parameter named like this probably means; any id of the fixtures when the name says nothing. */
function idsFor(name: string, fx: Fixtures): number[] {
  const hints: [RegExp, number[]][] = [
    [/user/i, [fx.userId]],
    [/method/i, [fx.methodId]],
    [/endpoint/i, [fx.endpointId]],
    [/deliver/i, [fx.deliveryId]],
    [/request/i, fx.requestIds],
    [/payment/i, [fx.open.id, fx.submitted.id, fx.refundable.id]],
    [/key/i, [fx.apiKeyId]],
    [/line/i, fx.bankLineIds],
    [/account/i, [fx.bankAccountId]],
    [/email/i, [fx.emailId]],
  ];
  const hinted = hints.find(([re]) => re.test(name));
  const ids = hinted ? hinted[1] : hints.flatMap(([, v]) => v);
  return [...new Set(ids)];
}

function plausibleValues(p: Param, fx: Fixtures): (() => unknown)[] {
  switch (p.kind) {
    case "formData":
      return [() => plausibleForm(fx)];
    case "state":
      return [() => ({})];
    case "boolean":
      return [() => true, () => false];
    case "literals":
      return p.literals.map((l) => () => l);
    case "number":
      return [...idsFor(p.name, fx).map((id) => () => id), ...(p.nullable ? [() => null] : [])];
    case "string":
      // Bound strings are payment tokens, or (the import steps) the id of an uploaded statement file.
      return [() => fx.open.token, () => "matrix", () => fx.uploadId];
    case "unknown":
      return [() => undefined];
  }
}

const MAX_COMBINATIONS = 48;

/**
 * Argument lists aimed at the fixtures: every combination of each parameter's plausible values (bounded). Each list
 * is made when it is sent, from the fixtures of that moment (they are made again after any change).
 */
export function plausibleArgs(params: Param[], current: () => Fixtures): (() => unknown[])[] {
  let combos: number[][] = [[]];
  for (const p of params) {
    const n = plausibleValues(p, current()).length;
    combos = combos.flatMap((c) => Array.from({ length: n }, (_, i) => [...c, i]));
  }
  if (combos.length > MAX_COMBINATIONS) {
    const step = combos.length / MAX_COMBINATIONS;
    combos = Array.from({ length: MAX_COMBINATIONS }, (_, i) => combos[Math.floor(i * step)]);
  }
  return combos.map((c) => () => {
    const fx = current();
    return params.map((p, k) => plausibleValues(p, fx)[c[k]]());
  });
}

/** The right shapes with values nothing accepts: an empty form, an id that does not exist, a word no enum has. */
export function junkArgs(params: Param[]): unknown[] {
  return params.map((p) => {
    switch (p.kind) {
      case "formData":
        return new FormData();
      case "state":
        return {};
      case "boolean":
        return true;
      case "number":
        return 987_654_321;
      case "literals":
      case "string":
        return "matrix-junk";
      case "unknown":
        return null;
    }
  });
}
