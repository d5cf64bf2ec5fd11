// The parts of the API reference page, rendered from the OpenAPI document's JSON Schemas.
import { Card } from "@/components/ui/card";
import { plainCellClass, plainRowClass, Table } from "@/components/ui/table";

export type JsonSchema = { type?: string | string[]; description?: string; properties?: Record<string, JsonSchema>; required?: string[]; enum?: string[]; anyOf?: JsonSchema[]; items?: JsonSchema; minimum?: number; maximum?: number; maxLength?: number; format?: string };

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((e) => `"${e}"`).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
  if (s.type === "array" && s.items) return `${typeOf(s.items)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${t} (${s.format})` : t;
}

function limits(s: JsonSchema): string {
  const parts = [];
  // zod writes any integer's bounds as the safe-integer range: that says nothing a reader needs.
  if (s.minimum != null && s.minimum !== Number.MIN_SAFE_INTEGER) parts.push(`≥ ${s.minimum}`);
  if (s.maximum != null && s.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s.maximum}`);
  if (s.maxLength != null) parts.push(`≤ ${s.maxLength} chars`);
  return parts.join(", ");
}

/** Renders `code` spans of the OpenAPI descriptions. */
export function Text({ children }: { children?: string }) {
  if (!children) return null;
  return <>{children.split("`").map((part, i) => (i % 2 ? <code key={i} className="rounded bg-slate-100 px-1">{part}</code> : part))}</>;
}

const FIELD_COLUMNS = [{ label: "Field" }, { label: "Type" }, { label: "Notes" }];

export function Fields({ schema }: { schema: JsonSchema }) {
  const props = Object.entries(schema.properties ?? {});
  return (
    // On a phone each field is a small block (name and type, then the notes) rather than a table scrolling sideways.
    <Table look="plain" columns={FIELD_COLUMNS} wrapperClassName="" headClassName="hidden uppercase tracking-wide sm:table-header-group">
      {props.map(([name, p]) => (
        <tr key={name} className={`grid grid-cols-[auto_1fr] gap-x-3 py-1.5 sm:table-row sm:py-0 ${plainRowClass}`}>
          <td className={`font-mono ${plainCellClass}`}>
            {name}
            {schema.required?.includes(name) ? "" : <span className="text-slate-600">?</span>}
          </td>
          <td className={`font-mono text-xs [overflow-wrap:anywhere] ${plainCellClass}`}>{typeOf(p)}</td>
          <td className={`col-span-2 break-words text-slate-700 ${plainCellClass}`}>{[p.description, limits(p)].filter(Boolean).join(" ")}</td>
        </tr>
      ))}
    </Table>
  );
}

type Operation = {
  summary: string;
  description?: string;
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

const refName = (r: unknown) => (r as { $ref?: string })?.$ref?.split("/").pop();

/** One path and method of the API: what it does, its parameters, its body's fields and its answers. */
export function OperationCard({ path, method, op, schemas }: { path: string; method: string; op: unknown; schemas: Record<string, JsonSchema> }) {
  const o = op as Operation;
  const body = o.requestBody ? refName(Object.values(o.requestBody.content)[0].schema) : undefined;
  return (
    <Card as="section" aria-labelledby={`${method}-${path}`}>
      <h2 id={`${method}-${path}`} className="font-mono text-base font-semibold">
        <span className="rounded bg-accent-50 px-2 py-0.5 text-accent-800">{method.toUpperCase()}</span> /api/v1{path}
      </h2>
      <p className="mt-1 font-medium">{o.summary}</p>
      {o.description && <p className="mt-1 text-sm text-slate-700"><Text>{o.description}</Text></p>}
      {o.parameters && o.parameters.length > 0 && (
        <>
          <h3 className="mt-3 text-sm font-semibold">Parameters</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {o.parameters.map((p) => (
              <li key={p.name}>
                <code>{p.name}</code> <span className="text-slate-500">({p.in}{p.required ? ", required" : ""}, {typeOf(p.schema)})</span> {p.description}
              </li>
            ))}
          </ul>
        </>
      )}
      {body && schemas[body] && (
        <>
          <h3 className="mt-3 text-sm font-semibold">Body</h3>
          <Fields schema={schemas[body]} />
        </>
      )}
      <h3 className="mt-3 text-sm font-semibold">Responses</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {Object.entries(o.responses).map(([code, r]) => (
          <li key={code}>
            <code className="font-semibold">{code}</code> <Text>{r.description}</Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}
