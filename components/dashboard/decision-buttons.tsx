// Approve and Cancel for payments: the buttons (markup in pending-rows-html.ts, shared with the Pending queue's rows)
// belong through the HTML `form` attribute to two forms rendered once per page (DecisionForms), and send the
// payment's id as the value of the button pressed. The forms post to a route handler
// (app/(dashboard)/dashboard/decide/[decision]/route.ts), which checks everything and answers 303 to the page that
// shows the outcome: the same with and without JavaScript.
import { APPROVE_FORM, CANCEL_FORM, type CancelState, decisionButtonsHtml, type PartPaid } from "./pending-rows-html";
import { SubmitOnce } from "@/components/ui/submit-once";

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
      <form id={APPROVE_FORM} method="post" action="/dashboard/decide/approve" hidden>
        {fields}
      </form>
      <form id={CANCEL_FORM} method="post" action="/dashboard/decide/cancel" hidden>
        {fields}
      </form>
      <SubmitOnce forms={[APPROVE_FORM, CANCEL_FORM]} />
    </>
  );
}

/** The buttons for one payment (its page); needs DecisionForms on the same page. */
export function DecisionButtons(props: { paymentId: number; reference: string; status: string; cancel?: CancelState; partPaid?: PartPaid }) {
  const { paymentId: id, reference, status, cancel, partPaid } = props;
  return <div className="acts" dangerouslySetInnerHTML={{ __html: decisionButtonsHtml({ id, reference, status }, cancel, partPaid).value }} />;
}
