"use client";
// The phone's and tablet's menu button: a <details> whose open state shows the header's navigation and account links
// (CSS in the layout, `header:has(#main-menu[open])`), so it works without JavaScript and with the keyboard. With
// JavaScript it also closes on Escape, on a click outside it and after a navigation.
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export function MainMenu({ waiting }: { waiting: number }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const path = usePathname();
  useEffect(() => {
    ref.current?.removeAttribute("open");
  }, [path]);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const header = details.closest("header");
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape" && details!.open) {
        details!.open = false;
        details!.querySelector("summary")?.focus();
      }
    }
    function onClick(e: MouseEvent) {
      if (details!.open && header && e.target instanceof Node && !header.contains(e.target)) details!.open = false;
    }
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, []);
  return (
    <details ref={ref} id="main-menu" className="ml-auto xl:hidden">
      <summary
        data-testid="main-menu"
        className="inline-flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 [&::-webkit-details-marker]:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M3 5h14M3 10h14M3 15h14" />
        </svg>
        Menu
        {waiting > 0 && (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" aria-label={`(${waiting} waiting)`}>
            {waiting}
          </span>
        )}
      </summary>
    </details>
  );
}
