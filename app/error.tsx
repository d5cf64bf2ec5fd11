"use client";
// The last error boundary: any page whose own segment has none (sign-in, the status page).
import { ErrorPanel } from "@/components/ui/error-panel";

const TEXT = { title: "Something went wrong", body: "This page could not be shown just now. Please try again in a moment.", retry: "Try again", reference: "Error code" };

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-screen flex-col justify-center">
      <ErrorPanel text={TEXT} digest={error.digest} reset={reset} />
    </main>
  );
}
