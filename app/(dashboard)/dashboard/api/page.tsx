// A readable API reference, rendered from the same OpenAPI document that /api/v1/openapi.json serves.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/auth";
import { openApiDocument } from "@/lib/api/openapi";
import { siteUrl } from "@/app/site-url";

export const metadata: Metadata = { title: "API reference" };

type JsonSchema = { type?: string | string[]; description?: string; properties?: Record<string, JsonSchema>; required?: string[]; enum?: string[]; anyOf?: JsonSchema[]; items?: JsonSchema; minimum?: number; maximum?: number; maxLength?: number; format?: string };

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((e) => `"${e}"`).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
  if (s.type === "array" && s.items) return `${typeOf(s.items)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${t} (${s.format})` : t;
}

function limits(s: JsonSchema): string {
  const parts = [];
  // zod writes any integer's bounds as the safe-integer range: that says nothing a reader needs.
  if (s.minimum != null && s.minimum !== Number.MIN_SAFE_INTEGER) parts.push(`≥ ${s.minimum}`);
  if (s.maximum != null && s.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s.maximum}`);
  if (s.maxLength != null) parts.push(`≤ ${s.maxLength} chars`);
  return parts.join(", ");
}

/** Renders `code` spans of the OpenAPI descriptions. */
function Text({ children }: { children?: string }) {
  if (!children) return null;
  return <>{children.split("`").map((part, i) => (i % 2 ? <code key={i} className="rounded bg-slate-100 px-1">{part}</code> : part))}</>;
}

function Fields({ schema }: { schema: JsonSchema }) {
  const props = Object.entries(schema.properties ?? {});
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">Field</th>
            <th scope="col" className="py-1 pr-3">Type</th>
            <th scope="col" className="py-1">Notes</th>
          </tr>
        </thead>
        <tbody>
          {props.map(([name, p]) => (
            <tr key={name} className="border-t border-slate-100 align-top">
              <td className="py-1.5 pr-3 font-mono">
                {name}
                {schema.required?.includes(name) ? "" : <span className="text-slate-500">?</span>}
              </td>
              <td className="py-1.5 pr-3 font-mono text-xs">{typeOf(p)}</td>
              <td className="py-1.5 text-slate-700 break-words">{[p.description, limits(p)].filter(Boolean).join(" ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ApiPage() {
  await requireStaffPage();
  const base = await siteUrl();
  const doc = openApiDocument(base);
  const schemas = doc.components.schemas as Record<string, JsonSchema>;
  const refName = (r: unknown) => (r as { $ref?: string })?.$ref?.split("/").pop();
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API reference</h1>
        <p className="mt-1 text-slate-600">
          <Text>{doc.info.description}</Text> Machine-readable: <a href="/api/v1/openapi.json" className="font-medium text-accent-700 underline">/api/v1/openapi.json</a>. Keys:{" "}
          <Link href="/dashboard/settings/api-keys" className="font-medium text-accent-700 underline">Settings → API keys</Link> (admins).
        </p>
      </div>
      <section aria-labelledby="quick" className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="quick" className="mb-2 text-lg font-semibold">Create a payment</h2>
        <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">{`curl ${base}/api/v1/payments \\
  -H "Authorization: Bearer dp_live_…" \\
  -H "Idempotency-Key: order-1042" \\
  -H "Content-Type: application/json" \\
  -d '{"amount": "19.99", "currency": "EUR", "description": "Leather wallet", "order_id": "1042",
       "return_url": "https://shop.example/orders/1042"}'`}</pre>
        <p className="mt-2 text-sm text-slate-700">Send the customer to the answer’s <code>url</code>. You hear of the outcome by webhook, or by reading the payment again.</p>
      </section>
      {Object.entries(doc.paths).map(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => {
          const o = op as { summary: string; description?: string; parameters?: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }> };
          const body = o.requestBody ? refName(Object.values(o.requestBody.content)[0].schema) : undefined;
          return (
            <section key={method + path} aria-labelledby={`${method}-${path}`} className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
              <h2 id={`${method}-${path}`} className="font-mono text-base font-semibold">
                <span className="rounded bg-accent-50 px-2 py-0.5 text-accent-800">{method.toUpperCase()}</span> /api/v1{path}
              </h2>
              <p className="mt-1 font-medium">{o.summary}</p>
              {o.description && <p className="mt-1 text-sm text-slate-700"><Text>{o.description}</Text></p>}
              {o.parameters && o.parameters.length > 0 && (
                <>
                  <h3 className="mt-3 text-sm font-semibold">Parameters</h3>
                  <ul className="mt-1 space-y-1 text-sm">
                    {o.parameters.map((p) => (
                      <li key={p.name}>
                        <code>{p.name}</code> <span className="text-slate-500">({p.in}{p.required ? ", required" : ""}, {typeOf(p.schema)})</span> {p.description}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {body && schemas[body] && (
                <>
                  <h3 className="mt-3 text-sm font-semibold">Body</h3>
                  <Fields schema={schemas[body]} />
                </>
              )}
              <h3 className="mt-3 text-sm font-semibold">Responses</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {Object.entries(o.responses).map(([code, r]) => (
                  <li key={code}>
                    <code className="font-semibold">{code}</code> <Text>{r.description}</Text>
                  </li>
                ))}
              </ul>
            </section>
          );
        }),
      )}
      <section aria-labelledby="payment-object" className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="payment-object" className="mb-2 text-lg font-semibold">The payment object</h2>
        <Fields schema={schemas.Payment} />
      </section>
      <section id="webhooks" aria-labelledby="webhooks-h" className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="webhooks-h" className="mb-2 text-lg font-semibold">Webhooks</h2>
        <p className="text-sm text-slate-700"><Text>{doc.webhooks.payment.post.description}</Text></p>
        <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">{`import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.DIRECT_PAYMENTS_WEBHOOK_SECRET); // "whsec_…"
// rawBody: the request body exactly as received (a string), headers: the request headers
const event = wh.verify(rawBody, headers); // throws if the signature or timestamp is wrong
if (event.type === "payment.approved") markOrderPaid(event.data.order_id);`}</pre>
      </section>
    </div>
  );
}
