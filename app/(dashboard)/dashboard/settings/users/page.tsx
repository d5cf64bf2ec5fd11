// Staff accounts: add, change role, disable or enable, reset a password. The last active admin is protected.
import type { Metadata } from "next";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { listUsers } from "@/db/users";
import { CardSection } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { USER_COLUMNS, UserRow } from "@/components/users/user-row";
import { Flash } from "@/components/dashboard/flash";
import { AddUserForm } from "@/components/settings/add-user-form";
import { ResetPasswordForm } from "@/components/settings/reset-password-form";
import { addUserAction, changeRoleAction, resetPasswordAction, setActiveAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const me = await requireStaff("admin");
  const params = await searchParams;
  const email = typeof params.email === "string" ? params.email.slice(0, 254) : "";
  const users = await listUsers(await getDb());
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
          last_admin: "That would leave no active admin. Make someone else an admin first.",
          not_found: "That user no longer exists.",
        }}
      />
      {/* A card per user on a phone (the cells stacked, every action in reach), a table row from md up. */}
      <Table caption="Users" columns={USER_COLUMNS} wrapperClassName="" headClassName="hidden md:table-header-group">
        {users.map((u) => (
          <UserRow
            key={u.id}
            user={u}
            isMe={u.id === me.id}
            actions={{
              changeRole: changeRoleAction.bind(null, u.id),
              setActive: setActiveAction.bind(null, u.id, !u.active),
              resetForm: <ResetPasswordForm action={resetPasswordAction.bind(null, u.id)} userId={u.id} email={u.email} />,
            }}
          />
        ))}
      </Table>
      <CardSection id="add-user" title="Add a user" titleClassName="mb-4 text-lg font-semibold" className="mt-6 max-w-3xl">
        <AddUserForm action={addUserAction} />
      </CardSection>
    </>
  );
}
