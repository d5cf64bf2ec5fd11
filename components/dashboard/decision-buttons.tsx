// Approve and Cancel for payments, usable without JavaScript: the buttons (markup in pending-rows.ts, shared with the
// Pending queue's rows) belong through the HTML `form` attribute to two forms rendered once per page (DecisionForms),
// and send the payment's id as the value of the button pressed. The server actions are unbound: the payment comes from
// that value, the page to return to from the forms' hidden fields, all checked by the actions.
import { approvePaymentAction, cancelPaymentAction } from "@/app/(dashboard)/dashboard/actions";
import { APPROVE_FORM, CANCEL_FORM, type CancelState, decisionButtonsHtml } from "./pending-rows";

/** The two forms every decision button on the page submits; once per page. */
export function DecisionForms({ returnTo, cursor }: { returnTo: "pending" | "detail"; cursor?: string }) {
  const fields = (
    <>
      {returnTo !== "pending" && <input type="hidden" name="returnTo" value={returnTo} />}
      {cursor && <input type="hidden" name="cursor" value={cursor} />}
    </>
  );
  return (
    <>
      <form id={APPROVE_FORM} action={approvePaymentAction} hidden>
        {fields}
      </form>
      <form id={CANCEL_FORM} action={cancelPaymentAction} hidden>
        {fields}
      </form>
    </>
  );
}

/** The buttons for one payment (its page); needs DecisionForms on the same page. */
export function DecisionButtons({ paymentId, reference, status, cancel }: { paymentId: number; reference: string; status: string; cancel?: CancelState }) {
  return <div className="acts" dangerouslySetInnerHTML={{ __html: decisionButtonsHtml({ id: paymentId, reference, status }, cancel).value }} />;
}
