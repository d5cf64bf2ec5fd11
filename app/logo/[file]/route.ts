// The business profile's logo, for the payer's pages: public, as the pages are. Only the logo the profile names now is
// served, with the type its bytes showed at upload (lib/logo.ts), never sniffed, and cached for good: a new logo gets
// a new name.
import fs from "node:fs/promises";
import { getDb, logoPath } from "@/db/client";
import { getBusinessProfile } from "@/db/users";
import { LOGO_FILE_NAME } from "@/lib/logo";
import { RECEIPT_POLICY } from "@/lib/security-headers";

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const profile = await getBusinessProfile(await getDb());
  if (!LOGO_FILE_NAME.test(file) || profile.logoFile !== file || !profile.logoMime) return new Response("Not found", { status: 404 });
  let data: Buffer;
  try {
    data = await fs.readFile(logoPath(file));
  } catch {
    return new Response("Not found", { status: 404 });
  }
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": profile.logoMime,
      "Content-Length": String(data.length),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": RECEIPT_POLICY,
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
