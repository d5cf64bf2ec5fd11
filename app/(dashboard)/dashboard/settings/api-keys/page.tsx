import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/db/api";
import { ConfirmAction } from "@/components/ui/popover";
import { LocalTime } from "@/components/ui/local-time";
import { Flash } from "@/components/dashboard/flash";
import { NewApiKeyForm } from "@/components/settings/new-api-key-form";
import { ApiKeyScopes } from "@/components/settings/api-key-scopes";
import { revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("admin");
  const params = await searchParams;
  const keys = listApiKeys(getDb());
  return (
    <>
      <Flash params={params} messages={{ revoked: "Key revoked. Requests with it are refused from now on." }} />
      <p className="mb-4 text-slate-600">
        Shops create payments with these keys over the REST API. See the <Link href="/dashboard/api" className="font-medium text-accent-700 underline">API reference</Link>.
      </p>
      <section aria-labelledby="new-key" className="mb-6 rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <h2 id="new-key" className="mb-3 text-lg font-semibold">New key</h2>
        <NewApiKeyForm />
      </section>
      {keys.length === 0 ? (
        <p className="rounded-2xl bg-white px-6 py-10 text-center text-slate-600 ring-1 ring-slate-200">No API keys yet.</p>
      ) : (
        <div className="rounded-2xl bg-white ring-1 ring-slate-200">
          {/* A card per key on a phone (the row's cells stacked, the details folded under the name), a table row from md up. */}
          <table className="w-full text-left text-sm">
            <caption className="sr-only">API keys</caption>
            <thead className="hidden border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 md:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Key</th>
                <th scope="col" className="px-4 py-3">May</th>
                <th scope="col" className="hidden px-4 py-3 lg:table-cell">Created</th>
                <th scope="col" className="hidden px-4 py-3 lg:table-cell">Last used</th>
                <th scope="col" className="px-4 py-3 text-right">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {keys.map((k) => (
                <tr key={k.id} data-testid="api-key-row" className={`grid gap-2 px-4 py-3 md:table-row md:p-0 md:align-top ${k.revokedAt ? "text-slate-500" : ""}`}>
                  <td className="md:px-4 md:py-3">
                    <div className="font-medium [overflow-wrap:anywhere]">{k.name}</div>
                    <div className="mt-0.5 font-mono text-xs md:hidden">{k.prefix}…</div>
                    <div className="mt-2 md:hidden">
                      <ApiKeyScopes scopes={k.scopes} />
                    </div>
                    <div className="mt-1 text-xs text-slate-500 lg:hidden">
                      Created <LocalTime ms={k.createdAt} />
                      {k.createdBy && <> by {k.createdBy}</>} · last used {k.lastUsedAt ? <LocalTime ms={k.lastUsedAt} /> : "never"}
                    </div>
                  </td>
                  <td className="hidden px-4 py-3 font-mono md:table-cell">{k.prefix}…</td>
                  <td className="hidden px-4 py-3 md:table-cell">
                    <ApiKeyScopes scopes={k.scopes} />
                  </td>
                  <td className="hidden px-4 py-3 lg:table-cell">
                    <LocalTime ms={k.createdAt} />
                    {k.createdBy && <div className="text-xs text-slate-500">by {k.createdBy}</div>}
                  </td>
                  <td className="hidden px-4 py-3 lg:table-cell">{k.lastUsedAt ? <LocalTime ms={k.lastUsedAt} /> : "never"}</td>
                  <td className="md:px-4 md:py-3 md:text-right">
                    {k.revokedAt ? (
                      <span>Revoked</span>
                    ) : (
                      <div className="flex md:justify-end">
                        <ConfirmAction
                          summary={<>Revoke<span className="sr-only"> {k.name}</span></>}
                          message={<>Shops using “{k.name}” stop working at once.</>}
                          confirmLabel="Revoke key"
                          action={revokeApiKeyAction.bind(null, k.id)}
                        />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
