"use client";
// Shows a moment in the viewer's own time zone. The server renders it in UTC; the browser re-renders it locally.
import { useEffect, useState } from "react";

export function LocalTime({ ms, locale = "en", withTime = true }: { ms: number; locale?: string; withTime?: boolean }) {
  const [tz, setTz] = useState<string | undefined>("UTC");
  useEffect(() => setTz(undefined), []);
  // dateStyle cannot be combined with timeZoneName, so spell the parts out.
  const text = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
    timeZone: tz,
    timeZoneName: tz && withTime ? "short" : undefined,
  }).format(new Date(ms));
  return (
    <time dateTime={new Date(ms).toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
