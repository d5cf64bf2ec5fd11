// The white, rounded, outlined box that holds each part of a dashboard page, and the box that says a list is empty.
import type { HTMLAttributes, ReactNode } from "react";

export const cardClass = "rounded-2xl bg-white ring-1 ring-slate-200";

const paddings = { none: "", sm: "p-4", md: "p-5", lg: "p-6" } as const;

type CardProps = HTMLAttributes<HTMLElement> & {
  as?: "div" | "section" | "aside" | "li";
  padding?: keyof typeof paddings;
  "data-testid"?: string;
};

export function Card({ as: Tag = "div", padding = "md", className = "", ...rest }: CardProps) {
  return <Tag {...rest} className={`${cardClass} ${paddings[padding]} ${className}`.trim()} />;
}

/** A card with a heading that names it (`aria-labelledby`), the usual way a page's part starts. */
export function CardSection({
  id,
  title,
  titleClassName = "mb-3 text-lg font-semibold",
  level = 2,
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  titleClassName?: string;
  level?: 2 | 3;
  className?: string;
  children: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <Card as="section" aria-labelledby={id} className={className}>
      <Heading id={id} className={titleClassName}>
        {title}
      </Heading>
      {children}
    </Card>
  );
}

/** What an empty list shows instead: a title and a line on what to do next. */
export function EmptyState({ title, children, className = "py-12" }: { title?: ReactNode; children?: ReactNode; className?: string }) {
  return (
    <div className={`${cardClass} px-6 text-center ${className}`}>
      {title && <p className="text-lg font-medium">{title}</p>}
      {children && <div className={title ? "mx-auto mt-1 max-w-md text-slate-600" : "text-slate-600"}>{children}</div>}
    </div>
  );
}
