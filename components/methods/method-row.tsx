// One payment method in the admins' list: what it accepts, and its switches (order, enable, edit, archive, delete).
import Link from "next/link";
import type { PaymentMethod } from "@/db/schema";
import { METHOD_KIND_LABELS } from "@/lib/method-form";
import { QR_STANDARD_INFO } from "@/lib/qr/standards";
import { ActionButton } from "@/components/ui/action-button";
import { Badge, OnOffBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ConfirmAction, smallButtonClass as small } from "@/components/ui/popover";

/** The server actions for this method, already bound to its id. */
export type MethodRowActions = {
  moveUp: () => Promise<void>;
  moveDown: () => Promise<void>;
  toggleEnabled: () => Promise<void>;
  toggleArchived: () => Promise<void>;
  remove: () => Promise<void>;
};

function summary(m: PaymentMethod, used: number): string {
  const limits = [m.minAmount && `from ${m.minAmount}`, m.maxAmount && `up to ${m.maxAmount}`].filter(Boolean).join(" ");
  return [
    METHOD_KIND_LABELS[m.kind],
    m.currencies.length ? m.currencies.join(", ") : "any currency",
    limits,
    m.qrStandard && `QR: ${QR_STANDARD_INFO[m.qrStandard].label}`,
    m.hoursOpen && `${m.hoursOpen} h to pay`,
    `used by ${used} payment${used === 1 ? "" : "s"}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

function ActiveSwitches({ m, first, last, actions }: { m: PaymentMethod; first: boolean; last: boolean; actions: MethodRowActions }) {
  return (
    <>
      <ActionButton action={actions.moveUp} disabled={first} label={`Move ${m.name} up`} className={`${small} disabled:opacity-40`}>↑</ActionButton>
      <ActionButton action={actions.moveDown} disabled={last} label={`Move ${m.name} down`} className={`${small} disabled:opacity-40`}>↓</ActionButton>
      <ActionButton action={actions.toggleEnabled} subject={m.name}>{m.enabled ? "Disable" : "Enable"}</ActionButton>
    </>
  );
}

export function MethodRow({ method: m, used, first, last, actions }: { method: PaymentMethod; used: number; first: boolean; last: boolean; actions: MethodRowActions }) {
  return (
    <Card as="li" padding="sm" data-testid="method-row" className={m.archived ? "opacity-70" : ""}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-base font-semibold">{m.name}</h2>
            {m.archived ? <Badge tone="muted">Archived</Badge> : <OnOffBadge on={m.enabled} />}
          </div>
          <p className="mt-1 text-sm text-slate-600">{summary(m, used)}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {!m.archived && <ActiveSwitches m={m} first={first} last={last} actions={actions} />}
          <Link href={`/dashboard/settings/methods/${m.id}`} className={small}>
            Edit<span className="sr-only"> {m.name}</span>
          </Link>
          <Link href={`/dashboard/settings/methods/${m.id}/preview`} className={small}>
            Preview<span className="sr-only"> {m.name}</span>
          </Link>
          <ActionButton action={actions.toggleArchived} subject={m.name}>{m.archived ? "Restore" : "Archive"}</ActionButton>
          {used === 0 && (
            <ConfirmAction
              summary={<>Delete<span className="sr-only"> {m.name}</span></>}
              message={<>Delete “{m.name}” for good? No payment has used it.</>}
              confirmLabel="Delete method"
              action={actions.remove}
            />
          )}
        </div>
      </div>
    </Card>
  );
}
