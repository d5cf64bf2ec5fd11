// The viewer's time zone for dates formatted on the server, from the cookie the dashboard's script sets.
import "server-only";
import { cookies } from "next/headers";
import { TIME_ZONE_COOKIE, validTimeZone } from "@/lib/time-zone";

export async function viewerTimeZone(): Promise<string | null> {
  return validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}
