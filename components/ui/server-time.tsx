// A moment formatted on the server in the viewer's time zone (from the `tz` cookie, see lib/time-zone.ts), or in UTC
// labelled as UTC. Plain markup, no client component: for long lists. Pages read the zone once with viewerTimeZone().
import { formatInZone } from "@/lib/time-zone";

export function ServerTime({ ms, tz, withTime = true }: { ms: number; tz: string | null; withTime?: boolean }) {
  return <time dateTime={new Date(ms).toISOString()}>{formatInZone(ms, tz, { withTime })}</time>;
}
