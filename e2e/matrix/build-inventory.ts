// What the production build in .next/ can be called with: every server action (from the server reference manifest)
// and every route handler and page (from the app paths manifests), so the authorization matrix never works from a
// hand-written list.
import fs from "node:fs";
import path from "node:path";

export type BuiltAction = {
  /** The id a browser sends in the Next-Action header. */
  id: string;
  /** Source file and export, e.g. "app/(dashboard)/dashboard/settings/users/actions.ts#addUserAction". */
  key: string;
  file: string;
  exportName: string;
  /** URL patterns of the pages whose bundle holds the action, e.g. "/dashboard/settings/users". */
  pages: string[];
};

export type BuiltRoute = {
  /** The URL pattern, e.g. "/pay/[token]/confirm". */
  pattern: string;
  kind: "route" | "page";
};

function readJson<T>(file: string): T {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx next build\` before the authorization matrix.`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

type ServerReferenceManifest = {
  node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  edge: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
};

/** "/(dashboard)/dashboard/settings/users/page" → "/dashboard/settings/users" (app-path-routes-manifest.json). */
function routeNames(buildDir: string): Record<string, string> {
  return readJson<Record<string, string>>(path.join(buildDir, "app-path-routes-manifest.json"));
}

export function builtActions(buildDir = ".next"): BuiltAction[] {
  const manifest = readJson<ServerReferenceManifest>(path.join(buildDir, "server", "server-reference-manifest.json"));
  const urls = routeNames(buildDir);
  const out: BuiltAction[] = [];
  for (const [id, entry] of [...Object.entries(manifest.node), ...Object.entries(manifest.edge)]) {
    if (!entry.filename || !entry.exportedName) {
      throw new Error(`Server action ${id} has no filename/exportedName in the server reference manifest: has Next.js changed its format?`);
    }
    // Workers are named "app/<route>/page" (or ".../route"); their URL is in app-path-routes-manifest.json.
    const pages = Object.keys(entry.workers)
      .map((w) => urls[w.replace(/^app/, "")])
      .filter((u): u is string => typeof u === "string");
    out.push({ id, key: `${entry.filename}#${entry.exportedName}`, file: entry.filename, exportName: entry.exportedName, pages });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** Next.js's own routes, not the app's: its error pages. */
const FRAMEWORK_ROUTES = new Set(["/_not-found", "/_global-error"]);

export function builtRoutes(buildDir = ".next"): BuiltRoute[] {
  const urls = routeNames(buildDir);
  const out: BuiltRoute[] = [];
  for (const [name, pattern] of Object.entries(urls)) {
    if (FRAMEWORK_ROUTES.has(pattern)) continue;
    out.push({ pattern, kind: name.endsWith("/route") ? "route" : "page" });
  }
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The dynamic segments of a pattern, each with the segment before it: "/pay/[token]/confirm" → ["pay/[token]"]. */
export function dynamicSegments(pattern: string): string[] {
  const parts = pattern.split("/").filter(Boolean);
  return parts.flatMap((p, i) => (p.startsWith("[") ? [`${parts[i - 1] ?? ""}/${p}`] : []));
}
