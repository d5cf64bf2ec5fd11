// The e-mail templates in one import: payer mail (payer-mail.ts), staff mail (staff-mail.ts), what both are rendered
// with (context.ts) and how they look (layout.ts).
import type { MailContext } from "./context";
import type { RenderedMail } from "./layout";
import { renderPayerMail, type PayerMail } from "./payer-mail";
import { renderStaffMail, type StaffMail } from "./staff-mail";

export { payerMailLocale, type MailBusiness, type MailContext } from "./context";
export type { RenderedMail } from "./layout";
export { PAYER_MAIL_KINDS, renderPayerMail, type PayerMail, type PayerMailKind, type PayerPayment, type PayerSubmission } from "./payer-mail";
export { STAFF_MAIL_KINDS, renderStaffMail, type StaffMail, type StaffMailKind, type StaffPayment, type StaffRequest } from "./staff-mail";

/** Who a mail is for, with what it says: the shape an outbox row can store as JSON and render when it is sent. */
export type AddressedMail = { audience: "payer"; mail: PayerMail } | { audience: "staff"; mail: StaffMail };

export function renderAddressedMail(m: AddressedMail, ctx: MailContext): RenderedMail {
  return m.audience === "payer" ? renderPayerMail(m.mail, ctx) : renderStaffMail(m.mail, ctx);
}
