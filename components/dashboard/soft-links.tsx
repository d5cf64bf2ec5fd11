"use client";
// Client-side navigation for the plain <a> links of long lists (inside an element with data-soft-links), rendered
// once in the dashboard's layout instead of a <Link> client component per row. Unlike <Link>, nothing is prefetched:
// a visible Pending queue used to fetch its 50 payment pages. Modified clicks (new tab, …) and links with a target
// are left to the browser; without JavaScript these are ordinary links.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function SoftLinks() {
  const router = useRouter();
  useEffect(() => {
    function onClick(e: MouseEvent) {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest("a") : null;
      if (!a || a.target || a.hasAttribute("download") || !a.closest("[data-soft-links]")) return;
      const href = a.getAttribute("href");
      if (!href?.startsWith("/")) return;
      e.preventDefault();
      router.push(href);
    }
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [router]);
  return null;
}
