// The rules for a new password, wherever one is set: the account page, an admin's reset, Add user, the CLI.
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt reads only the first 72 bytes: anything longer would be checked only in part, so it is refused. */
export const MAX_PASSWORD_BYTES = 72;

/** What is wrong with a new password, in words for the person setting it; null when it is fine. */
export function newPasswordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) {
    return `The password is too long: at most ${MAX_PASSWORD_BYTES} bytes (${MAX_PASSWORD_BYTES} plain letters and digits; letters such as ä or я count twice).`;
  }
  return null;
}

/** A new password in a form (never sent back to the browser). */
export const newPasswordField = z.string().superRefine((password, ctx) => {
  const problem = newPasswordProblem(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
