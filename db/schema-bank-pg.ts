// The PostgreSQL twin of db/schema-bank.ts (what the columns mean is written there), re-exported from db/schema-pg.ts.
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { CsvMapping } from "@/lib/bank/csv-mapping";
import { DIRECTIONS, LINE_STATES } from "@/lib/bank/line-state";
import type { Suggestion } from "@/lib/bank/match";

const timestamp = (name: string) => bigint(name, { mode: "number" });
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();
const money = (name: string) => bigint(name, { mode: "number" });

export const bankAccounts = pgTable("bank_accounts", {
  id: id(),
  name: text("name").notNull(),
  currency: text("currency").notNull(),
  accountNumber: text("account_number").notNull(),
  methodIds: jsonb("method_ids").$type<number[]>().notNull(),
  autoApprove: boolean("auto_approve").notNull().default(false),
  feeTolerance: money("fee_tolerance").notNull().default(0),
  csvMapping: jsonb("csv_mapping").$type<CsvMapping>(),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});
export type BankAccount = typeof bankAccounts.$inferSelect;

export const bankStatements = pgTable(
  "bank_statements",
  {
    id: id(),
    bankAccountId: integer("bank_account_id").notNull(),
    fileHash: text("file_hash").notNull(),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(),
    bankStatementId: text("bank_statement_id"),
    lineCount: integer("line_count").notNull(),
    skippedCount: integer("skipped_count").notNull(),
    matchedCount: integer("matched_count").notNull(),
    importedByUserId: integer("imported_by_user_id"),
    importedByApiKeyId: integer("imported_by_api_key_id"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("bank_statements_hash_unique").on(t.fileHash), index("bank_statements_account_idx").on(t.bankAccountId, t.id)],
);
export type BankStatement = typeof bankStatements.$inferSelect;

export const bankStatementLines = pgTable(
  "bank_statement_lines",
  {
    id: id(),
    bankAccountId: integer("bank_account_id").notNull(),
    statementId: integer("statement_id").notNull(),
    dedupKey: text("dedup_key").notNull(),
    position: text("position").notNull(),
    lineNo: integer("line_no").notNull(),
    bookingDate: text("booking_date").notNull(),
    valueDate: text("value_date"),
    amount: money("amount").notNull(),
    currency: text("currency").notNull(),
    direction: text("direction", { enum: DIRECTIONS }).notNull(),
    reversal: boolean("reversal").notNull().default(false),
    bankRef: text("bank_ref"),
    endToEndId: text("end_to_end_id"),
    structuredRef: text("structured_ref"),
    remittanceText: text("remittance_text"),
    counterpartyName: text("counterparty_name"),
    counterpartyAccount: text("counterparty_account"),
    state: text("state", { enum: LINE_STATES }).notNull(),
    paymentId: integer("payment_id"),
    appliedAmount: money("applied_amount").notNull().default(0),
    foundReference: text("found_reference"),
    foundIn: text("found_in"),
    reason: text("reason"),
    suggestions: jsonb("suggestions").$type<Suggestion[]>(),
    decidedByUserId: integer("decided_by_user_id"),
    decidedAt: timestamp("decided_at"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("bank_statement_lines_dedup_unique").on(t.bankAccountId, t.dedupKey),
    index("bank_statement_lines_statement_idx").on(t.statementId, t.id),
    index("bank_statement_lines_state_idx").on(t.state, t.id),
    index("bank_statement_lines_payment_idx").on(t.paymentId, t.id),
  ],
);
export type BankStatementLine = typeof bankStatementLines.$inferSelect;

export const bankUploads = pgTable(
  "bank_uploads",
  {
    id: text("id").primaryKey(),
    bankAccountId: integer("bank_account_id").notNull(),
    fileName: text("file_name").notNull(),
    content: text("content").notNull(),
    createdByUserId: integer("created_by_user_id"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("bank_uploads_created_idx").on(t.createdAt)],
);
export type BankUpload = typeof bankUploads.$inferSelect;
