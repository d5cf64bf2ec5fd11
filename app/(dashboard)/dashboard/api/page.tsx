// A readable API reference, rendered from the same OpenAPI document that /api/v1/openapi.json serves.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { openApiDocument } from "@/lib/api/openapi";
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/public-origin";
import { Fields, type JsonSchema, OperationCard, Text } from "@/components/api/api-reference";
import { Card, CardSection } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiPage() {
  await requireStaff();
  const base = publicOrigin(await headers());
  const doc = openApiDocument(base);
  const schemas = doc.components.schemas as Record<string, JsonSchema>;
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        className=""
        title="API reference"
        description={
          <>
            <Text>{doc.info.description}</Text> Machine-readable: <a href="/api/v1/openapi.json" className="font-medium text-accent-700 underline">/api/v1/openapi.json</a>. Keys:{" "}
            <Link href="/dashboard/settings/api-keys" className="font-medium text-accent-700 underline">Settings → API keys</Link> (admins).
          </>
        }
      />
      <CardSection id="quick" title="Create a payment" titleClassName="mb-2 text-lg font-semibold">
        <pre tabIndex={0} aria-label="Example: create a payment with curl" className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">{`curl ${base}/api/v1/payments \\
  -H "Authorization: Bearer dp_live_…" \\
  -H "Idempotency-Key: order-1042" \\
  -H "Content-Type: application/json" \\
  -d '{"amount": "19.99", "currency": "EUR", "description": "Leather wallet", "order_id": "1042",
       "return_url": "https://shop.example/orders/1042"}'`}</pre>
        <p className="mt-2 text-sm text-slate-700">Send the customer to the answer’s <code>url</code>. You hear of the outcome by webhook, or by reading the payment again.</p>
      </CardSection>
      {Object.entries(doc.paths).map(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => <OperationCard key={method + path} path={path} method={method} op={op} schemas={schemas} />),
      )}
      <CardSection id="payment-object" title="The payment object" titleClassName="mb-2 text-lg font-semibold">
        <Fields schema={schemas.Payment} />
      </CardSection>
      <Card as="section" id="webhooks" aria-labelledby="webhooks-h">
        <h2 id="webhooks-h" className="mb-2 text-lg font-semibold">Webhooks</h2>
        <p className="text-sm text-slate-700"><Text>{doc.webhooks.payment.post.description}</Text></p>
        <pre tabIndex={0} aria-label="Example: verify a webhook" className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">{`import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.DIRECT_PAYMENTS_WEBHOOK_SECRET); // "whsec_…"
// rawBody: the request body exactly as received (a string), headers: the request headers
const event = wh.verify(rawBody, headers); // throws if the signature or timestamp is wrong
if (event.type === "payment.approved") markOrderPaid(event.data.order_id);`}</pre>
      </Card>
    </div>
  );
}
