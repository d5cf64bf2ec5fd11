// The schema's enum columns take their values from the one definition of each enum in lib/.
import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACTOR_TYPES, PAYMENT_STATUSES } from "@/lib/payment-status";
import { METHOD_KINDS, RECEIPT_MODES } from "@/lib/method-kinds";
import { QR_STANDARDS } from "@/lib/qr/standards";
import { REQUEST_STATUSES } from "@/lib/request-status";
import { ROLES } from "@/lib/roles";
import { DELIVERY_STATUSES } from "@/lib/webhooks/events";
import { EMAIL_KINDS, EMAIL_STATES, PENDING_MAIL_CHOICES } from "@/lib/email/outbox-states";
import { LOCALES } from "@/lib/i18n";
import { DIRECTIONS, LINE_STATES } from "@/lib/bank/line-state";
import * as schema from "./schema";

const enumOf = (column: unknown) => (column as { enumValues?: readonly string[] }).enumValues;

describe("schema enums", () => {
  it("uses lib's constants for every enum column", () => {
    const expected: [unknown, readonly string[]][] = [
      [schema.users.role, ROLES],
      [schema.paymentMethods.kind, METHOD_KINDS],
      [schema.paymentMethods.receipt, RECEIPT_MODES],
      [schema.paymentMethods.qrStandard, QR_STANDARDS],
      [schema.payments.status, PAYMENT_STATUSES],
      [schema.paymentEvents.actorType, ACTOR_TYPES],
      [schema.paymentEvents.fromStatus, PAYMENT_STATUSES],
      [schema.paymentEvents.toStatus, PAYMENT_STATUSES],
      [schema.connectionRequests.status, REQUEST_STATUSES],
      [schema.requestComments.fromStatus, REQUEST_STATUSES],
      [schema.requestComments.toStatus, REQUEST_STATUSES],
      [schema.webhookDeliveries.status, DELIVERY_STATUSES],
      [schema.users.pendingMail, PENDING_MAIL_CHOICES],
      [schema.businessProfile.defaultLocale, LOCALES],
      [schema.payments.payerLocale, LOCALES],
      [schema.emailOutbox.kind, EMAIL_KINDS],
      [schema.emailOutbox.locale, LOCALES],
      [schema.emailOutbox.status, EMAIL_STATES],
      [schema.bankStatementLines.direction, DIRECTIONS],
      [schema.bankStatementLines.state, LINE_STATES],
    ];
    for (const [column, values] of expected) expect(enumOf(column)).toBe(values);
  });

  it("has no enum column the list above forgets", () => {
    const tables = Object.values(schema).filter((t) => typeof t === "object" && t !== null && Symbol.for("drizzle:IsDrizzleTable") in t);
    const enumColumns = tables.flatMap((t) => Object.values(getTableColumns(t as never)).filter((c) => (enumOf(c)?.length ?? 0) > 0));
    expect(enumColumns).toHaveLength(20);
  });

});
