"use client";
// The method form's Markdown instructions with a live preview beside them (below them on a phone), rendered in the
// browser by the same code as the payer's page (lib/instructions.ts: markdown-it, no HTML, safe links only), with
// sample values for the placeholders. Nothing here needs eval or an inline script, so the page's CSP stays as it is.
import { useDeferredValue, useMemo, useState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { renderInstructions } from "@/lib/instructions";

const SAMPLE = { amount: "€49.90", reference: "ABCD-2345", order: "Order 1042", expires: "Dec 12, 2026, 6:00 PM UTC" };

export function InstructionsEditor({ initial, error }: { initial: string; error?: string }) {
  const [text, setText] = useState(initial);
  const deferred = useDeferredValue(text);
  const html = useMemo(() => renderInstructions(deferred, SAMPLE), [deferred]);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Field
        id="instructions"
        label="Instructions (Markdown)"
        hint="Placeholders: {{amount}}, {{reference}}, {{order}}, {{expires}}. Links, lists and **bold** work; HTML does not."
        error={error}
      >
        {(a) => <textarea {...a} name="instructions" rows={8} value={text} onChange={(e) => setText(e.target.value)} className={inputClass + " font-mono text-sm"} />}
      </Field>
      <section aria-labelledby="instructions-preview" className="min-w-0">
        <h3 id="instructions-preview" className="text-sm font-medium text-slate-800">
          Preview <span className="font-normal text-slate-600">(with a sample amount and reference)</span>
        </h3>
        {deferred.trim() ? (
          <div data-testid="instructions-preview" className="prose-instructions mt-1.5 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200 [overflow-wrap:anywhere]" dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <p className="mt-1.5 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200">The instructions appear here as customers will read them.</p>
        )}
      </section>
    </div>
  );
}
