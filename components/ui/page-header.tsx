// The top of a dashboard page: an optional way back, the title (with a badge beside it if any), a line on what the
// page is for, and the page's actions on the right (under the title on a phone).
import Link from "next/link";
import type { ReactNode } from "react";

export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="text-accent-700 underline">
        ← {children}
      </Link>
    </p>
  );
}

export function PageHeader({
  title,
  titleClassName = "",
  badge,
  description,
  actions,
  className = "mb-4",
}: {
  title: ReactNode;
  titleClassName?: string;
  badge?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  return (
    <div className={`flex flex-wrap items-end justify-between gap-3 ${className}`}>
      <div className="min-w-0">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <h1 className={`min-w-0 text-2xl font-semibold ${titleClassName}`.trim()}>{title}</h1>
          {badge}
        </div>
        {description && <p className="mt-1 text-slate-600">{description}</p>}
      </div>
      {actions && <div className="flex w-full flex-wrap items-start gap-2 sm:w-auto">{actions}</div>}
    </div>
  );
}
