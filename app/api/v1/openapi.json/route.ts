// The OpenAPI document, public so tools can read it without a key.
import { openApiDocument } from "@/lib/api/openapi";
import { baseUrlOf } from "../base-url";
import { handler, json } from "../http";

export const GET = handler(async (req: Request) => json(200, openApiDocument(baseUrlOf(req))));
