// One staff account in the admins' Users table: who, role, state, and the actions (disable or enable, reset password).
import type { ReactNode } from "react";
import type { User } from "@/db/schema";
import { ActionButton } from "@/components/ui/action-button";
import { OnOffBadge } from "@/components/ui/badge";
import { inputClass } from "@/components/ui/field";
import { ConfirmAction, Popover, smallButtonClass as small } from "@/components/ui/popover";

export const USER_COLUMNS = [{ label: "User" }, { label: "Role" }, { label: "State" }, { label: "Actions", className: "text-right" }];

/** The server actions for this user, already bound to their id; the reset form is rendered by the page. */
export type UserRowActions = { changeRole: (fd: FormData) => Promise<void>; setActive: () => Promise<void>; resetForm: ReactNode };

export function UserRow({ user: u, isMe, actions }: { user: Pick<User, "id" | "name" | "email" | "role" | "active">; isMe: boolean; actions: UserRowActions }) {
  return (
    <tr data-testid="user-row" className="grid gap-3 px-4 py-3 md:table-row md:p-0 md:align-top">
      <td className="md:px-4 md:py-3">
        <div className="font-medium">
          {u.name} {isMe && <span className="text-xs text-slate-500">(you)</span>}
        </div>
        <div className="text-slate-600 [overflow-wrap:anywhere]">{u.email}</div>
      </td>
      <td className="md:px-4 md:py-3">
        <form action={actions.changeRole} className="flex items-center gap-2">
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
      <td className="md:px-4 md:py-3">
        <OnOffBadge on={u.active} onLabel="Active" />
      </td>
      <td className="md:px-4 md:py-3">
        <div className="flex flex-wrap items-start gap-2 md:justify-end">
          {u.active ? (
            <ConfirmAction
              summary={<>Disable<span className="sr-only"> {u.email}</span></>}
              message={`${u.email} will be signed out and unable to sign in.`}
              confirmLabel={`Disable ${u.name}`}
              action={actions.setActive}
            />
          ) : (
            <ActionButton action={actions.setActive} subject={u.email}>
              Enable
            </ActionButton>
          )}
          <Popover summary={<>Reset password<span className="sr-only"> of {u.email}</span></>} width="w-72">
            {actions.resetForm}
          </Popover>
        </div>
      </td>
    </tr>
  );
}
