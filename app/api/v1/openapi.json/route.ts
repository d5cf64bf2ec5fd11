// The OpenAPI document, public so tools can read it without a key.
import { openApiDocument } from "@/lib/api/openapi";
import { siteUrlOf } from "@/app/site-url";
import { handler, json, otherMethods } from "../http";

export const GET = handler(async (req: Request) => json(200, openApiDocument(siteUrlOf(req))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
