// A small pill that says a state in colour and in words; the sign before the words is for the eye only.
import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "muted" | "info" | "warning" | "success" | "danger";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  muted: "bg-slate-100 text-slate-600 ring-slate-300",
  info: "bg-sky-50 text-sky-900 ring-sky-300",
  warning: "bg-amber-50 text-amber-900 ring-amber-300",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  danger: "bg-red-50 text-red-900 ring-red-300",
};

export function Badge({ tone, icon, className = "", children }: { tone: BadgeTone; icon?: string; className?: string; children: ReactNode }) {
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]} ${className}`.trim()}>
      {icon && <span aria-hidden="true">{icon}</span>}
      {children}
    </span>
  );
}

/** On or off, as the settings lists show methods, endpoints and users. */
export function OnOffBadge({ on, onLabel = "Enabled", offLabel = "Disabled" }: { on: boolean; onLabel?: string; offLabel?: string }) {
  return on ? (
    <Badge tone="success" icon="●">
      {onLabel}
    </Badge>
  ) : (
    <Badge tone="neutral" icon="○">
      {offLabel}
    </Badge>
  );
}
