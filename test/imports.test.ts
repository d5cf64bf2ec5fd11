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
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
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
