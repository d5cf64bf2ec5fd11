// Staff accounts: add, change role, disable or enable, reset a password. The last active admin is protected.
import type { Metadata } from "next";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { listUsers } from "@/db/users";
import { ConfirmAction, Popover, smallButtonClass } from "@/components/ui/popover";
import { inputClass } from "@/components/ui/field";
import { Flash } from "@/components/dashboard/flash";
import { AddUserForm } from "@/components/settings/add-user-form";
import { ResetPasswordForm } from "@/components/settings/reset-password-form";
import { changeRoleAction, resetPasswordAction, setActiveAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const me = await requireStaffPage("admin");
  const params = await searchParams;
  const email = typeof params.email === "string" ? params.email.slice(0, 254) : "";
  const users = listUsers(getDb());
  const small = smallButtonClass;
  return (
    <>
      <Flash
        params={params}
        messages={{
          added: `${email} can now sign in.`,
          role: `${email} is now ${params.role === "admin" ? "an admin" : "an agent"}.`,
          enabled: `${email} can sign in again.`,
          disabled: `${email} is disabled and signed out of every device.`,
          password: `New password set for ${email}.`,
          renamed: "Name changed.",
          last_admin: "That would leave no active admin. Make someone else an admin first.",
          not_found: "That user no longer exists.",
          bad_role: "Choose admin or agent.",
          bad_name: "Enter a name under 100 characters.",
        }}
      />
      <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200 md:overflow-visible">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">User</th>
              <th scope="col" className="px-4 py-3">Role</th>
              <th scope="col" className="px-4 py-3">State</th>
              <th scope="col" className="px-4 py-3 text-right">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td className="px-4 py-3">
                  <div className="font-medium">
                    {u.name} {u.id === me.id && <span className="text-xs text-slate-500">(you)</span>}
                  </div>
                  <div className="text-slate-600">{u.email}</div>
                </td>
                <td className="px-4 py-3">
                  <form action={changeRoleAction.bind(null, u.id)} className="flex items-center gap-2">
                    <label htmlFor={`role-${u.id}`} className="sr-only">Role of {u.email}</label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role} className={inputClass + " w-28 py-1.5 text-sm"}>
                      <option value="agent">Agent</option>
                      <option value="admin">Admin</option>
                    </select>
                    <button type="submit" className={small}>
                      Change<span className="sr-only"> role of {u.email}</span>
                    </button>
                  </form>
                </td>
                <td className="px-4 py-3">
                  {u.active ? (
                    <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-900 ring-1 ring-inset ring-emerald-300">● Active</span>
                  ) : (
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300">○ Disabled</span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <div className="flex items-start justify-end gap-2">
                    {u.active ? (
                      <ConfirmAction
                        summary={<>Disable<span className="sr-only"> {u.email}</span></>}
                        message={`${u.email} will be signed out and unable to sign in.`}
                        confirmLabel={`Disable ${u.name}`}
                        action={setActiveAction.bind(null, u.id, false)}
                      />
                    ) : (
                      <form action={setActiveAction.bind(null, u.id, true)}>
                        <button type="submit" className={small}>
                          Enable<span className="sr-only"> {u.email}</span>
                        </button>
                      </form>
                    )}
                    <Popover summary={<>Reset password<span className="sr-only"> of {u.email}</span></>} width="w-72">
                      <ResetPasswordForm action={resetPasswordAction.bind(null, u.id)} userId={u.id} email={u.email} />
                    </Popover>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="add-user" className="mt-6 max-w-3xl rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="add-user" className="mb-4 text-lg font-semibold">Add a user</h2>
        <AddUserForm />
      </section>
    </>
  );
}
