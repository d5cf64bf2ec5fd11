"use server";
// Signing in: anyone may try (Auth.js throttles failures), so this is the one form action without a staff check.
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/auth";
import { checkForm, readForm, secret, type FormState } from "@/lib/form-state";

const SignInForm = z
  .object({ email: z.string().trim(), password: secret(z.string()) })
  .refine((v) => v.email && v.password, "Enter your email and password.");

export async function authenticate(_prev: unknown, formData: FormData): Promise<FormState<{ email?: string }>> {
  // A body that is no form (a script's junk) reads as an empty one.
  const checked = await checkForm(SignInForm, readForm(SignInForm, formData instanceof FormData ? formData : new FormData()));
  if (!checked.ok) return checked.state;
  const { email, password } = checked.data;
  try {
    await signIn("credentials", { email, password, redirectTo: "/dashboard" });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "throttled") {
        return { message: "Too many failed sign-in attempts. Wait a few minutes and try again.", values: { email } };
      }
      return { message: "Wrong email or password.", values: { email } };
    }
    // signIn finishes with a redirect, which Next.js implements as a thrown error that must propagate.
    throw error;
  }
  return {};
}
