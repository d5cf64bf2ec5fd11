"use client";
// Adds a comment to a request's thread; on an error the text stays where it was typed.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { CommentState } from "@/app/(dashboard)/dashboard/requests/actions";

export function CommentForm({ action }: { action: (prev: CommentState, fd: FormData) => Promise<CommentState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} noValidate className="space-y-2" key={state.body ?? ""}>
      <label htmlFor="comment-body" className="block text-sm font-medium text-slate-800">
        Add a comment
      </label>
      <textarea
        id="comment-body"
        name="body"
        rows={3}
        defaultValue={state.body ?? ""}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? "comment-body-error" : undefined}
        className={inputClass}
      />
      {state.error && (
        <p id="comment-body-error" role="alert" className="text-sm font-medium text-red-700">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Sending…" : "Send comment"}
      </button>
    </form>
  );
}
