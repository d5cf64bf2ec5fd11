// The public address of this installation for pages and route handlers (lib/public-origin.ts decides).
import "server-only";
import { headers } from "next/headers";
import { publicOrigin } from "@/lib/public-origin";

/** For pages and server actions: from the request being rendered. */
export async function siteUrl(): Promise<string> {
  return publicOrigin(process.env, await headers());
}

/** For route handlers (the REST API). */
export function siteUrlOf(req: Request): string {
  return publicOrigin(process.env, req.headers);
}
