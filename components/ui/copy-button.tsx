"use client";
// Copies a value to the clipboard. Hidden until the page's JavaScript runs, since without it the button could do nothing.
import { useEffect, useState } from "react";

export function CopyButton({ value, label, copyText = "Copy", copiedText = "Copied" }: { value: string; label: string; copyText?: string; copiedText?: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(true), []);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  if (!ready) return null;
  return (
    <button
      type="button"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
        } catch {
          // Older browsers and insecure origins: fall back to a hidden textarea.
          const ta = document.createElement("textarea");
          ta.value = value;
          ta.setAttribute("readonly", "");
          ta.style.position = "fixed";
          ta.style.opacity = "0";
          document.body.appendChild(ta);
          ta.select();
          document.execCommand("copy");
          ta.remove();
        }
        setCopied(true);
      }}
      className="shrink-0 rounded-md px-2.5 py-1.5 text-sm font-medium text-accent-700 ring-1 ring-inset ring-accent-100 hover:bg-accent-50"
    >
      <span aria-live="polite">{copied ? copiedText : copyText}</span>
    </button>
  );
}
