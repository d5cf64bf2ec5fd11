// Writes a camt.053 statement from a few fields: for tests, the e2e story, the benchmark and the demo's sample statement
// (db/seed.ts); never for the app's own work.
import { escapeXml } from "./text-xml";

export type CamtEntry = {
  /** Decimal with a point, e.g. "50.00". */
  amount: string;
  currency?: string;
  direction?: "credit" | "debit";
  bookingDate: string;
  bankRef?: string;
  structuredRef?: string;
  text?: string;
  payerName?: string;
  payerIban?: string;
};

export function camt053(input: { id: string; iban: string; currency: string; entries: CamtEntry[] }): string {
  const entries = input.entries
    .map((e) => {
      const ccy = e.currency ?? input.currency;
      const ind = e.direction === "debit" ? "DBIT" : "CRDT";
      const party = e.direction === "debit" ? "Cdtr" : "Dbtr";
      const rmt =
        e.structuredRef || e.text
          ? `<RmtInf>${e.text ? `<Ustrd>${escapeXml(e.text)}</Ustrd>` : ""}${
              e.structuredRef ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${escapeXml(e.structuredRef)}</Ref></CdtrRefInf></Strd>` : ""
            }</RmtInf>`
          : "";
      return `
      <Ntry>
        <Amt Ccy="${ccy}">${e.amount}</Amt>
        <CdtDbtInd>${ind}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${e.bookingDate}</Dt></BookgDt>
        <ValDt><Dt>${e.bookingDate}</Dt></ValDt>${e.bankRef ? `\n        <AcctSvcrRef>${escapeXml(e.bankRef)}</AcctSvcrRef>` : ""}
        <NtryDtls><TxDtls>
          <Amt Ccy="${ccy}">${e.amount}</Amt>
          <CdtDbtInd>${ind}</CdtDbtInd>${
            e.payerName || e.payerIban
              ? `<RltdPties>${e.payerName ? `<${party}><Nm>${escapeXml(e.payerName)}</Nm></${party}>` : ""}${e.payerIban ? `<${party}Acct><Id><IBAN>${e.payerIban}</IBAN></Id></${party}Acct>` : ""}</RltdPties>`
              : ""
          }${rmt}
        </TxDtls></NtryDtls>
      </Ntry>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>${escapeXml(input.id)}</MsgId><CreDtTm>2026-12-01T06:00:00Z</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${escapeXml(input.id)}</Id>
      <Acct><Id><IBAN>${input.iban}</IBAN></Id><Ccy>${input.currency}</Ccy></Acct>${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}
