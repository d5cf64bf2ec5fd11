"use client";
// "I have paid": transaction id and receipt where the method asks for them. Posts to a server action, so it works without JavaScript.
import { useActionState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import type { ConfirmState } from "./actions";
import { FormAlert } from "@/components/ui/form-alert";

type Labels = {
  transactionId: string;
  transactionIdHint: string;
  receipt: string;
  receiptHint: string;
  optional: string;
  required: string;
  confirm: string;
};

export function ConfirmForm(props: {
  action: (prev: ConfirmState, formData: FormData) => Promise<ConfirmState>;
  askTransactionId: "required" | "optional";
  receipt: "off" | "optional" | "required";
  labels: Labels;
}) {
  const [state, formAction, pending] = useActionState(props.action, {});
  const { labels } = props;
  const tag = (req: boolean) => <span className="font-normal text-slate-600">({req ? labels.required : labels.optional})</span>;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert message={state.message} />
      <Field
        id="transactionId"
        label={<>{labels.transactionId} {tag(props.askTransactionId === "required")}</>}
        hint={labels.transactionIdHint}
        error={state.fieldErrors?.transactionId}
      >
        {(aria) => (
          <input
            {...aria}
            name="transactionId"
            type="text"
            autoComplete="off"
            maxLength={200}
            required={props.askTransactionId === "required"}
            defaultValue={state.values?.transactionId ?? ""}
            key={state.values?.transactionId ?? ""}
            className={inputClass}
          />
        )}
      </Field>
      {props.receipt !== "off" && (
        <Field
          id="receipt"
          label={<>{labels.receipt} {tag(props.receipt === "required")}</>}
          hint={labels.receiptHint}
          error={state.fieldErrors?.receipt}
        >
          {(aria) => (
            <input
              {...aria}
              name="receipt"
              type="file"
              accept="image/png,image/jpeg,image/webp,application/pdf"
              required={props.receipt === "required"}
              className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-800 hover:file:bg-slate-200"
            />
          )}
        </Field>
      )}
      <button type="submit" disabled={pending} className={buttonClass("primary", "w-full py-3 text-base")}>
        {labels.confirm}
      </button>
    </form>
  );
}
