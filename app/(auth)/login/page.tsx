import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/auth";
import { LoginForm } from "@/components/auth/login-form";
import { authenticate } from "./actions";
import { TIME_ZONE_SCRIPT } from "@/lib/time-zone";
import { LogoMark } from "@/components/ui/logo";
import { Notice } from "@/components/ui/notice";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await currentStaff()) redirect("/dashboard");
  const { notice } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6 py-12">
      <div className="mb-8 flex items-center gap-2">
        <LogoMark className="size-8" />
        <span className="text-lg font-semibold">Direct Payments</span>
      </div>
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      {notice === "signed-out-everywhere" && (
        <Notice tone="success">You are signed out on every device.</Notice>
      )}
      <Card padding="lg" className="shadow-sm">
        <LoginForm action={authenticate} />
      </Card>
      {/* Sets the time zone cookie before the first dashboard page, whose dates are formatted on the server. */}
      <script dangerouslySetInnerHTML={{ __html: TIME_ZONE_SCRIPT }} />
    </main>
  );
}
