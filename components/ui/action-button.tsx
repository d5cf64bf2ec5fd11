// One small button that runs a server action: a form of its own, so it works without JavaScript. `subject` names
// what it acts on for screen readers, where a list repeats the same button on every row.
import type { ReactNode } from "react";
import { smallButtonClass } from "./popover";

export function ActionButton({
  action,
  subject,
  label,
  disabled,
  className = smallButtonClass,
  children,
}: {
  action: () => Promise<void>;
  subject?: ReactNode;
  /** An accessible name that replaces the visible text (e.g. for an arrow). */
  label?: string;
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form action={action}>
      <button type="submit" disabled={disabled} aria-label={label} className={className}>
        {children}
        {subject && <span className="sr-only"> {subject}</span>}
      </button>
    </form>
  );
}
