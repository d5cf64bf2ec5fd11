// Keyset paging under a list: back to the first page, and on to the next one when there is one.
import Link from "next/link";

type PageLink = { href: string; label: string };

export function Pager({ first, next }: { first?: PageLink | null; next?: PageLink | null }) {
  return (
    <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
      {first ? (
        <Link href={first.href} className="font-medium text-accent-700 underline">
          {first.label}
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={next.href} className="font-medium text-accent-700 underline">
          {next.label}
        </Link>
      )}
    </nav>
  );
}
