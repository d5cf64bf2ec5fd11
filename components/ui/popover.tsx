// A second step behind a <details> disclosure: destructive actions ask here before they act. Works without JavaScript.
import type { ReactNode } from "react";
import { buttonClass } from "./button";

export const smallButtonClass = "rounded-md px-2 py-1 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

export function Popover({
  summary,
  summaryClassName = smallButtonClass,
  summaryLabel,
  align = "right",
  width = "w-64",
  open,
  children,
}: {
  summary: ReactNode;
  summaryClassName?: string;
  summaryLabel?: string;
  align?: "left" | "right";
  width?: string;
  /** Keeps it open, e.g. to show a form's error after a submit made without JavaScript. */
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <details className="relative" open={open || undefined}>
      <summary aria-label={summaryLabel} className={`${summaryClassName} inline-block cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>
        {summary}
      </summary>
      {/* On a phone it opens in place, so that a table scrolling in its own box cannot cut it off. */}
      <div className={`md:absolute ${align === "right" ? "right-0" : "left-0"} z-10 mt-2 ${width} max-w-[calc(100vw-2rem)] rounded-xl bg-white p-3 text-left shadow-lg ring-1 ring-slate-200`}>{children}</div>
    </details>
  );
}

/** A warning and one red button that runs the server action. */
export function ConfirmAction(props: {
  summary: ReactNode;
  summaryClassName?: string;
  message: ReactNode;
  confirmLabel: string;
  action: () => Promise<void>;
  align?: "left" | "right";
}) {
  return (
    <Popover summary={props.summary} summaryClassName={props.summaryClassName ?? `${smallButtonClass} text-red-800`} align={props.align}>
      <p className="text-sm">{props.message}</p>
      <form action={props.action} className="mt-2">
        <button type="submit" className={buttonClass("danger", "w-full py-2")}>
          {props.confirmLabel}
        </button>
      </form>
    </Popover>
  );
}
