// Serves a payment's receipt to signed-in staff only; images inline, PDFs as a download, never sniffed.
import fs from "node:fs/promises";
import { currentStaff } from "@/auth";
import { getDb, uploadPath } from "@/db/client";
import { paymentById } from "@/db/payments";
import { RECEIPT_POLICY } from "@/lib/security-headers";
import { parseId } from "@/lib/parse-id";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await currentStaff();
  if (!staff) return new Response("Not found", { status: 404 });
  const { id } = await params;
  const paymentId = parseId(id);
  if (!paymentId) return new Response("Not found", { status: 404 });
  const p = await paymentById(await getDb(), paymentId);
  // Stored names are ours (hex + extension), but check anyway so a bad row can never read outside the folder.
  if (!p?.receiptFile || !/^[a-f0-9]{32}\.(png|jpg|webp|pdf)$/.test(p.receiptFile)) return new Response("Not found", { status: 404 });
  let data: Buffer;
  try {
    data = await fs.readFile(uploadPath(p.receiptFile));
  } catch {
    return new Response("Not found", { status: 404 });
  }
  const mime = p.receiptMime ?? "application/octet-stream";
  const inline = mime.startsWith("image/");
  const ext = p.receiptFile.split(".").pop();
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": mime,
      "Content-Length": String(data.length),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="receipt-${p.reference}.${ext}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": RECEIPT_POLICY,
      "Cache-Control": "private, no-store",
    },
  });
}
