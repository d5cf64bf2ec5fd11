"use client";
// What an error boundary (app/error.tsx and the ones under it) shows: a calm message, a retry that renders the page
// again from the server, and the error's digest, which the server's log line of the same error carries.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { buttonClass } from "./button";

export type ErrorPanelText = { title: string; body: string; retry: string; reference: string };

export function ErrorPanel({ text, digest, reset, lang }: { text: ErrorPanelText; digest?: string; reset: () => void; lang?: string }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  return (
    <div lang={lang} role="alert" className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold text-slate-900">{text.title}</h1>
      <p className="mt-2 text-slate-700">{text.body}</p>
      <button
        type="button"
        disabled={retrying}
        className={buttonClass("primary", "mt-6")}
        // A server component's error needs the page from the server again, not only the boundary reset.
        onClick={() => startRetry(() => (router.refresh(), reset()))}
      >
        {text.retry}
      </button>
      {digest && (
        <p className="mt-6 text-xs text-slate-500">
          {text.reference}: <span className="font-mono">{digest}</span>
        </p>
      )}
    </div>
  );
}
