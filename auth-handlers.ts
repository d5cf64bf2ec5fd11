// Auth.js's own HTTP endpoints (session, CSRF, sign-out), re-exported for the catch-all route.
import { handlers } from "./auth";

export const { GET, POST } = handlers;
