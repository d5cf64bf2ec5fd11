import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/db/api";
import { ConfirmAction } from "@/components/ui/popover";
import { LocalTime } from "@/components/ui/local-time";
import { Flash } from "@/components/dashboard/flash";
import { NewApiKeyForm } from "@/components/settings/new-api-key-form";
import { ApiKeyScopes } from "@/components/settings/api-key-scopes";
import { CardSection } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

const COLUMNS = [
  { label: "Name" },
  { label: "Key" },
  { label: "May" },
  { label: "Created", className: "hidden lg:table-cell" },
  { label: "Last used", className: "hidden lg:table-cell" },
  { label: "Actions", className: "text-right" },
];

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("admin");
  const params = await searchParams;
  const keys = await listApiKeys(await getDb());
  return (
    <>
      <Flash params={params} messages={{ revoked: "Key revoked. Requests with it are refused from now on." }} />
      <p className="mb-4 text-slate-600">
        Shops create payments with these keys over the REST API. See the <Link href="/dashboard/api" className="font-medium text-accent-700 underline">API reference</Link>.
      </p>
      <CardSection id="new-key" title="New key" className="mb-6">
        <NewApiKeyForm action={createApiKeyAction} />
      </CardSection>
      {/* A card per key on a phone (the row's cells stacked, the details folded under the name), a table row from md up. */}
      <Table caption="API keys" columns={COLUMNS} wrapperClassName="" headClassName="hidden md:table-header-group" empty={{ when: keys.length === 0, children: "No API keys yet." }}>
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
      </Table>
    </>
  );
}
