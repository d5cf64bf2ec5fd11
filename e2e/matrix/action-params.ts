// The parameters of each server action, read from its source with the TypeScript checker, so the matrix can call an
// action the way its page does: bound ids first, then the form state and the FormData.
import path from "node:path";
import ts from "typescript";

export type Param =
  | { name: string; kind: "formData" | "state" | "boolean" | "number" | "string" | "unknown"; nullable: boolean }
  | { name: string; kind: "literals"; literals: (string | number)[]; nullable: boolean };

/** Parameters of each exported function of `files`, keyed "file#export" (files relative to `root`). */
export function actionParams(files: string[], root = process.cwd()): Map<string, Param[]> {
  const configFile = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const program = ts.createProgram(
    files.map((f) => path.join(root, f)),
    { ...options, noEmit: true, incremental: false },
  );
  const checker = program.getTypeChecker();
  const out = new Map<string, Param[]>();
  for (const file of files) {
    const source = program.getSourceFile(path.join(root, file));
    const module = source && checker.getSymbolAtLocation(source);
    if (!source || !module) continue;
    for (const exported of checker.getExportsOfModule(module)) {
      const signature = checker.getTypeOfSymbolAtLocation(exported, source).getCallSignatures()[0];
      if (!signature) continue;
      out.set(
        `${file}#${exported.name}`,
        signature.parameters.map((p) => describe(p.name, checker.getTypeOfSymbolAtLocation(p, source), checker)),
      );
    }
  }
  return out;
}

function describe(name: string, type: ts.Type, checker: ts.TypeChecker): Param {
  const parts = type.isUnion() ? type.types : [type];
  const nullable = parts.some((t) => t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined));
  const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { name, kind: "boolean", nullable };
  if (rest.length > 0 && rest.every((t) => t.isStringLiteral() || t.isNumberLiteral())) {
    return { name, kind: "literals", literals: rest.map((t) => (t as ts.LiteralType).value as string | number), nullable };
  }
  if (rest.length !== 1) return { name, kind: "unknown", nullable };
  const t = rest[0];
  if (t.flags & ts.TypeFlags.NumberLike) return { name, kind: "number", nullable };
  if (t.flags & ts.TypeFlags.StringLike) return { name, kind: "string", nullable };
  if (checker.typeToString(t) === "FormData") return { name, kind: "formData", nullable };
  // useActionState's previous state: an object the action only echoes back.
  if (t.flags & ts.TypeFlags.Object) return { name, kind: "state", nullable };
  return { name, kind: "unknown", nullable };
}
