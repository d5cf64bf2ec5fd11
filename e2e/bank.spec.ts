// The bank statement story: 20 payments, a statement whose lines pay 15 of them in the ways payers really write the
// reference, the inbox holding what no reference decides, the refunds to make (paid too much, paid and then cancelled,
// paid after the cancellation), a top-up through the API, the same file refused again; the shop reads each payment's
// bank lines. Every bank page is scanned with axe at 390 and 1280 px when it has its content.
import { expect, test, type Page } from "@playwright/test";
import { camt053, type CamtEntry } from "@/lib/bank/camt-writer";
import { creditorReference } from "@/lib/reference";
import { scan, type Found } from "./axe";
import { chooseMethod, createApiKey, customerPage, staffPage } from "./helpers";

const IBAN = "DE02120300000000202051";
type Created = { id: number; reference: string; url: string; amount: string };

/**
 * The page at a phone's and a desktop's width: axe's serious and critical violations into `found`, and with `shot` a
 * screenshot (of the pages whose layout is worth a look; the others' would only add time).
 */
async function look(page: Page, found: Found[], shot?: string) {
  const path = new URL(page.url()).pathname;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    found.push(...(await scan(page, path, width)));
    if (shot) await page.screenshot({ path: `test-results/bank-${shot}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a statement pays 15 of 20 payments by reference; the inbox holds the rest; a top-up arrives by API; the same file is refused", async ({ browser }) => {
  // Fourteen axe scans on top of the story: room for a busy machine.
  test.setTimeout(300_000);
  const admin = await staffPage(browser, "admin");
  const run = Date.now();
  const found: Found[] = [];

  // Settings → Bank accounts.
  await admin.goto("/dashboard/settings/bank-accounts");
  await admin.getByLabel("Name").fill(`Story account ${run}`);
  await admin.getByLabel("Currency").selectOption("EUR");
  await admin.getByLabel("Account number or IBAN").fill("DE02 1203 0000 0000 2020 59");
  await admin.getByRole("button", { name: "Add bank account" }).click();
  await expect(admin.getByText("IBAN checksum is wrong")).toBeVisible();
  await expect(admin.getByLabel("Name")).toHaveValue(`Story account ${run}`);
  await admin.getByLabel("Account number or IBAN").fill("DE02 1203 0000 0000 2020 51");
  await admin.getByRole("button", { name: "Add bank account" }).click();
  await expect(admin.getByText("Bank account added.")).toBeVisible();
  const accountRow = admin.getByTestId("bank-account-row").filter({ hasText: `Story account ${run}` });
  await expect(accountRow).toContainText("DE02 1203 0000 0000 2020 51");
  await look(admin, found, "accounts");
  const accountId = new URL((await accountRow.getByRole("link").getAttribute("href"))!, "http://x").pathname.split("/").pop()!;
  await admin.goto(`/dashboard/settings/bank-accounts/${accountId}`);
  await expect(admin.getByLabel("Name")).toHaveValue(`Story account ${run}`);
  await look(admin, found);

  // 20 payments, made by the shop through the API.
  const key = await createApiKey(admin, `Bank story ${run}`, ["payments:read", "payments:write", "statements:write"]);
  const auth = { authorization: `Bearer ${key}` };
  const payments: Created[] = [];
  for (let i = 0; i < 20; i++) {
    const amount = `${31 + i}.${String(run % 90 + 10)}`;
    const res = await admin.request.post("/api/v1/payments", {
      headers: auth,
      data: { amount, currency: "EUR", description: `Bank story ${run} #${i}`, order_id: `BANK-${run}-${i}`, customer_name: i === 5 ? "Petra Novak" : `Customer ${i}` },
    });
    expect(res.status()).toBe(201);
    const p = await res.json();
    payments.push({ id: p.id, reference: p.reference.replace("-", ""), url: p.url, amount });
  }
  // One with a 0 or 1 in its reference, for the payer who typed O or I.
  const typoIndex = payments.findIndex((p, i) => i >= 6 && /[01]/.test(p.reference));
  expect(typoIndex).toBeGreaterThan(0);
  const [lower, , under, over, cancelled, unnamed] = payments;
  const typo = payments[typoIndex];
  expect((await admin.request.post(`/api/v1/payments/${cancelled.id}/cancel`, { headers: auth, data: { reason: "Out of stock" } })).status()).toBe(200);

  const today = new Date().toISOString().slice(0, 10);
  const cents = (amount: string, delta: number) => ((Math.round(Number(amount) * 100) + delta) / 100).toFixed(2);
  const plain = payments.filter((_, i) => i >= 6 && i !== typoIndex).slice(0, 10);
  const entries: CamtEntry[] = [
    { amount: lower.amount, bookingDate: today, text: `order ${lower.reference.slice(0, 4).toLowerCase()} ${lower.reference.slice(4).toLowerCase()}`, payerName: "Customer 0" },
    { amount: typo.amount, bookingDate: today, text: `Ref ${typo.reference.replace(/0/g, "O").replace(/1/g, "I")}` },
    { amount: cents(under.amount, -1000), bookingDate: today, structuredRef: creditorReference(under.reference), bankRef: `BR-${run}-1`, payerIban: "DE89370400440532013000" },
    { amount: cents(over.amount, 500), bookingDate: today, text: over.reference },
    { amount: cancelled.amount, bookingDate: today, text: cancelled.reference },
    { amount: unnamed.amount, bookingDate: today, text: "Invoice", payerName: "NOVAK, PETRA" },
    ...plain.map((p, i): CamtEntry => (i % 2 ? { amount: p.amount, bookingDate: today, structuredRef: creditorReference(p.reference) } : { amount: p.amount, bookingDate: today, text: `Payment ${p.reference}` })),
    { amount: "4.90", bookingDate: today, direction: "debit", text: "Account fee" },
  ];
  const statement = camt053({ id: `STORY-${run}`, iban: IBAN, currency: "EUR", entries });

  // Import through the dashboard: upload, preview, import.
  await admin.goto("/dashboard/statements");
  await admin.getByLabel("Bank account").selectOption(accountId);
  await admin.getByLabel("Statement file").setInputFiles({ name: "statement.xml", mimeType: "application/xml", buffer: Buffer.from(statement) });
  await admin.getByRole("button", { name: "Preview" }).click();
  await expect(admin.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Import 17 lines" })).toBeVisible();
  await look(admin, found, "preview");
  const previewUrl = admin.url();
  await admin.getByRole("button", { name: "Import 17 lines" }).click();
  await expect(admin.getByText("Imported: 17 new lines, 14 paying a payment")).toBeVisible();
  await look(admin, found);

  // Paid exactly (lower case with spaces, O for 0, RF references): found in the bank statement, beside Approve.
  await admin.goto(`/dashboard/payments/${lower.id}`);
  await expect(admin.getByText("Found in the bank statement").first()).toBeVisible();
  await admin.goto(`/dashboard/payments/${typo.id}`);
  await expect(admin.getByText("Found in the bank statement").first()).toBeVisible();
  // Underpaid: recorded, not paid; the payer is told what is missing.
  await admin.goto(`/dashboard/payments/${under.id}`);
  await expect(admin.getByTestId("bank-summary")).toContainText("underpaid by €10.00");
  const payer = await customerPage(browser);
  await payer.goto(under.url);
  await expect(payer.getByRole("heading", { name: "Part of the amount has arrived" })).toBeVisible();
  await expect(payer.getByText("€10.00 is still missing")).toBeVisible();
  // All the payer is given to pay is the rest: the amount, the details to copy (and their QR code), the steps.
  await expect(payer.getByTestId("amount")).toHaveText("€10.00");
  await expect(payer.getByText(`of €${under.amount}`, { exact: true })).toBeVisible();
  await chooseMethod(payer, "SEPA bank transfer");
  const details = payer.locator('section[aria-labelledby="details"]');
  await expect(details).toContainText("exactly €10.00");
  await expect(details).not.toContainText(`€${under.amount}`);
  // Confirmed with the rest still missing: the page keeps the details, for the rest.
  await payer.getByRole("button", { name: "I have paid" }).click();
  await expect(payer.getByRole("heading", { name: "How to pay the rest" })).toBeVisible();
  await expect(payer.locator('section[aria-labelledby="rest"]')).toContainText("exactly €10.00");
  await expect(payer.getByTestId("amount")).toHaveText("€10.00");
  await look(payer, found);
  // The agent sees, before approving, that only part of it arrived.
  await admin.goto("/dashboard");
  const underPending = admin.getByTestId("pending-row").filter({ hasText: `${under.reference.slice(0, 4)}-${under.reference.slice(4)}` });
  await expect(underPending).toContainText(`Part paid: €${cents(under.amount, -1000)} of €${under.amount}`);
  // Approving it would accept the shortfall: Approve asks first.
  await underPending.getByLabel(`Approve ${under.reference.slice(0, 4)}-${under.reference.slice(4)}`).click();
  await expect(underPending.getByText(`Only €${cents(under.amount, -1000)} of €${under.amount} has arrived: €10.00 is missing.`)).toBeVisible();
  await expect(underPending.getByRole("button", { name: "Approve anyway" })).toBeVisible();
  await look(admin, found, "pending-part");
  await admin.goto(`/dashboard/payments?q=${under.reference}`);
  await expect(admin.getByTestId("payment-row")).toHaveCount(1);
  await expect(admin.getByTestId("payment-row")).toContainText(`Part paid: €${cents(under.amount, -1000)}`);
  // Overpaid: in the refunds to make. So is a paid payment the agent then cancels (out of stock): all of it goes back.
  const dashed = (p: Created) => `${p.reference.slice(0, 4)}-${p.reference.slice(4)}`;
  await admin.goto("/dashboard");
  const typoPending = admin.getByTestId("pending-row").filter({ hasText: dashed(typo) });
  await typoPending.getByLabel(`Cancel ${dashed(typo)}`).click();
  await typoPending.getByLabel("Reason (shown to the customer)").fill("Out of stock: your money will be sent back.");
  await typoPending.getByRole("button", { name: "Cancel payment" }).click();
  await expect(admin.getByText(`Payment ${dashed(typo)} cancelled.`)).toBeVisible();
  await admin.goto("/dashboard/statements/refunds");
  const overRow = admin.getByTestId("refund-row").filter({ hasText: dashed(over) });
  await expect(overRow).toContainText("Paid €5.00 more than the amount.");
  const typoRow = admin.getByTestId("refund-row").filter({ hasText: dashed(typo) });
  await expect(typoRow).toContainText("Paid towards a payment that was cancelled: all of it goes back.");
  await expect(typoRow.getByRole("cell").nth(2)).toContainText(`To send back €${typo.amount}`);
  await look(admin, found, "refunds");
  // The agent sends the €5.00 back from the bank, and records it (more than is left is refused, what was typed kept).
  await overRow.locator("summary").click();
  const sentBack = overRow.getByLabel("Amount sent back (EUR)");
  await expect(sentBack).toHaveValue("5.00");
  await sentBack.fill("6.00");
  await overRow.getByRole("button", { name: "Record refund" }).click();
  await expect(overRow.getByText("At most €5.00 is left to send back.")).toBeVisible();
  await expect(sentBack).toHaveValue("6.00");
  await look(admin, found, "refund-form");
  await sentBack.fill("5.00");
  await overRow.getByLabel("Note").fill("SEPA transfer to the payer");
  await overRow.getByRole("button", { name: "Record refund" }).click();
  await expect(admin.getByText("Refund recorded in the payment’s timeline.")).toBeVisible();
  await expect(overRow).toHaveCount(0);
  await expect(typoRow).toHaveCount(1);
  await admin.goto(`/dashboard/payments/${over.id}`);
  await expect(admin.getByText("Refund of €5.00 sent back to the payer. Note: SEPA transfer to the payer")).toBeVisible();
  await expect(admin.getByTestId("refund-summary")).toHaveText("Sent back to the payer: €5.00.");
  await payer.goto(over.url);
  await expect(payer.getByRole("heading", { name: "Your money was sent back" })).toBeVisible();
  await payer.goto(typo.url);
  await expect(payer.getByText(`The merchant will send €${typo.amount} back to the account it came from.`)).toBeVisible();

  // The inbox: the cancelled payment's line to review, the line without a reference with its suggestion.
  await admin.goto("/dashboard/statements/inbox");
  const mine = admin.getByTestId("inbox-line").filter({ hasText: new RegExp(`${cancelled.reference}|NOVAK, PETRA`) });
  await expect(mine).toHaveCount(2);
  await expect(mine.filter({ hasText: cancelled.reference })).toContainText("was cancelled");
  const suggested = mine.filter({ hasText: "NOVAK, PETRA" });
  await expect(suggested).toContainText(`${unnamed.reference.slice(0, 4)}-${unnamed.reference.slice(4)}`);
  await expect(suggested).toContainText("payer name alike: Petra Novak");
  await look(admin, found, "inbox");
  // A person matches it (the suggestion is offered in the field).
  await suggested.getByRole("button", { name: "Match", exact: true }).click();
  await expect(admin.getByText("Line matched to the payment.")).toBeVisible();
  await expect(admin.getByTestId("inbox-line").filter({ hasText: "NOVAK, PETRA" })).toHaveCount(0);
  // The money sent for the cancelled payment is the payer's: kept to send back, it moves to the refunds to make.
  await admin.getByTestId("inbox-line").filter({ hasText: cancelled.reference }).getByRole("button", { name: "Send back to the payer" }).click();
  await expect(admin.getByText("Line kept to send back: the payer’s money is in Refunds to make.")).toBeVisible();
  await expect(admin.getByTestId("inbox-line").filter({ hasText: cancelled.reference })).toHaveCount(0);
  await admin.goto("/dashboard/statements/refunds");
  await expect(admin.getByTestId("refund-row").filter({ hasText: dashed(cancelled) })).toContainText(`To send back €${cancelled.amount}`);

  // The rest of the underpaid payment arrives in the next statement, which the shop uploads through the API.
  const topUp = camt053({ id: `STORY-${run}-2`, iban: IBAN, currency: "EUR", entries: [{ amount: "10.00", bookingDate: today, text: `Rest ${under.reference}`, bankRef: `BR-${run}-2` }] });
  const api = await admin.request.post(`/api/v1/statements?bank_account_id=${accountId}&file_name=topup.xml`, { headers: { ...auth, "content-type": "application/xml" }, data: topUp });
  expect(api.status()).toBe(201);
  expect((await api.json()).summary).toMatchObject({ matched: 1, duplicate: 0 });
  await admin.goto(`/dashboard/payments/${under.id}`);
  await expect(admin.getByTestId("bank-summary")).not.toContainText("underpaid");
  await expect(admin.getByText("Found in the bank statement").first()).toBeVisible();

  // The shop reads the lines that paid each payment: both parts of the topped-up one, in the list as in the payment.
  type Read = { amount_received: string; bank_lines: Record<string, unknown>[] };
  const read = async (id: number): Promise<Read> => (await admin.request.get(`/api/v1/payments/${id}`, { headers: auth })).json();
  const underRead = await read(under.id);
  expect(underRead.amount_received).toBe(under.amount);
  expect(underRead.bank_lines).toEqual([
    expect.objectContaining({ amount: cents(under.amount, -1000), currency: "EUR", booking_date: today, bank_reference: `BR-${run}-1`, structured_reference: creditorReference(under.reference), payer_account: "DE89370400440532013000", matched_by: "automatic" }),
    expect.objectContaining({ amount: "10.00", amount_minor: 1000, bank_reference: `BR-${run}-2`, remittance_text: `Rest ${under.reference}`, matched_by: "automatic" }),
  ]);
  expect((await read(lower.id)).bank_lines).toEqual([expect.objectContaining({ amount: lower.amount, remittance_text: entries[0].text, payer_name: "Customer 0" })]);
  expect((await read(unnamed.id)).bank_lines).toEqual([expect.objectContaining({ amount: unnamed.amount, payer_name: "NOVAK, PETRA", matched_by: "person" })]);
  expect((await read(cancelled.id)).bank_lines).toEqual([expect.objectContaining({ amount: cancelled.amount, matched_by: "person" })]);
  const since = encodeURIComponent(new Date(run - 1000).toISOString());
  const listed = await (await admin.request.get(`/api/v1/payments?status=submitted&created_after=${since}&limit=100`, { headers: auth })).json();
  expect(listed.data.find((p: { id: number }) => p.id === under.id).bank_lines).toEqual(underRead.bank_lines);

  // The same file again: refused, in the dashboard and through the API.
  await admin.goto("/dashboard/statements");
  await look(admin, found);
  await admin.getByLabel("Bank account").selectOption(accountId);
  await admin.getByLabel("Statement file").setInputFiles({ name: "statement-again.xml", mimeType: "application/xml", buffer: Buffer.from(statement) });
  await admin.getByRole("button", { name: "Preview" }).click();
  await expect(admin.getByText("This file was imported before (the same file, byte for byte)")).toBeVisible();
  await expect(admin.getByRole("button", { name: /^Import/ })).toBeDisabled();
  expect(admin.url()).not.toBe(previewUrl);
  const again = await admin.request.post(`/api/v1/statements?bank_account_id=${accountId}`, { headers: { ...auth, "content-type": "application/xml" }, data: topUp });
  expect(again.status()).toBe(409);

  // 14 + the matched suggestion + the topped-up one wait for approval: approved at once.
  await admin.goto("/dashboard");
  await admin.getByRole("button", { name: /^Approve all \d+ found in the bank statement$/ }).click();
  await expect(admin.getByText(/^Approved \d+ payments found in the bank statement\.$/)).toBeVisible();
  for (const p of [lower, under, over, unnamed, ...plain]) {
    const res = await admin.request.get(`/api/v1/payments/${p.id}`, { headers: auth });
    expect((await res.json()).status, p.reference).toBe("approved");
  }
  expect((await read(over.id)) as unknown).toMatchObject({ amount_refunded: "5.00", amount_refunded_minor: 500 });
  expect((await read(typo.id)) as unknown).toMatchObject({ status: "cancelled", amount_received: typo.amount, amount_refunded_minor: 0 });
  const untouched = await admin.request.get(`/api/v1/payments/${payments[payments.length - 1].id}`, { headers: auth });
  expect(await untouched.json()).toMatchObject({ status: "open", amount_received_minor: 0, bank_lines: [] });
  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});
