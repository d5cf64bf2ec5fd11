"use client";
// Adds a comment to a request's thread; on an error the text stays where it was typed.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { FormAction } from "@/lib/form-state";

export function CommentForm({ action }: { action: FormAction<{ body: string }> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const error = state.fieldErrors?.body;
  const body = state.values?.body;
  return (
    <form action={formAction} noValidate className="space-y-2" key={body ?? ""}>
      <label htmlFor="comment-body" className="block text-sm font-medium text-slate-800">
        Add a comment
      </label>
      <textarea
        id="comment-body"
        name="body"
        rows={3}
        defaultValue={body ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "comment-body-error" : undefined}
        className={inputClass}
      />
      {error && (
        <p id="comment-body-error" role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Sending…" : "Send comment"}
      </button>
    </form>
  );
}
