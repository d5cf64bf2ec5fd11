// The OpenAPI document, public so tools can read it without a key.
import { openApiDocument } from "@/lib/api/openapi";
import { publicOrigin } from "@/lib/public-origin";
import { handler, json, otherMethods } from "../http";

export const GET = handler(async (req: Request) => json(200, openApiDocument(publicOrigin(req.headers))));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
