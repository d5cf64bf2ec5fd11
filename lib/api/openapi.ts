// The OpenAPI 3.1 document, assembled from the same zod schemas the handlers parse with.
import { z } from "zod";
import { ApiMethod, ApiPayment, CancelPaymentBody, CreatePaymentBody, ListPaymentsQuery, MethodList, PaymentList, Problem, WebhookPayload } from "./schemas";

const schema = (s: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(s, { io, target: "draft-2020-12", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const errors = {
  "401": problemResponse("Missing, malformed or revoked API key."),
  "429": problemResponse("This key sent too many requests; see Retry-After."),
};

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
    paths: {
      "/payments": {
        post: {
          operationId: "createPayment",
          summary: "Create a payment request",
          description: "Send an `Idempotency-Key` header: repeating the same request with it returns the first answer byte for byte; the same key with another body is refused (422).",
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
          parameters: queryParameters(ListPaymentsQuery),
          responses: { "200": { description: "One page.", content: { "application/json": { schema: ref("PaymentList") } } }, ...errors, "422": problemResponse("Invalid query parameters.") },
        },
      },
      "/payments/{id}": {
        get: {
          operationId: "getPayment",
          summary: "Get one payment",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { "200": { description: "The payment.", content: { "application/json": { schema: ref("Payment") } } }, ...errors, "404": problemResponse("No such payment.") },
        },
      },
      "/payments/{id}/cancel": {
        post: {
          operationId: "cancelPayment",
          summary: "Cancel an open payment",
          description: "Only while the customer has not confirmed it yet (status `open`).",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          requestBody: { required: false, content: { "application/json": { schema: ref("CancelPayment") } } },
          responses: {
            "200": { description: "Cancelled.", content: { "application/json": { schema: ref("Payment") } } },
            ...errors,
            "404": problemResponse("No such payment."),
            "409": problemResponse("The payment is no longer open."),
          },
        },
      },
      "/methods": {
        get: {
          operationId: "listMethods",
          summary: "Enabled payment methods with their currencies and limits",
          responses: { "200": { description: "The methods in display order.", content: { "application/json": { schema: ref("MethodList") } } }, ...errors },
        },
      },
    },
    webhooks: {
      payment: {
        post: {
          summary: "payment.submitted, payment.approved, payment.cancelled, payment.expired",
          description:
            "Signed per Standard Webhooks: headers `webhook-id` (stable across retries), `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`. Answer 2xx within 15 s; anything else is retried (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h). 410 disables the endpoint.",
          requestBody: { content: { "application/json": { schema: ref("WebhookPayload") } } },
          responses: { "200": { description: "Received." } },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys." } },
      schemas: {
        CreatePayment: schema(CreatePaymentBody, "input"),
        CancelPayment: schema(CancelPaymentBody, "input"),
        Payment: schema(ApiPayment),
        PaymentList: schema(PaymentList),
        Method: schema(ApiMethod),
        MethodList: schema(MethodList),
        Problem: schema(Problem),
        WebhookPayload: schema(WebhookPayload),
      },
    },
  };
}
