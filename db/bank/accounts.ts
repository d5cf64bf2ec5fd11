// Bank accounts (Settings → Bank accounts) and the CSV column mapping each one keeps.
import { asc, eq } from "drizzle-orm";
import { writeTransaction, type Db, type Tx } from "../connection";
import { bankAccounts, type BankAccount } from "../tables";
import type { BankAccountData } from "@/lib/bank/account-form";
import type { CsvMapping } from "@/lib/bank/csv-mapping";

export async function listBankAccounts(db: Db): Promise<BankAccount[]> {
  return db.select().from(bankAccounts).orderBy(asc(bankAccounts.name), asc(bankAccounts.id));
}

export async function bankAccountById(db: Db | Tx, id: number): Promise<BankAccount | undefined> {
  return (await db.select().from(bankAccounts).where(eq(bankAccounts.id, id)))[0];
}

export async function createBankAccount(db: Db, data: BankAccountData, now = Date.now()): Promise<BankAccount> {
  const [row] = await writeTransaction(db, (tx) =>
    tx.insert(bankAccounts).values({ ...data, csvMapping: null, createdAt: now, updatedAt: now }).returning(),
  );
  return row;
}

/** Saves the form's fields; false when the account does not exist. */
export async function updateBankAccount(db: Db, id: number, data: BankAccountData, now = Date.now()): Promise<boolean> {
  const changed = await writeTransaction(db, (tx) =>
    tx.update(bankAccounts).set({ ...data, updatedAt: now }).where(eq(bankAccounts.id, id)).returning({ id: bankAccounts.id }),
  );
  return changed.length === 1;
}

/** The mapping a person confirmed, offered again for this account's next CSV file. */
export async function saveCsvMapping(db: Db, id: number, mapping: CsvMapping, now = Date.now()): Promise<boolean> {
  const changed = await writeTransaction(db, (tx) =>
    tx.update(bankAccounts).set({ csvMapping: mapping, updatedAt: now }).where(eq(bankAccounts.id, id)).returning({ id: bankAccounts.id }),
  );
  return changed.length === 1;
}
