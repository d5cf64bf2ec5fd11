"use client";
// Shows a moment in the viewer's own time zone. The server renders it in UTC; the browser re-renders it locally.
import { useEffect, useState } from "react";
import { dateTimeFormat } from "@/lib/time-zone";

/** `zone`: always name the time zone (the payer's page, where a time is a deadline someone may read from afar). */
export function LocalTime({ ms, locale = "en", withTime = true, zone = false }: { ms: number; locale?: string; withTime?: boolean; zone?: boolean }) {
  const [tz, setTz] = useState<string | undefined>("UTC");
  useEffect(() => setTz(undefined), []);
  // On the server it says "UTC"; in the browser, its own zone needs no label.
  const text = dateTimeFormat(locale, tz, withTime, zone || !!tz).format(new Date(ms));
  return (
    <time dateTime={new Date(ms).toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
