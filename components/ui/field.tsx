// A labelled form control with its hint and error, wired for screen readers.
import type { ReactNode } from "react";

// The look is `.input` in app/globals.css, shared with the inputs that are plain HTML strings.
export const inputClass = "input";

export function Field(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: (aria: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-800">
        {props.label}
      </label>
      {props.children({ id: props.id, "aria-describedby": describedBy || undefined, "aria-invalid": props.error ? true : undefined })}
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-sm text-slate-600">
          {props.hint}
        </p>
      )}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

/** A field's message, read out when it appears; `aria-describedby` points at `${id}-error`. */
export function FieldError({ id, error, className = "" }: { id: string; error?: string | null; className?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className={`text-sm font-medium text-red-700 ${className}`.trim()} role="alert">
      {error}
    </p>
  );
}

/** A group of checkboxes or radios under one legend, with one message for the whole group. */
export function FieldGroup({ id, legend, error, className, children }: { id: string; legend: ReactNode; error?: string | null; className?: string; children: ReactNode }) {
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} className={className}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {children}
      <FieldError id={id} error={error} className="mt-1" />
    </fieldset>
  );
}
