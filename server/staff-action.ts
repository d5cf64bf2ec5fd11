// The one way to write a staff member's server action: the session and role are checked first (before anything the
// caller sent is read), the ids the page bound to the action and the submitted form are parsed with zod, and the form
// is answered with a FormState (lib/form-state.ts). See docs/architecture.md, "Mutations".
import "server-only";
import { z } from "zod";
import { requireStaff, type Staff } from "@/auth";
import { checkForm, FIX_FIELDS, keptValues, readForm, type FormState } from "@/lib/form-state";

type Role = "staff" | "admin";
/** Schemas for the arguments a page binds to the action (`action.bind(null, id)`): they come from the browser too. */
type ArgSchemas<B extends unknown[]> = { [K in keyof B]: z.ZodType<B[K]> };

type FormConfig<S extends z.ZodType, B extends unknown[]> = {
  role: Role;
  args?: ArgSchemas<B>;
  /** The form's fields. */
  schema: S;
  /** How the form is read into the schema's input; by default one string per field (every value for an array). */
  read?: (formData: FormData) => z.input<S>;
};

/** Bound ids that do not parse: the page that bound them is out of date, or someone made them up. */
const STALE: FormState<never> = { message: "This form is out of date: reload the page and try again." };

/**
 * A form shown with useActionState: `(…args, prev, formData)`, answered with the form's state (errors and what was
 * typed), or by the handler's redirect. The previous state is not read.
 */
export function staffAction<S extends z.ZodType, B extends unknown[] = [], R extends object | void = void>(
  config: FormConfig<S, B> & { plain?: false },
  handler: (input: z.output<S>, staff: Staff, ...args: B) => Promise<R>,
): (...args: [...B, prev: unknown, formData: FormData]) => Promise<FormState<z.input<S>> | Exclude<R, void>>;
/**
 * A plain <form> (a button, or a field without useActionState): `(…args, formData?)`, answered by the handler's
 * redirect; input that does not parse changes nothing.
 */
export function staffAction<S extends z.ZodType, B extends unknown[] = []>(
  config: FormConfig<S, B> & { plain: true },
  handler: (input: z.output<S>, staff: Staff, ...args: B) => Promise<void>,
): (...args: [...B, formData?: FormData]) => Promise<void>;
export function staffAction<B extends unknown[] = []>(
  config: { role: Role; args?: ArgSchemas<B> },
  handler: (input: undefined, staff: Staff, ...args: B) => Promise<void>,
): (...args: [...B, formData?: FormData]) => Promise<void>;
export function staffAction(
  config: { role: Role; args?: readonly z.ZodType[]; schema?: z.ZodType; read?: (formData: FormData) => unknown; plain?: boolean },
  // The overloads above type each kind of handler; here it is only called.
  handler: (input: any, staff: Staff, ...args: any[]) => Promise<FormState<unknown> | void>,
) {
  const answers = config.schema != null && !config.plain;
  return async (...sent: unknown[]): Promise<FormState<unknown> | void> => {
    const staff = await requireStaff(config.role === "admin" ? "admin" : undefined);
    const argSchemas = config.args ?? [];
    const args: unknown[] = [];
    for (const [i, schema] of argSchemas.entries()) {
      const arg = schema.safeParse(sent[i]);
      if (!arg.success) return answers ? STALE : undefined;
      args.push(arg.data);
    }
    if (!config.schema) return void (await handler(undefined, staff, ...args));
    // A body that is no form (a script's junk) reads as an empty form: its fields are reported missing.
    const formData = sent.slice(argSchemas.length).findLast((x): x is FormData => x instanceof FormData) ?? new FormData();
    const raw = config.read ? config.read(formData) : readForm(config.schema, formData);
    const checked = await checkForm(config.schema, raw);
    if (!checked.ok) return answers ? checked.state : undefined;
    const state = await handler(checked.data, staff, ...args);
    if (!answers) return undefined;
    // A handler's own field errors (a taken email, say) come back with what was typed, like the schema's.
    if (state?.fieldErrors && !state.values) return { message: FIX_FIELDS, ...state, values: keptValues(config.schema, raw) };
    return state ?? {};
  };
}
