// Labels and values side by side from sm up (stacked on a phone): a record's fields on its page.
import type { ReactNode } from "react";

export type Detail = [label: string, value: ReactNode];

export function DetailList({ items, labelWidth = "sm:grid-cols-[10rem_1fr]", valueClassName = "break-words text-slate-900", children }: { items: Detail[]; labelWidth?: string; valueClassName?: string; children?: ReactNode }) {
  return (
    <dl className={`grid gap-x-6 gap-y-3 ${labelWidth}`}>
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-sm text-slate-600">{label}</dt>
          <dd className={`min-w-0 ${valueClassName}`}>{value}</dd>
        </div>
      ))}
      {children}
    </dl>
  );
}
