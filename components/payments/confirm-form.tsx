"use client";
// "I have paid": transaction id and receipt where the method asks for them. A plain form post to
// /pay/<token>/confirm, so it works without JavaScript (the browser checks the required fields, the server everything,
// and errors come back beside their fields); with JavaScript the same rules (lib/confirm-form.ts) are checked here
// first, so a mistake is shown at once and nothing typed or chosen is lost.
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from "react";
import { fillTemplate } from "@/lib/i18n";
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
  chooseFile: string;
  chooseAnotherFile: string;
  noFileChosen: string;
  removeFile: string;
  receiptPreview: string;
  /** "Chosen file: {name}" */
  chosenFile: string;
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
          {(aria) => <ReceiptPicker aria={aria} labels={labels} required={rules.receipt === "required"} autoFocus={firstError === "receipt" && Boolean(props.sent)} />}
        </Field>
      )}
      <button type="submit" disabled={pending} className={buttonClass("primary", "w-full py-3 text-base")}>
        {labels.confirm}
      </button>
    </form>
  );
}

const PLAIN_FILE_INPUT =
  "block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-800 hover:file:bg-slate-200";

/**
 * The receipt's file box. Without JavaScript it is the browser's own file input. With it, the same input lies
 * invisible over a box in the page's language that shows the chosen file's name and, for an image, a preview: a
 * click anywhere on the box, or the keyboard on the focused input, opens the file chooser as before.
 */
function ReceiptPicker(props: {
  aria: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean };
  labels: Labels;
  required: boolean;
  autoFocus: boolean;
}) {
  const { labels } = props;
  const [enhanced, setEnhanced] = useState(false);
  const [file, setFile] = useState<{ name: string; preview: string | null } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setEnhanced(true), []);

  function onChange(e: ChangeEvent<HTMLInputElement>) {
    const chosen = e.currentTarget.files?.[0];
    if (!chosen) return setFile(null);
    setFile({ name: chosen.name, preview: null });
    // A data: URL, which the page's Content-Security-Policy allows for images (blob: it does not).
    if (chosen.type.startsWith("image/") && chosen.size <= 10 * 1024 * 1024) {
      const reader = new FileReader();
      reader.onload = () => setFile((f) => (f && f.name === chosen.name ? { ...f, preview: String(reader.result) } : f));
      reader.readAsDataURL(chosen);
    }
  }

  function clear() {
    if (input.current) input.current.value = "";
    setFile(null);
    input.current?.focus();
  }

  const fileInput = (
    <input
      {...props.aria}
      ref={input}
      name="receipt"
      type="file"
      accept={RECEIPT_ACCEPT}
      required={props.required}
      autoFocus={props.autoFocus}
      onChange={onChange}
      className={enhanced ? "peer absolute inset-0 z-10 size-full cursor-pointer opacity-0" : PLAIN_FILE_INPUT}
    />
  );
  if (!enhanced) return fileInput;
  return (
    <div>
      <div className="relative rounded-xl border-2 border-dashed border-slate-300 bg-slate-50 p-3 hover:border-accent-600 has-[:focus-visible]:border-accent-600 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent-600/40">
        {fileInput}
        <div aria-hidden="true" className="flex items-center gap-3" data-testid="receipt-picker">
          <span className="flex size-12 shrink-0 items-center justify-center rounded-md bg-white text-2xl text-slate-600 ring-1 ring-slate-200">⇪</span>
          <span className="min-w-0 flex-1">
            <span className={buttonClass("secondary", "pointer-events-none py-1.5 text-sm")}>{file ? labels.chooseAnotherFile : labels.chooseFile}</span>
            <span className="mt-1 block truncate text-sm text-slate-700">{file ? file.name : labels.noFileChosen}</span>
          </span>
        </div>
      </div>
      <p aria-live="polite" className="sr-only">
        {file ? fillTemplate(labels.chosenFile, { name: file.name }) : ""}
      </p>
      {file?.preview && <img src={file.preview} alt={labels.receiptPreview} className="mt-2 max-h-48 rounded-lg ring-1 ring-slate-200" data-testid="receipt-preview" />}
      {file && (
        <button type="button" onClick={clear} className="mt-1 text-sm font-medium text-accent-700 underline">
          {labels.removeFile}
        </button>
      )}
    </div>
  );
}
