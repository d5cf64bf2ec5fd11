// Button looks shared by <button> and <Link>: one primary action per view, the rest secondary. The looks themselves
// are the `.btn` classes in app/globals.css; `extra` utilities override them.
export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

export function buttonClass(variant: ButtonVariant = "primary", extra = ""): string {
  return `btn btn-${variant} ${extra}`.trim();
}
