"use client";
// A dashboard page that failed: the message shows inside the dashboard's layout, so the menu stays usable.
import { ErrorPanel } from "@/components/ui/error-panel";

const TEXT = {
  title: "This page could not be shown",
  body: "Something went wrong on our side. Try again; if it keeps happening, quote the error code below to whoever runs this site.",
  retry: "Try again",
  reference: "Error code",
};

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel text={TEXT} digest={error.digest} reset={reset} />;
}
