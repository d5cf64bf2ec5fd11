import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { pendingCount } from "@/db/payment-lists";
import { newRequestCount } from "@/db/requests";
import { inboxCount } from "@/db/bank/queries";
import { signOutAction } from "./actions";
import { NavLink } from "@/components/dashboard/nav-link";
import { SoftLinks } from "@/components/dashboard/soft-links";
import { TIME_ZONE_SCRIPT } from "@/lib/time-zone";
import { LogoMark } from "@/components/ui/logo";
import { MainMenu } from "@/components/dashboard/main-menu";

/** Shown from 1280 px, and below it while the Menu button is open (a full-width column under the header's row). */
const menuPart = "hidden w-full xl:flex xl:w-auto [header:has(#main-menu[open])_&]:flex";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const db = await getDb();
  // Three counts for the navigation, at once (on PostgreSQL, three pooled connections).
  const [pending, newRequests, unmatched] = await Promise.all([pendingCount(db), staff.role === "admin" ? newRequestCount(db) : 0, inboxCount(db)]);
  return (
    // The page itself never scrolls sideways: a wide table scrolls in its own box, and what is positioned inside it
    // (screen-reader text, closed menus) must not stretch the page on a phone.
    <div className="relative min-h-screen overflow-x-clip">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      {/* From 1280 px the links, the account and Sign out fit one row; below, they sit behind the Menu button
          (components/dashboard/main-menu.tsx), which shows them as a column when open. */}
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/dashboard" className="flex shrink-0 items-center gap-2 font-semibold text-slate-900">
            <LogoMark />
            Direct Payments
          </Link>
          <MainMenu waiting={pending} />
          <nav aria-label="Main" className={`${menuPart} -mx-1 flex-col gap-1 xl:flex-row`}>
            <NavLink href="/dashboard" exact>
              Pending
              {pending > 0 && (
                <span className="ml-1.5 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" aria-label={`${pending} waiting`}>
                  {pending}
                </span>
              )}
            </NavLink>
            <NavLink href="/dashboard/payments">All payments</NavLink>
            <NavLink href="/dashboard/new">New link</NavLink>
            <NavLink href="/dashboard/statements">
              Statements
              {unmatched > 0 && (
                <span className="ml-1.5 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-900" aria-label={`${unmatched} unmatched`}>
                  {unmatched}
                </span>
              )}
            </NavLink>
            {/* Admins answer every request; agents follow their own. */}
            <NavLink href="/dashboard/requests">
              {staff.role === "admin" ? "Requests" : "My requests"}
              {newRequests > 0 && (
                <span className="ml-1.5 rounded-full bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900" aria-label={`${newRequests} new`}>
                  {newRequests}
                </span>
              )}
            </NavLink>
            {staff.role === "admin" && <NavLink href="/dashboard/settings">Settings</NavLink>}
            <NavLink href="/dashboard/api">API</NavLink>
          </nav>
          <div className={`${menuPart} items-center justify-between gap-3 border-t border-slate-200 pt-2 text-sm xl:ml-auto xl:justify-start xl:border-0 xl:pt-0`}>
            <Link href="/dashboard/account" className="max-w-64 truncate whitespace-nowrap rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              {staff.name} <span className="text-slate-600 xl:hidden">· {staff.role}</span>
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="whitespace-nowrap rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <SoftLinks />
      {/* The viewer's time zone, for dates the pages format on the server (lib/time-zone.ts). */}
      <script dangerouslySetInnerHTML={{ __html: TIME_ZONE_SCRIPT }} />
    </div>
  );
}
