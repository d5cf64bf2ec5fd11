"use client";
// Shows a moment in the viewer's own time zone. The server renders it in UTC; the browser re-renders it locally.
import { useEffect, useState } from "react";

// One formatter per (locale, time zone, with time): building one costs tens of µs, and a dashboard page shows dozens.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, tz: string | undefined, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${tz ?? ""}|${withTime ? 1 : 0}`;
  let f = formatters.get(key);
  if (!f) {
    // dateStyle cannot be combined with timeZoneName, so spell the parts out.
    f = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
      timeZone: tz,
      timeZoneName: tz && withTime ? "short" : undefined,
    });
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

export function LocalTime({ ms, locale = "en", withTime = true }: { ms: number; locale?: string; withTime?: boolean }) {
  const [tz, setTz] = useState<string | undefined>("UTC");
  useEffect(() => setTz(undefined), []);
  const text = formatter(locale, tz, withTime).format(new Date(ms));
  return (
    <time dateTime={new Date(ms).toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
