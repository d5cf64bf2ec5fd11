"use client";
// "I have paid": transaction id and receipt where the method asks for them. A plain form post to
// /pay/<token>/confirm, so it works without JavaScript (the browser checks the required fields, the server everything,
// and errors come back beside their fields); with JavaScript the same rules (lib/confirm-form.ts) are checked here
// first, so a mistake is shown at once and nothing typed or chosen is lost.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { checkChosenFile, type ConfirmErrors, confirmErrors, type ConfirmRules, hasErrors, RECEIPT_ACCEPT } from "@/lib/confirm-form";

type Labels = {
  transactionId: string;
  transactionIdHint: string;
  receipt: string;
  receiptHint: string;
  optional: string;
  required: string;
  confirm: string;
};
type Messages = Record<NonNullable<ConfirmErrors["transactionId"] | ConfirmErrors["receipt"]> | "fixBelow", string>;

/** Checks the form in the browser before it posts, with the rules the server applies (lib/confirm-form.ts). */
function useConfirmCheck(rules: ConfirmRules, sent: ConfirmErrors | undefined) {
  const [errors, setErrors] = useState<ConfirmErrors>(sent ?? {});
  const [pending, setPending] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // With JavaScript this form checks its fields itself, with messages of its own beside them.
    if (form.current) form.current.noValidate = true;
    // Back here from the browser's memory (back button): the button works again.
    const onShow = (e: PageTransitionEvent) => e.persisted && setPending(false);
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    if (pending) return e.preventDefault();
    const data = new FormData(e.currentTarget);
    const file = data.get("receipt");
    const found = confirmErrors(
      rules,
      String(data.get("transactionId") ?? "").trim(),
      checkChosenFile(file instanceof File ? file : null),
    );
    // A file chosen here stays chosen: no need to ask for it again.
    if (found.receipt === "receipt-again") delete found.receipt;
    setErrors(found);
    if (hasErrors(found)) {
      e.preventDefault();
      e.currentTarget.querySelector<HTMLElement>(found.transactionId ? "#transactionId" : "#receipt")?.focus();
      return;
    }
    setPending(true); // the browser posts the form and loads the page it is sent to
  }

  return { errors, pending, form, onSubmit };
}

export function ConfirmForm(props: {
  action: string;
  rules: ConfirmRules;
  /** What the server sent back after a post without JavaScript. */
  sent?: { errors: ConfirmErrors; transactionId: string };
  labels: Labels;
  messages: Messages;
}) {
  const { labels, messages, rules } = props;
  const { errors, pending, form, onSubmit } = useConfirmCheck(rules, props.sent?.errors);

  const firstError = errors.transactionId ? "transactionId" : errors.receipt ? "receipt" : null;
  const tag = (req: boolean) => <span className="font-normal text-slate-600">({req ? labels.required : labels.optional})</span>;
  return (
    <form ref={form} action={props.action} method="post" encType="multipart/form-data" onSubmit={onSubmit} className="space-y-4">
      <FormAlert message={hasErrors(errors) ? messages.fixBelow : undefined} />
      <Field
        id="transactionId"
        label={<>{labels.transactionId} {tag(rules.requiresTransactionId)}</>}
        hint={labels.transactionIdHint}
        error={errors.transactionId && messages[errors.transactionId]}
      >
        {(aria) => (
          <input
            {...aria}
            name="transactionId"
            type="text"
            autoComplete="off"
            maxLength={200}
            required={rules.requiresTransactionId}
            defaultValue={props.sent?.transactionId ?? ""}
            autoFocus={firstError === "transactionId" && Boolean(props.sent)}
            className={inputClass}
          />
        )}
      </Field>
      {rules.receipt !== "off" && (
        <Field id="receipt" label={<>{labels.receipt} {tag(rules.receipt === "required")}</>} hint={labels.receiptHint} error={errors.receipt && messages[errors.receipt]}>
          {(aria) => (
            <input
              {...aria}
              name="receipt"
              type="file"
              accept={RECEIPT_ACCEPT}
              required={rules.receipt === "required"}
              autoFocus={firstError === "receipt" && Boolean(props.sent)}
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
