// An endpoint's signing secret: folded until asked for, with Copy, Rotate and Delete beside it.
import { CardSection } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmAction, smallButtonClass } from "@/components/ui/popover";

export function EndpointSecret({ secret, rotate, remove }: { secret: string; rotate: () => Promise<void>; remove: () => Promise<void> }) {
  return (
    <CardSection id="secret" title="Signing secret" titleClassName="font-semibold" level={3} className="space-y-4">
      <p className="text-sm text-slate-600">Verify each delivery’s <code>webhook-signature</code> with it (Standard Webhooks).</p>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-accent-700 underline">Reveal secret</summary>
        <div className="mt-2 flex items-center gap-2 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
          <code className="min-w-0 flex-1 break-all text-sm" data-testid="endpoint-secret">{secret}</code>
          <CopyButton value={secret} label="Copy signing secret" />
        </div>
      </details>
      <div className="flex flex-wrap gap-2">
        <ConfirmAction
          summary="Rotate secret"
          summaryClassName={smallButtonClass}
          align="left"
          message="Deliveries will be signed with a new secret at once."
          confirmLabel="Make a new secret"
          action={rotate}
        />
        <ConfirmAction summary="Delete endpoint" align="left" message="Delete this endpoint and its delivery log?" confirmLabel="Delete for good" action={remove} />
      </div>
    </CardSection>
  );
}
