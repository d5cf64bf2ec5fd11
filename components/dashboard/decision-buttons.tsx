// Approve (a tick) and Cancel (with a reason) for one payment, usable without JavaScript.
import { approvePaymentAction, cancelPaymentAction } from "@/app/(dashboard)/dashboard/actions";
import { CancelForm } from "./cancel-form";
import { Popover } from "@/components/ui/popover";

export function DecisionButtons({ paymentId, reference, status, returnTo }: { paymentId: number; reference: string; status: string; returnTo: "pending" | "detail" }) {
  return (
    <div className="flex items-start justify-end gap-2">
      {status === "submitted" && (
        <form action={approvePaymentAction.bind(null, paymentId, returnTo)}>
          <button
            type="submit"
            aria-label={`Approve ${reference}`}
            title="Approve: the money has arrived"
            className="inline-flex items-center gap-1.5 rounded-lg bg-emerald-700 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-emerald-800"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2.5">
              <path d="M4 10.5l4 4L16 6" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Approve
          </button>
        </form>
      )}
      {(status === "submitted" || status === "open") && (
        <Popover
          summaryLabel={`Cancel ${reference}`}
          summaryClassName="inline-flex items-center gap-1.5 rounded-lg bg-white px-3 py-2 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50"
          width="w-auto"
          summary={
            <>
              <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2.5">
                <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
              </svg>
              Cancel
            </>
          }
        >
          <CancelForm action={cancelPaymentAction.bind(null, paymentId, returnTo)} idSuffix={String(paymentId)} />
        </Popover>
      )}
    </div>
  );
}
