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

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const pending = await pendingCount(await getDb());
  const newRequests = staff.role === "admin" ? await newRequestCount(await getDb()) : 0;
  const unmatched = await inboxCount(await getDb());
  return (
    // The page itself never scrolls sideways: a wide table scrolls in its own box, and what is positioned inside it
    // (screen-reader text, closed menus) must not stretch the page on a phone.
    <div className="relative min-h-screen overflow-x-clip">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/dashboard" className="flex items-center gap-2 font-semibold text-slate-900">
            <LogoMark />
            Direct Payments
          </Link>
          {/* On a phone the links wrap onto a second line rather than scroll out of sight. */}
          <nav aria-label="Main" className="order-3 -mx-1 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
            <NavLink href="/dashboard" exact>
              Pending
              {pending > 0 && (
                <span className="ml-1.5 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" aria-label={`${pending} waiting`}>
                  {pending}
                </span>
              )}
            </NavLink>
            <NavLink href="/dashboard/payments">All payments</NavLink>
            <NavLink href="/dashboard/new">New payment link</NavLink>
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
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href="/dashboard/account" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              {staff.name} <span className="text-slate-500">· {staff.role}</span>
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
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
