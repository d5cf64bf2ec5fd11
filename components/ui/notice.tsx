// A one-line message after an action: green when it worked (read out politely), red when it did not (read out at once).
import type { ReactNode } from "react";

export type NoticeTone = "success" | "error" | "warning";

const tones: Record<NoticeTone, string> = {
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  error: "bg-red-50 text-red-900 ring-red-200",
  warning: "bg-amber-50 text-amber-950 ring-amber-200",
};

export function Notice({ tone, className = "mb-4", children }: { tone: NoticeTone; className?: string; children: ReactNode }) {
  return (
    <p role={tone === "error" ? "alert" : "status"} className={`rounded-lg px-4 py-3 text-sm font-medium ring-1 ${tones[tone]} ${className}`.trim()}>
      {children}
    </p>
  );
}

const calloutTones: Record<NoticeTone, { box: string; title: string; body: string }> = {
  success: { box: "bg-emerald-50 ring-emerald-200", title: "text-emerald-950", body: "text-emerald-900" },
  error: { box: "bg-red-50 ring-red-200", title: "text-red-950", body: "text-red-900" },
  warning: { box: "bg-amber-50 ring-amber-200", title: "text-amber-950", body: "text-amber-950" },
};

/** A larger coloured box with a bold first line, for an outcome that needs more than one line (a decline, a new link). */
export function Callout({
  tone,
  role = "note",
  title,
  meta,
  children,
}: {
  tone: NoticeTone;
  role?: "note" | "status";
  title: ReactNode;
  /** Shown after the title in normal weight, e.g. when it happened. */
  meta?: ReactNode;
  children?: ReactNode;
}) {
  const t = calloutTones[tone];
  return (
    <div role={role} className={`mb-4 rounded-2xl p-4 ring-1 ${t.box}`}>
      <p className={`font-semibold ${t.title}`}>
        {title}
        {meta && <span className={`font-normal ${t.body}`}> · {meta}</span>}
      </p>
      {children}
    </div>
  );
}
