"use client";
// Step 3 of the payer's page ("Tell us you have paid") starts closed; once the payer has opened it, it stays open
// when they come back to the page in this tab (a reload, the language switcher), as they left it.
import { useEffect } from "react";

export function ConfirmStepMemory({ stepId, token }: { stepId: string; token: string }) {
  useEffect(() => {
    const step = document.getElementById(stepId);
    if (!(step instanceof HTMLDetailsElement)) return;
    const key = `dp-confirm-open:${token}`;
    try {
      if (sessionStorage.getItem(key) === "1") step.open = true;
    } catch {
      // Storage refused (private mode): the step simply starts closed.
    }
    const remember = () => {
      try {
        if (step.open) sessionStorage.setItem(key, "1");
        else sessionStorage.removeItem(key);
      } catch {}
    };
    step.addEventListener("toggle", remember);
    return () => step.removeEventListener("toggle", remember);
  }, [stepId, token]);
  return null;
}
