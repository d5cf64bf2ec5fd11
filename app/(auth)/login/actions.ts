"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/auth";

export type LoginState = { message?: string; email?: string };

export async function authenticate(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { message: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: "/dashboard" });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "throttled") {
        return { message: "Too many failed sign-in attempts. Wait a few minutes and try again.", email };
      }
      return { message: "Wrong email or password.", email };
    }
    // signIn finishes with a redirect, which Next.js implements as a thrown error that must propagate.
    throw error;
  }
  return {};
}
