"use client";
// A form post is a page load: until the next page arrives, a second press of a button would post again (and come back
// as "already decided"). With JavaScript, the named forms take one submission per page; without it, the server's
// guarded update still makes the second one change nothing.
import { useEffect } from "react";

export function SubmitOnce({ forms }: { forms: string[] }) {
  useEffect(() => {
    const busy = new WeakSet<HTMLFormElement>();
    const onSubmit = (e: SubmitEvent) => {
      const form = e.target as HTMLFormElement;
      if (!forms.includes(form.id)) return;
      if (busy.has(form)) e.preventDefault();
      else busy.add(form);
    };
    // Back to this page from the browser's memory (back button): it may post again.
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) for (const id of forms) busy.delete(document.getElementById(id) as HTMLFormElement);
    };
    document.addEventListener("submit", onSubmit);
    window.addEventListener("pageshow", onShow);
    return () => {
      document.removeEventListener("submit", onSubmit);
      window.removeEventListener("pageshow", onShow);
    };
  }, [forms]);
  return null;
}
