// One payment method in the admins' list: what it accepts, and its switches (order, enable, edit, archive, delete).
import Link from "next/link";
import type { PaymentMethod } from "@/db/schema";
import { METHOD_KIND_LABELS } from "@/lib/method-form";
import { QR_STANDARD_INFO } from "@/lib/qr/standards";
import { ActionButton } from "@/components/ui/action-button";
import { Badge, OnOffBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ConfirmAction, Popover, smallButtonClass as small } from "@/components/ui/popover";
import { formatMoney, parseAmount } from "@/lib/money";

/** The server actions for this method, already bound to its id. */
export type MethodRowActions = {
  moveUp: () => Promise<void>;
  moveDown: () => Promise<void>;
  toggleEnabled: () => Promise<void>;
  toggleArchived: () => Promise<void>;
  remove: () => Promise<void>;
};

/** A limit as money in the method's one currency (€15,000.00), else as a grouped number (15,000). */
function limitText(limit: string, currencies: readonly string[]): string {
  if (currencies.length === 1) {
    const parsed = parseAmount(limit, currencies[0]);
    if (parsed.ok) return formatMoney(parsed.minor, currencies[0], "en");
  }
  const [whole, fraction] = limit.split(".");
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (fraction ? `.${fraction}` : "");
}

function limitsText(m: PaymentMethod): string | null {
  const min = m.minAmount && limitText(m.minAmount, m.currencies);
  const max = m.maxAmount && limitText(m.maxAmount, m.currencies);
  if (min && max) return `${min} to ${max}`;
  if (min) return `from ${min}`;
  if (max) return `up to ${max}`;
  return null;
}

function summary(m: PaymentMethod, used: number): string {
  return [
    METHOD_KIND_LABELS[m.kind],
    m.currencies.length ? m.currencies.join(", ") : "any currency",
    limitsText(m),
    m.qrStandard && `QR: ${QR_STANDARD_INFO[m.qrStandard].label}`,
    m.hoursOpen && `${m.hoursOpen} h to pay`,
    `used by ${used} payment${used === 1 ? "" : "s"}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

const menuItemClass = "w-full rounded-md px-3 py-2 text-left text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:text-slate-500 disabled:hover:bg-transparent";

/** Edit is the row's one button; the rest sit in its "More" menu, so every row's buttons line up at the right. */
export function MethodRow({ method: m, used, first, last, actions }: { method: PaymentMethod; used: number; first: boolean; last: boolean; actions: MethodRowActions }) {
  return (
    <Card as="li" padding="sm" data-testid="method-row" className={m.archived ? "bg-slate-50" : ""}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-base font-semibold [overflow-wrap:anywhere]">{m.name}</h2>
            {m.archived ? <Badge tone="muted">Archived</Badge> : <OnOffBadge on={m.enabled} />}
          </div>
          <p className="mt-1 text-sm text-slate-600">{summary(m, used)}</p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <Link href={`/dashboard/settings/methods/${m.id}`} className={small}>
            Edit<span className="sr-only"> {m.name}</span>
          </Link>
          <Popover summary={<>More<span className="sr-only"> actions for {m.name}</span></>} width="w-56">
            <ul className="space-y-0.5" data-testid="method-menu">
              {!m.archived && (
                <>
                  <li>
                    <ActionButton action={actions.toggleEnabled} subject={m.name} className={menuItemClass}>
                      {m.enabled ? "Disable" : "Enable"}
                    </ActionButton>
                  </li>
                  <li>
                    <ActionButton action={actions.moveUp} disabled={first} label={`Move ${m.name} up`} className={menuItemClass}>
                      Move up
                    </ActionButton>
                  </li>
                  <li>
                    <ActionButton action={actions.moveDown} disabled={last} label={`Move ${m.name} down`} className={menuItemClass}>
                      Move down
                    </ActionButton>
                  </li>
                </>
              )}
              <li>
                <Link href={`/dashboard/settings/methods/${m.id}/preview`} className={`block ${menuItemClass}`}>
                  Preview<span className="sr-only"> {m.name}</span>
                </Link>
              </li>
              <li>
                <ActionButton action={actions.toggleArchived} subject={m.name} className={menuItemClass}>
                  {m.archived ? "Restore" : "Archive"}
                </ActionButton>
              </li>
              {used === 0 && (
                <li>
                  <ConfirmAction
                    summary={<>Delete<span className="sr-only"> {m.name}</span></>}
                    summaryClassName={`block ${menuItemClass} text-red-800`}
                    message={<>Delete “{m.name}” for good? No payment has used it.</>}
                    confirmLabel="Delete method"
                    action={actions.remove}
                  />
                </li>
              )}
            </ul>
          </Popover>
        </div>
      </div>
    </Card>
  );
}
