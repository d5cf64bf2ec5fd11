// POST /api/v1/statements: a shop that fetches its bank statements automatically uploads one (camt.053/054 XML, or CSV
// for an account with a saved column mapping); it is imported and matched at once, and the answer sums up the lines.
import { getDb } from "@/db/client";
import { requestHash } from "@/db/api";
import { importStatementForApi } from "@/db/bank/api-import";
import { readStatementFile } from "@/db/bank/import";
import { ImportStatementQuery } from "@/lib/api/schemas";
import { fileHash } from "@/lib/bank/statement";
import { authenticate, cacheControl, authorize, handler, json, otherMethods, problem, readLimited, validationProblem } from "../http";

/** A 10,000-line camt.053 is about 8 MB. */
const MAX_STATEMENT_BYTES = 32 * 1024 * 1024;

export const POST = handler(async (req: Request) => {
  const auth = await authenticate(req);
  if ("response" in auth) return auth.response;
  const refused = authorize(auth.key, "importStatement");
  if (refused) return refused.response;
  const idempotencyKey = req.headers.get("idempotency-key");
  if (idempotencyKey != null && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    return problem(422, "Invalid Idempotency-Key header.", "Use 1–255 visible ASCII characters, e.g. a UUID.", { errors: [{ field: "Idempotency-Key", message: "1–255 visible ASCII characters." }] });
  }
  const url = new URL(req.url);
  const parsed = ImportStatementQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return validationProblem(parsed.error);
  const declared = Number(req.headers.get("content-length"));
  const tooLarge = () => problem(413, "The statement file is too large.", `At most ${MAX_STATEMENT_BYTES / 1024 / 1024} MB.`);
  if (Number.isFinite(declared) && declared > MAX_STATEMENT_BYTES) return tooLarge();
  const bytes = await readLimited(req, MAX_STATEMENT_BYTES);
  if (bytes === null) return tooLarge();
  if (bytes.length === 0) return problem(422, "The request has no statement file.", "Send the file's bytes as the body (application/xml or text/csv).", { errors: [{ field: "(body)", message: "Empty." }] });

  const db = await getDb();
  const read = await readStatementFile(db, parsed.data.bank_account_id, bytes);
  if (!read.ok) {
    if (read.error === "unknown_account") return problem(404, "No bank account with this id.");
    if (read.error === "needs_mapping") {
      return problem(422, "This CSV file needs a column mapping.", "Import one CSV file of this account in the dashboard first (Statements → Import): the mapping confirmed there is used from then on.", {
        errors: [{ field: "(body)", message: "No saved CSV column mapping for this bank account." }],
      });
    }
    return problem(422, "The statement file has problems; nothing was imported.", read.message, {
      errors: read.lineErrors.map((e) => ({ field: e.lineNo > 0 ? `line ${e.lineNo}` : "(file)", message: e.message })),
    });
  }
  const result = await importStatementForApi(db, read, {
    apiKeyId: auth.key.id,
    fileName: parsed.data.file_name ?? "api upload",
    idempotencyKey,
    requestHash: requestHash("POST", `/api/v1/statements${url.search}`, fileHash(bytes)),
  });
  if (result.kind === "conflict") {
    return problem(422, "This Idempotency-Key was used with a different request.", "Use a new key for a new file; repeat the identical request to get the first answer again.", {
      errors: [{ field: "Idempotency-Key", message: "Already used with a different request." }],
    });
  }
  const { status, body } = result.response;
  if (status === 409) return new Response(body, { status, headers: { "content-type": "application/problem+json", "cache-control": cacheControl(body) } });
  return json(status, body, result.kind === "replay" ? { "idempotent-replayed": "true" } : {});
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
