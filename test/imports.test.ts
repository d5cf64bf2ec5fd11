// components/ never imports app/: feature components receive their server action as a prop from the page, and their
// state types from lib/ (docs/architecture.md, "Mutations"). A route folder may then move without breaking a component.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Every module a file names: imports, re-exports, import() and require(). */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const typeOnly = (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) || (ts.isExportDeclaration(node) && node.isTypeOnly);
    if (typeOnly) {
      // Erased from the bundle: not an import at run time.
    } else if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether a specifier written in `file` points into app/. */
export function pointsIntoApp(file: string, specifier: string): boolean {
  if (specifier === "@/app" || specifier.startsWith("@/app/")) return true;
  if (!specifier.startsWith(".")) return false;
  const target = path.relative(process.cwd(), path.resolve(path.dirname(file), specifier));
  return target === "app" || target.startsWith(`app${path.sep}`);
}

describe("components/", () => {
  it("imports nothing from app/", () => {
    const offending = filesUnder("components").flatMap((f) => specifiers(f).filter((s) => pointsIntoApp(f, s)).map((s) => `${f} imports ${s}`));
    expect(offending).toEqual([]);
  });

  it("the check sees both spellings of an import from app/", () => {
    expect(pointsIntoApp("components/settings/x.tsx", "@/app/(dashboard)/dashboard/settings/users/actions")).toBe(true);
    expect(pointsIntoApp("components/settings/x.tsx", "../../app/(auth)/login/actions")).toBe(true);
    expect(pointsIntoApp("components/settings/x.tsx", "@/lib/form-state")).toBe(false);
    expect(pointsIntoApp("components/settings/x.tsx", "../ui/field")).toBe(false);
    expect(pointsIntoApp("components/settings/x.tsx", "@/application")).toBe(false);
  });
});

/** The file a project-relative specifier names (".ts", ".tsx" or an index), or null for a package. */
function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.relative(process.cwd(), path.resolve(path.dirname(from), specifier)) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    try {
      if (readFileSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

describe("client components", () => {
  // Node's built-ins in a browser bundle come as large polyfills, some of which need eval, which the pages' CSP forbids.
  it("reach no node: module through anything they import", () => {
    const isClient = (f: string) => /^\s*["']use client["']/.test(readFileSync(f, "utf8"));
    const roots = [...filesUnder("components"), ...filesUnder("app")].filter(isClient);
    expect(roots.length).toBeGreaterThan(5);
    const offending = new Set<string>();
    const seen = new Set<string>();
    const walk = (file: string, chain: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const s of specifiers(file)) {
        if (s.startsWith("node:") || s === "crypto" || s === "fs" || s === "path") offending.add(`${[...chain, file].join(" → ")} imports ${s}`);
        const next = resolveLocal(file, s);
        if (next) walk(next, [...chain, file]);
      }
    };
    for (const root of roots) walk(root, []);
    expect([...offending]).toEqual([]);
  });
});
