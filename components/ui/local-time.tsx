"use client";
// Shows a moment in the viewer's own time zone. The server renders it in UTC; the browser re-renders it locally.
import { useEffect, useState } from "react";
import { dateTimeFormat } from "@/lib/time-zone";

/**
 * The zone to format in: "UTC" on the server and in the browser's first render (so the two match, and a cached page
 * bakes in nobody's zone), then undefined, the browser's own zone.
 */
export function useViewerZone(): string | undefined {
  const [tz, setTz] = useState<string | undefined>("UTC");
  useEffect(() => setTz(undefined), []);
  return tz;
}

/** `zone`: always name the time zone (the payer's page, where a time is a deadline someone may read from afar). */
export function LocalTime({ ms, locale = "en", withTime = true, zone = false }: { ms: number; locale?: string; withTime?: boolean; zone?: boolean }) {
  const tz = useViewerZone();
  // On the server it says "UTC"; in the browser, its own zone needs no label.
  const text = dateTimeFormat(locale, tz, withTime, zone || !!tz).format(new Date(ms));
  return (
    <time dateTime={new Date(ms).toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
