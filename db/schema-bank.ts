// The bank statement tables (SQLite), re-exported from db/schema.ts; the PostgreSQL twin is db/schema-bank-pg.ts.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CsvMapping } from "@/lib/bank/csv-mapping";
import { DIRECTIONS, LINE_STATES } from "@/lib/bank/line-state";
import type { Suggestion } from "@/lib/bank/match";

const timestamp = (name: string) => integer(name, { mode: "number" });

/** An account of the merchant's that payments arrive in; statements are imported into one. */
export const bankAccounts = sqliteTable("bank_accounts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  currency: text("currency").notNull(),
  /** IBAN (stored without spaces, upper case) or another account number. */
  accountNumber: text("account_number").notNull(),
  /** The payment methods whose money arrives here. */
  methodIds: text("method_ids", { mode: "json" }).$type<number[]>().notNull(),
  /** Approve a payment automatically when a line pays it exactly. Off by default. */
  autoApprove: integer("auto_approve", { mode: "boolean" }).notNull().default(false),
  /** Fees banks take on the way, in the account currency's minor units: this much short still counts as paid. */
  feeTolerance: integer("fee_tolerance").notNull().default(0),
  /** The CSV column mapping confirmed last time, offered again. */
  csvMapping: text("csv_mapping", { mode: "json" }).$type<CsvMapping>(),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});
export type BankAccount = typeof bankAccounts.$inferSelect;

/** One imported file. The same file (by hash) is never imported twice. */
export const bankStatements = sqliteTable(
  "bank_statements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bankAccountId: integer("bank_account_id").notNull(),
    /** sha256 of the file's bytes, hex. */
    fileHash: text("file_hash").notNull(),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(),
    /** The bank's own statement id (camt Stmt/Id), if any. */
    bankStatementId: text("bank_statement_id"),
    lineCount: integer("line_count").notNull(),
    /** Lines an overlapping statement had already brought in. */
    skippedCount: integer("skipped_count").notNull(),
    matchedCount: integer("matched_count").notNull(),
    importedByUserId: integer("imported_by_user_id"),
    importedByApiKeyId: integer("imported_by_api_key_id"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("bank_statements_hash_unique").on(t.fileHash), index("bank_statements_account_idx").on(t.bankAccountId, t.id)],
);
export type BankStatement = typeof bankStatements.$inferSelect;

/** One line of a statement, with the matcher's (or a person's) decision. */
export const bankStatementLines = sqliteTable(
  "bank_statement_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bankAccountId: integer("bank_account_id").notNull(),
    statementId: integer("statement_id").notNull(),
    /** The bank's id, or a hash of the line's content and position (lib/bank/statement.ts lineDedupKeys). */
    dedupKey: text("dedup_key").notNull(),
    position: text("position").notNull(),
    lineNo: integer("line_no").notNull(),
    bookingDate: text("booking_date").notNull(),
    valueDate: text("value_date"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    direction: text("direction", { enum: DIRECTIONS }).notNull(),
    reversal: integer("reversal", { mode: "boolean" }).notNull().default(false),
    bankRef: text("bank_ref"),
    endToEndId: text("end_to_end_id"),
    structuredRef: text("structured_ref"),
    remittanceText: text("remittance_text"),
    counterpartyName: text("counterparty_name"),
    counterpartyAccount: text("counterparty_account"),
    state: text("state", { enum: LINE_STATES }).notNull(),
    /** The payment the line pays, or (review) the one its reference names. */
    paymentId: integer("payment_id"),
    /** How much of the line went to the payment (its amount), kept for an unmatch. */
    appliedAmount: integer("applied_amount").notNull().default(0),
    /** The reference found, and where: structured, end_to_end, text. */
    foundReference: text("found_reference"),
    foundIn: text("found_in"),
    /** Why a line is to review, or why a person ignored it. */
    reason: text("reason"),
    suggestions: text("suggestions", { mode: "json" }).$type<Suggestion[]>(),
    /** Set when a person matched, unmatched or ignored the line: the matcher never changes it again. */
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

/**
 * A file uploaded for import and not imported yet: between the upload, the column mapping and the preview, kept in the
 * database (any instance may serve the next step). Deleted by its import, or a day after its upload.
 */
export const bankUploads = sqliteTable(
  "bank_uploads",
  {
    /** 128-bit random, hex: the preview page's URL names it. */
    id: text("id").primaryKey(),
    bankAccountId: integer("bank_account_id").notNull(),
    fileName: text("file_name").notNull(),
    /** The file's bytes, base64. */
    content: text("content").notNull(),
    createdByUserId: integer("created_by_user_id"),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("bank_uploads_created_idx").on(t.createdAt)],
);
export type BankUpload = typeof bankUploads.$inferSelect;
