// The OpenAPI 3.1 document, assembled from the same zod schemas the handlers parse with.
import { z } from "zod";
import { API_SCOPES, SCOPE_LABELS, type ApiScope } from "./scopes";
import { ApiMethod, ApiPayment, CancelPaymentBody, CreatePaymentBody, ImportStatementQuery, ListPaymentsQuery, MethodList, PaymentList, Problem, StatementImport, WebhookPayload } from "./schemas";
import { WEBHOOK_EVENT_TYPES } from "../webhooks/events";

const schema = (s: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(s, { io, target: "draft-2020-12", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const errors = {
  "401": problemResponse("Missing, malformed or revoked API key."),
  "403": problemResponse("The key lacks the scope this needs; `required_scope` names it."),
  "429": problemResponse("This key sent too many requests; see Retry-After."),
};
/**
 * The scope an operation needs, as OpenAPI 3.1 lists the roles of a non-OAuth scheme, and said first in its description
 * (which is what the dashboard's API reference shows).
 */
const needs = (scopes: ApiScope | ApiScope[], description?: string, words = `Needs the \`${scopes}\` scope.`) => ({
  security: [scopes].flat().map((s) => ({ apiKey: [s] })),
  description: description ? `${words} ${description}` : words,
});
const scopesDescription =
  "An API key from Settings → API keys, sent as `Authorization: Bearer dp_live_…`. Each key has the scopes chosen when it was created: " +
  API_SCOPES.map((s) => `\`${s}\` (${SCOPE_LABELS[s].hint.replace(/\.$/, "").replace(/^./, (c) => c.toLowerCase())})`).join("; ") +
  ". A request outside the key's scopes is answered `403` with `required_scope`; a payment the key may not see is answered `404`, as if it did not exist.";

function queryParameters(s: z.ZodObject) {
  const js = schema(s, "input") as { properties: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(js.properties).map(([name, p]) => ({
    name,
    in: "query",
    required: js.required?.includes(name) ?? false,
    description: p.description,
    schema: p,
  }));
}

/** The payment operations: create, list, get and cancel. */
function paymentPaths() {
  return {
    "/payments": {
      post: {
        operationId: "createPayment",
        summary: "Create a payment request",
        ...needs(
          "payments:write",
          "Send an `Idempotency-Key` header: repeating the same request with it returns the first answer byte for byte; the same key with another body is refused (422).",
        ),
        parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Any unique string per payment, e.g. a UUID; kept 48 h." }],
        requestBody: { required: true, content: { "application/json": { schema: ref("CreatePayment") } } },
        responses: {
          "201": { description: "Created (or replayed, with `Idempotent-Replayed: true`).", content: { "application/json": { schema: ref("Payment") } } },
          "400": problemResponse("The body is not valid JSON."),
          ...errors,
          "413": problemResponse("The body is larger than 1 MB."),
          "415": problemResponse("The body is not application/json."),
          "422": problemResponse("Invalid fields (listed in `errors`), or an Idempotency-Key reused with another body."),
        },
      },
      get: {
        operationId: "listPayments",
        summary: "List payments, newest first",
        ...needs("payments:read", "Lists every payment, those made in the dashboard too."),
        parameters: queryParameters(ListPaymentsQuery),
        responses: { "200": { description: "One page.", content: { "application/json": { schema: ref("PaymentList") } } }, ...errors, "422": problemResponse("Invalid query parameters.") },
      },
    },
    "/payments/{id}": {
      get: {
        operationId: "getPayment",
        summary: "Get one payment",
        ...needs(["payments:read", "payments:write"], undefined, "Needs the `payments:read` scope, or `payments:write` for a payment this key created."),
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
        responses: { "200": { description: "The payment.", content: { "application/json": { schema: ref("Payment") } } }, ...errors, "404": problemResponse("No such payment, or not one this key may see.") },
      },
    },
    "/payments/{id}/cancel": {
      post: {
        operationId: "cancelPayment",
        summary: "Cancel an open payment",
        ...needs(
          "payments:write",
          "Only while the customer has not confirmed it yet (status `open`), and only a payment created through the API (by any of your keys); payments made in the dashboard are decided there.",
        ),
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
        requestBody: { required: false, content: { "application/json": { schema: ref("CancelPayment") } } },
        responses: {
          "200": { description: "Cancelled.", content: { "application/json": { schema: ref("Payment") } } },
          ...errors,
          "403": problemResponse("The key lacks `payments:write` (`required_scope`), or the payment was made in the dashboard."),
          "404": problemResponse("No such payment, or not one this key may see."),
          "409": problemResponse("The payment is no longer open."),
        },
      },
    },
  };
}

/** The statement import. */
function statementPaths() {
  return {
    "/statements": {
      post: {
        operationId: "importStatement",
        summary: "Import a bank statement and match its lines to payments",
        ...needs(
          "statements:write",
          "The body is the file itself: ISO 20022 camt.053 or camt.054 XML, or a CSV export of a bank account whose column mapping was confirmed once in the dashboard. " +
            "It is imported and matched in one transaction, as in the dashboard (without the preview): lines that pay a payment move it on (and approve it, if the bank account says so), the rest wait in the Unmatched inbox. " +
            "The same file again is refused (409); lines an overlapping statement already brought in are skipped. With an `Idempotency-Key`, repeating the request returns the first answer.",
        ),
        parameters: [
          ...queryParameters(ImportStatementQuery),
          { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Any unique string per file, e.g. a UUID; kept 48 h." },
        ],
        requestBody: {
          required: true,
          content: { "application/xml": { schema: { type: "string" } }, "text/csv": { schema: { type: "string" } }, "application/octet-stream": { schema: { type: "string", format: "binary" } } },
        },
        responses: {
          "201": { description: "Imported: how many lines ended in each state, and each line.", content: { "application/json": { schema: ref("StatementImport") } } },
          ...errors,
          "404": problemResponse("No bank account with this id."),
          "409": problemResponse("This file was imported before."),
          "413": problemResponse("The file is larger than 32 MB."),
          "422": problemResponse("The file does not read (each problem in `errors`, with its line; nothing was imported), a CSV file for an account without a saved column mapping, or an Idempotency-Key reused with another request."),
        },
      },
    },
  };
}

/** The payment methods. */
function methodPaths() {
  return {
    "/methods": {
      get: {
        operationId: "listMethods",
        summary: "Enabled payment methods with their currencies and limits",
        ...needs("methods:read"),
        responses: { "200": { description: "The methods in display order.", content: { "application/json": { schema: ref("MethodList") } } }, ...errors },
      },
    },
  };
}

/** The operations, one entry per path. */
function paths() {
  return { ...paymentPaths(), ...statementPaths(), ...methodPaths() };
}

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Direct Payments API",
      version: "1.0.0",
      description:
        "Create payment requests, send customers to their link, and follow the outcome. Authenticate with `Authorization: Bearer dp_live_…`. Errors are RFC 9457 problem+json. Outcomes are also pushed as Standard Webhooks.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ apiKey: [] }],
    paths: paths(),
    webhooks: {
      payment: {
        post: {
          summary: WEBHOOK_EVENT_TYPES.join(", "),
          description:
            "Signed per Standard Webhooks: headers `webhook-id` (stable across retries), `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`. Answer 2xx within 15 s; anything else is retried (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h). 410 disables the endpoint.",
          requestBody: { content: { "application/json": { schema: ref("WebhookPayload") } } },
          responses: { "200": { description: "Received." } },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: scopesDescription } },
      schemas: {
        CreatePayment: schema(CreatePaymentBody, "input"),
        CancelPayment: schema(CancelPaymentBody, "input"),
        Payment: schema(ApiPayment),
        PaymentList: schema(PaymentList),
        Method: schema(ApiMethod),
        MethodList: schema(MethodList),
        Problem: schema(Problem),
        WebhookPayload: schema(WebhookPayload),
        StatementImport: schema(StatementImport),
      },
    },
  };
}
