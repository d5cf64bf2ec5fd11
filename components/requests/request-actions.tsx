// The admins' buttons on a request: start, create the method, decline (a second step with a reason), reopen.
import Link from "next/link";
import type { ReactNode } from "react";
import type { RequestStatus } from "@/lib/request-status";
import { buttonClass } from "@/components/ui/button";

export function RequestActions({
  id,
  status,
  start,
  reopen,
  declineForm,
}: {
  id: number;
  status: RequestStatus;
  start: () => Promise<void>;
  reopen: () => Promise<void>;
  declineForm: ReactNode;
}) {
  const open = status === "new" || status === "in_progress";
  return (
    <div className="flex w-full flex-wrap items-start gap-2">
      {status === "new" && (
        <form action={start}>
          <button type="submit" className={buttonClass("secondary")}>Start working</button>
        </form>
      )}
      {open && (
        <Link href={`/dashboard/requests/${id}/create-method`} className={buttonClass("primary")}>
          Create method from request
        </Link>
      )}
      {open && (
        // On a phone the form opens in the page's flow; on wider screens it drops down under the button.
        <details className="relative w-full sm:w-auto">
          <summary className={buttonClass("secondary", "cursor-pointer list-none text-red-800 [&::-webkit-details-marker]:hidden")}>Decline…</summary>
          <div className="mt-2 rounded-xl bg-white p-3 shadow-lg ring-1 ring-slate-200 sm:absolute sm:right-0 sm:z-10">{declineForm}</div>
        </details>
      )}
      {status === "declined" && (
        <form action={reopen}>
          <button type="submit" className={buttonClass("secondary")}>Reopen</button>
        </form>
      )}
    </div>
  );
}
