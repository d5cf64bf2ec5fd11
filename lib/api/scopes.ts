// What an API key may do: its scopes, chosen when it is made, and the one decision every API handler asks.

export const API_SCOPES = ["payments:read", "payments:write", "methods:read", "statements:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** How the new-key form and the keys list name each scope, for people who do not read the API reference. */
export const SCOPE_LABELS: Record<ApiScope, { label: string; hint: string }> = {
  "payments:read": { label: "See all payments", hint: "List and read every payment, including those made in the dashboard." },
  "payments:write": { label: "Create and cancel payments", hint: "Create payment links, follow them, and cancel links made through the API." },
  "methods:read": { label: "See payment methods", hint: "List the methods customers can choose from." },
  "statements:write": { label: "Import bank statements", hint: "Upload bank statement files, which match and may approve payments." },
};

/** What the new-key form starts with: what a shop's checkout uses (create, follow, list, methods). */
export const DEFAULT_SCOPES: readonly ApiScope[] = ["payments:read", "payments:write", "methods:read"];

export function isApiScope(s: unknown): s is ApiScope {
  return (API_SCOPES as readonly unknown[]).includes(s);
}

/** The known scopes among stored or submitted values, once each, in API_SCOPES order; anything else grants nothing. */
export function scopesOf(values: readonly unknown[] | null | undefined): ApiScope[] {
  const given = new Set(values ?? []);
  return API_SCOPES.filter((s) => given.has(s));
}

export type ApiAction = "listPayments" | "createPayment" | "readPayment" | "cancelPayment" | "listMethods" | "importStatement";

export type ScopeDecision =
  | { allowed: true }
  /** 403, naming the scope that would allow it (null when no scope would, e.g. cancelling a dashboard payment). */
  | { allowed: false; as: "forbidden"; missingScope: ApiScope | null; detail: string }
  /** 404, word for word what a missing payment answers: the key learns nothing about a payment it may not see. */
  | { allowed: false; as: "not_found" };

type Key = { id: number; scopes: readonly unknown[] };
type PaymentOrigin = { createdByApiKeyId: number | null };

const allowed: ScopeDecision = { allowed: true };
const notFound: ScopeDecision = { allowed: false, as: "not_found" };
const missing = (scope: ApiScope, detail: string): ScopeDecision => ({ allowed: false, as: "forbidden", missingScope: scope, detail });

/**
 * May a key with these scopes do this action (on this payment)? A refusal that does not depend on the payment is a 403
 * naming the scope; one that does (the payment is not the key's to see) is a 404 like a payment that does not exist.
 *
 * - payments:read  — list and read every payment, the dashboard's too.
 * - payments:write — create; read the payments this key created; cancel any payment created through the API, by any
 *                    key of the shop (so a rotated key can still cancel what the old one made), never a dashboard one.
 * - methods:read   — list the payment methods.
 */
export function mayKey(key: Key, action: ApiAction, payment?: PaymentOrigin): ScopeDecision {
  const scopes = scopesOf(key.scopes);
  const has = (s: ApiScope) => scopes.includes(s);
  switch (action) {
    case "importStatement":
      return has("statements:write") ? allowed : missing("statements:write", "Importing bank statements needs the statements:write scope.");
    case "listMethods":
      return has("methods:read") ? allowed : missing("methods:read", "Listing payment methods needs the methods:read scope.");
    case "listPayments":
      return has("payments:read") ? allowed : missing("payments:read", "Listing payments needs the payments:read scope.");
    case "createPayment":
      return has("payments:write") ? allowed : missing("payments:write", "Creating payments needs the payments:write scope.");
    case "readPayment": {
      if (!has("payments:read") && !has("payments:write")) return missing("payments:read", "Reading payments needs the payments:read scope.");
      if (!payment) return notFound;
      if (has("payments:read") || payment.createdByApiKeyId === key.id) return allowed;
      return notFound;
    }
    case "cancelPayment": {
      if (!has("payments:write")) return missing("payments:write", "Cancelling payments needs the payments:write scope.");
      if (!payment) return notFound;
      if (payment.createdByApiKeyId != null) return allowed;
      // Made in the dashboard: the agents' to decide. A key that may read it is told why; any other sees nothing.
      if (has("payments:read")) {
        return { allowed: false, as: "forbidden", missingScope: null, detail: "API keys cancel only payments created through the API; this one was made in the dashboard." };
      }
      return notFound;
    }
  }
}
