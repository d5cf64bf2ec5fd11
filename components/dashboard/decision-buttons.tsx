// Approve (a tick) and Cancel (with a reason) for one payment, usable without JavaScript.
import { approvePaymentAction, cancelPaymentAction } from "@/app/(dashboard)/dashboard/actions";
import { CancelPopover } from "./cancel-form";

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
        <CancelPopover action={cancelPaymentAction.bind(null, paymentId, returnTo)} idSuffix={String(paymentId)} reference={reference} />
      )}
    </div>
  );
}
