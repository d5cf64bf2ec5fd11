// A table with its header row, in a card (a page's list) or plain (a small table inside a card), and what it shows
// when it has no rows. Rows are the caller's: their cells differ from table to table.
import type { HTMLAttributes, ReactNode } from "react";
import { cardClass, EmptyState } from "./card";

export type Column = { label: ReactNode; className?: string };

const looks = {
  card: {
    wrapper: `overflow-x-auto ${cardClass}`,
    head: "border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600",
    cell: "px-4 py-3 font-semibold",
    body: "divide-y divide-slate-200",
  },
  plain: {
    wrapper: "overflow-x-auto",
    head: "text-xs text-slate-500",
    cell: "py-1 pr-3 font-medium last:pr-0",
    body: "",
  },
} as const;

/** The classes of a plain table's body rows and cells, so that its rows line up with its header. */
export const plainRowClass = "border-t border-slate-100 align-top";
export const plainCellClass = "py-1.5 pr-3 last:pr-0";

export function Table({
  caption,
  columns,
  look = "card",
  className = "",
  wrapperClassName,
  headClassName = "",
  bodyProps,
  empty,
  keyboardScroll = false,
  children,
}: {
  caption?: string;
  columns: Column[];
  look?: keyof typeof looks;
  /** More classes for the <table>, e.g. a minimum width. */
  className?: string;
  /** Replaces the wrapper's overflow, e.g. to let a popover out of the card from md up. */
  wrapperClassName?: string;
  headClassName?: string;
  bodyProps?: HTMLAttributes<HTMLTableSectionElement> & { "data-soft-links"?: string };
  /** Shown instead of the table when there are no rows. */
  empty?: { when: boolean; title?: ReactNode; children?: ReactNode };
  /**
   * For a table with nothing inside that takes focus (no link, no button): its wrapper does, as a region named by the
   * caption, so that a keyboard can scroll it sideways on a narrow screen (axe: scrollable-region-focusable).
   */
  keyboardScroll?: boolean;
  children: ReactNode;
}) {
  if (empty?.when) return <EmptyState title={empty.title}>{empty.children}</EmptyState>;
  const l = looks[look];
  const wrapper = wrapperClassName === undefined ? l.wrapper : look === "card" ? `${cardClass} ${wrapperClassName}` : wrapperClassName;
  return (
    <div className={wrapper} {...(keyboardScroll ? { tabIndex: 0, role: "region", "aria-label": caption } : {})}>
      <table className={`w-full text-left text-sm ${className}`.trim()}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className={`${l.head} ${headClassName}`.trim()}>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={`${l.cell} ${c.className ?? ""}`.trim()}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody {...bodyProps} className={`${l.body} ${bodyProps?.className ?? ""}`.trim() || undefined}>
          {children}
        </tbody>
      </table>
    </div>
  );
}
