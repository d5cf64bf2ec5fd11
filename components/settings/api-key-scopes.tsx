// What an API key may do, in words, each with its scope's name for those who read the API reference.
import { scopesOf, SCOPE_LABELS } from "@/lib/api/scopes";

export function ApiKeyScopes({ scopes }: { scopes: readonly unknown[] }) {
  const granted = scopesOf(scopes);
  if (granted.length === 0) return <span className="text-slate-500">Nothing</span>;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="May">
      {granted.map((s) => (
        <li key={s} className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset ring-slate-200" title={s}>
          {SCOPE_LABELS[s].label}
        </li>
      ))}
    </ul>
  );
}
