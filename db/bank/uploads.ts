// Files uploaded for import, kept between the upload, the column mapping and the preview (see bankUploads).
import crypto from "node:crypto";
import { eq, lt } from "drizzle-orm";
import { writeTransaction, type Db } from "../connection";
import { bankUploads, type BankUpload } from "../tables";

const DAY_MS = 86_400_000;

/** Keeps an uploaded file, and forgets those older than a day. Returns its id. */
export async function saveUpload(db: Db, input: { bankAccountId: number; fileName: string; bytes: Uint8Array; userId: number | null }, now = Date.now()): Promise<string> {
  const id = crypto.randomBytes(16).toString("hex");
  await writeTransaction(db, async (tx) => {
    await tx.delete(bankUploads).where(lt(bankUploads.createdAt, now - DAY_MS));
    await tx.insert(bankUploads).values({
      id,
      bankAccountId: input.bankAccountId,
      fileName: input.fileName.slice(0, 200),
      content: Buffer.from(input.bytes).toString("base64"),
      createdByUserId: input.userId,
      createdAt: now,
    });
  });
  return id;
}

export type Upload = Omit<BankUpload, "content"> & { bytes: Uint8Array };

export async function uploadById(db: Db, id: string, now = Date.now()): Promise<Upload | null> {
  if (!/^[a-f0-9]{32}$/.test(id)) return null;
  const [row] = await db.select().from(bankUploads).where(eq(bankUploads.id, id));
  if (!row || row.createdAt < now - DAY_MS) return null;
  const { content, ...rest } = row;
  return { ...rest, bytes: new Uint8Array(Buffer.from(content, "base64")) };
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
  await writeTransaction(db, (tx) => tx.delete(bankUploads).where(eq(bankUploads.id, id)));
}
