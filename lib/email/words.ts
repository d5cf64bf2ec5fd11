// The e-mails' words in English; words-ru.ts has the same keys in Russian. Placeholders in {braces} are filled by
// fillTemplate (lib/i18n.ts) with plain strings, which the layout escapes. Kept apart from lib/i18n.ts, the payer
// page's words, since mail has its own phrasing ("we have your confirmation", "you receive this because").

/** Forms of a counted phrase by Intl.PluralRules category; "other" is the fallback. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export const en = {
  common: {
    hello: "Hello,",
    helloName: "Hello {name},",
    amount: "Amount",
    reference: "Reference",
    description: "For",
    expires: "Pay before",
    method: "Method",
    transactionId: "Transaction ID",
    receipt: "Receipt",
    notGiven: "not given",
    noReceipt: "no file",
    submittedAt: "Confirmed at",
    customer: "Customer",
    someCustomer: "A customer",
  },
  payerFooter: {
    sentBy: "This e-mail was sent by {business} about your payment {reference}.",
    support: "Questions? Contact {business}: {support}",
    keepPrivate: "The link in this e-mail is for you only: do not forward it.",
  },
  link: {
    subject: "Payment request {reference} from {business}: {amount}",
    heading: "{business} asks you to pay {amount}",
    body: "Open the payment page to see how to pay. Write the reference {reference} in the payment’s comment (memo) so that your payment can be found.",
    button: "Open the payment page",
  },
  confirmation: {
    subject: "We have your confirmation for payment {reference}",
    heading: "We have your confirmation",
    body: "Thank you. {business} will check that the money has arrived and approve the payment; we will write to you again then. This is what you sent:",
    button: "See the payment",
  },
  approved: {
    subject: "Payment {reference} approved: {amount}",
    heading: "Your payment has been received",
    body: "{business} has checked and approved your payment. Thank you!",
    approvedAt: "Approved on",
    button: "See the payment",
  },
  cancelled: {
    subject: "Payment {reference} cancelled",
    heading: "Your payment has been cancelled",
    body: "{business} has cancelled the payment {reference} of {amount}.",
    reason: "Reason",
    noReason: "No reason was given.",
    ifPaid: "If you have already paid, contact {business} and quote the reference {reference}.",
    refund: "We received {refund} for this payment: {business} will send it back to the account it came from.",
  },
  reminder: {
    subject: "Reminder: payment {reference} expires on {when}",
    heading: "Your payment link expires soon",
    body: "You have not confirmed the payment of {amount} to {business} yet. Please pay before {when}. If you have already paid, open the page and press “I have paid”.",
    bodyRest: "{business} received {received} of the {amount} due for this payment. Please transfer the remaining {missing} before {when}, with the same reference {reference}.",
    button: "Open the payment page",
  },
  underpaid: {
    subject: "Payment {reference}: {missing} is missing",
    heading: "{missing} is still missing",
    body: "{business} received {received} of the {amount} due for this payment. Please transfer the remaining {missing} in the same way, with the same reference {reference} in the payment’s comment (memo).",
    due: "Amount due",
    received: "Received",
    missing: "Still to pay",
    button: "See how to pay",
  },
  refunded: {
    subject: "Payment {reference}: {refund} sent back to you",
    heading: "Your money is on its way back",
    body: "{business} has sent {refund} back to the account you paid from, for the payment {reference}.",
    sent: "Sent back",
    ifMissing: "A bank transfer can take a few days. If it has not arrived within a week, contact {business} and quote the reference {reference}.",
  },
  staffFooter: {
    why: "You receive this because you are a member of {business}’s team.",
    settings: "Choose which e-mails you get on your account page: {url}",
  },
  pendingOne: {
    subject: "Payment {reference} is waiting for approval: {amount}",
    heading: "A payment is waiting for your approval",
    body: "{customer} says they have paid. Compare the amount, the reference and the transaction ID with your statement, then approve or cancel the payment.",
    button: "Open the payment",
  },
  digest: {
    subject: "{count} waiting for approval: {references}",
    heading: "{count} waiting for approval",
    count: { one: "{count} payment is", other: "{count} payments are" } as PluralForms,
    countShort: { one: "{count} payment", other: "{count} payments" } as PluralForms,
    body: "These payments are waiting for someone to check them against the statement:",
    more: { one: "and {count} more", other: "and {count} more" } as PluralForms,
    button: "Open the Pending queue",
  },
  connectionRequest: {
    subject: "New connection request #{id}: {system}",
    heading: "{requester} asks to connect {system}",
    body: "A new request to add a way of paying is waiting for an admin.",
    system: "Payment system",
    countries: "Countries",
    requester: "Filed by",
    button: "Open the request",
  },
  requestComment: {
    subject: "New comment on request #{id}: {system}",
    heading: "{author} commented on request #{id}",
    comment: "Comment",
    button: "Open the request",
  },
  webhookDisabled: {
    subject: "Webhook endpoint #{id} disabled after {failures} failed deliveries",
    heading: "A webhook endpoint was disabled",
    body: "Deliveries to this endpoint failed {failures} times in a row, so it has been disabled: the shop no longer hears of payments through it. Fix the endpoint, enable it again and resend what it missed.",
    url: "Endpoint",
    lastError: "Last error",
    button: "Open the endpoint",
  },
  test: {
    subject: "Test e-mail from {business}",
    heading: "E-mail works",
    body: "You asked for this test message in Settings → E-mail. If you can read it, {business} can send e-mail to payers and staff.",
    button: "Open the e-mail settings",
  },
};

export type MailWords = typeof en;
