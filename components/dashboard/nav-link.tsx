"use client";
// A navigation link that marks the current page and shows that the next one is loading. Pages render on the server
// in one piece (no streamed skeleton), so they also work without JavaScript and unknown ids answer a real 404.
import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

function Pending() {
  const { pending } = useLinkStatus();
  // In the link's padding, so it takes no room of its own: the header's links fit one row at 1280 px.
  return <span aria-hidden="true" className={`absolute right-1 top-1 size-1.5 rounded-full bg-accent-600 ${pending ? "animate-pulse opacity-100" : "opacity-0"}`} />;
}

export function NavLink({ href, exact = false, children }: { href: string; exact?: boolean; children: React.ReactNode }) {
  const path = usePathname();
  const active = exact ? path === href : path === href || path.startsWith(href + "/");
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`relative inline-flex shrink-0 items-center rounded-md px-3 py-1.5 text-sm font-medium xl:px-2.5 ${active ? "bg-accent-50 text-accent-800" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {children}
      <Pending />
    </Link>
  );
}
