// Dates formatted on the server in the viewer's time zone, for the dashboard's long lists: no client component per
// date. The zone comes from the `tz` cookie that a small script sets in the browser (see TIME_ZONE_SCRIPT); without
// it, or with a zone this runtime does not know, dates are shown in UTC and say so.

export const TIME_ZONE_COOKIE = "tz";

/**
 * Sets the `tz` cookie to the browser's zone when it is missing or changed (the viewer travelled). Inline in the
 * sign-in page and the dashboard's layout, so the first dashboard page after signing in is already in local time.
 */
export const TIME_ZONE_SCRIPT =
  `try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;` +
  `if(z&&(";"+document.cookie.replace(/ /g,"")+";").indexOf(";${TIME_ZONE_COOKIE}="+encodeURIComponent(z)+";")<0)` +
  `document.cookie="${TIME_ZONE_COOKIE}="+encodeURIComponent(z)+";path=/;max-age=31536000;samesite=lax"}catch(e){}`;

const known = new Map<string, boolean>();

/** The zone named by the cookie's value if this runtime knows it (IANA name, e.g. "Europe/Berlin"), else null. */
export function validTimeZone(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let tz: string;
  try {
    tz = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (tz.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return null;
  let ok = known.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    if (known.size >= 1000) known.clear();
    known.set(tz, ok);
  }
  return ok ? tz : null;
}

// One formatter per (locale, zone, with time, label): building one costs tens of µs, and a list shows dozens of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "Nov 27, 2026, 11:19 PM" in `zone` (undefined: the runtime's own zone, as in a browser), followed by the zone's
 * short name when `label` is set. Shared by the server's lists (formatInZone) and the browser's LocalTime.
 */
export function dateTimeFormat(locale: string, zone: string | undefined, withTime: boolean, label: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${zone ?? ""}|${withTime ? 1 : 0}|${label ? 1 : 0}`;
  let f = formatters.get(key);
  if (!f) {
    // dateStyle cannot be combined with timeZoneName, so spell the parts out.
    f = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
      timeZone: zone,
      timeZoneName: label && withTime ? "short" : undefined,
    });
    if (formatters.size >= 256) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** "Nov 27, 2026, 11:19 PM" in the viewer's zone, or "Nov 27, 2026, 10:19 PM UTC" when the zone is unknown. */
export function formatInZone(ms: number, tz: string | null, opts: { locale?: string; withTime?: boolean } = {}): string {
  // In the viewer's own zone the time needs no label; in the UTC fallback it says "UTC".
  return dateTimeFormat(opts.locale ?? "en", tz ?? "UTC", opts.withTime ?? true, !tz).format(ms);
}
