// Anything else under /api/v1 answers problem+json, not an HTML page.
import { problem } from "../http";

const notFound = async () => problem(404, "No such API endpoint.", "See /api/v1/openapi.json for the endpoints.");
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
