// What a form's server action answers, and how a submitted form is read and checked with its zod schema. Shared by
// the server (server/staff-action.ts, the sign-in action) and the form components, which only read the type.
import { z } from "zod";

/** Messages keyed by the input's name: "amount", "details.2.label", "qr.iban", … */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * A form action's answer: a summary above the form, one message beside each field that is wrong, and what was typed
 * (never a password), so the form is shown again as it was sent.
 */
export type FormState<Values = Record<string, string>> = {
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Values;
};

/** A form's server action as its component receives it from the page, for useActionState. */
export type FormAction<Values = Record<string, string>, State extends FormState<Values> = FormState<Values>> = (prev: State, formData: FormData) => Promise<State>;

export const FIX_FIELDS = "Please correct the fields marked below.";

/** A row's id, as a page binds it to an action (`action.bind(null, id)`). */
export const recordId = z.int().positive();

const secrets = new WeakSet<z.ZodType>();

/** Marks a field whose value is never sent back to the browser (a password). */
export function secret<T extends z.ZodType>(schema: T): T {
  secrets.add(schema);
  return schema;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  if (schema instanceof z.ZodPipe) return shapeOf(schema.in as z.ZodType);
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

/** Whether a field takes a list (checkboxes), seen through its transforms and wrappers. */
function isArray(field: z.ZodType): boolean {
  if (field instanceof z.ZodPipe) return isArray(field.in as z.ZodType);
  if (field instanceof z.ZodOptional || field instanceof z.ZodNullable || field instanceof z.ZodDefault) return isArray(field.unwrap() as z.ZodType);
  return field instanceof z.ZodArray;
}

/**
 * The form's raw values, one per field of an object schema: a string (a file or a missing field reads as ""), or
 * every value sent under the name for an array field (checkboxes).
 */
export function readForm<S extends z.ZodType>(schema: S, formData: FormData): z.input<S> {
  const out: Record<string, string | string[]> = {};
  for (const [name, field] of Object.entries(shapeOf(schema))) {
    if (isArray(field)) out[name] = formData.getAll(name).filter((v): v is string => typeof v === "string");
    else {
      const v = formData.get(name);
      out[name] = typeof v === "string" ? v : "";
    }
  }
  // The schema's own checks decide whether these raw strings are its input.
  return out as z.input<S>;
}

/** The first message for each field, keyed like the inputs ("details.2.label"); form-wide issues under "". */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) out[issue.path.join(".")] ??= issue.message;
  return out;
}

/** What was typed, without the schema's secret fields. */
export function keptValues<V>(schema: z.ZodType, values: V): V {
  if (values === null || typeof values !== "object") return values;
  const kept = { ...values } as Record<string, unknown>;
  for (const [name, field] of Object.entries(shapeOf(schema))) if (secrets.has(field)) delete kept[name];
  return kept as V;
}

/** Checks raw form values with a schema: the parsed data, or the state that shows the form again with its errors. */
export async function checkForm<S extends z.ZodType>(
  schema: S,
  values: z.input<S>,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; state: FormState<z.input<S>> }> {
  // Async, as some checks look things up (a webhook's host name).
  const parsed = await schema.safeParseAsync(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors = fieldErrorsOf(parsed.error);
  return { ok: false, state: { message: fieldErrors[""] ?? FIX_FIELDS, fieldErrors, values: keptValues(schema, values) } };
}
