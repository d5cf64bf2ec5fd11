// Admin-only settings. The layout refuses agents; each page and action checks again on its own.
import { requireStaff } from "@/auth";
import { NavLink } from "@/components/dashboard/nav-link";
import { PageHeader } from "@/components/ui/page-header";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requireStaff("admin");
  return (
    <div>
      <PageHeader title="Settings" className="mb-3" />
      <nav aria-label="Settings" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200 pb-2">
        <NavLink href="/dashboard/settings/methods">Payment methods</NavLink>
        <NavLink href="/dashboard/settings/users">Users</NavLink>
        <NavLink href="/dashboard/settings/business">Business profile</NavLink>
        <NavLink href="/dashboard/settings/api-keys">API keys</NavLink>
        <NavLink href="/dashboard/settings/webhooks">Webhooks</NavLink>
        <NavLink href="/dashboard/settings/email">E-mail</NavLink>
        <NavLink href="/dashboard/settings/bank-accounts">Bank accounts</NavLink>
      </nav>
      {children}
    </div>
  );
}
