/** How long a staff sign-in lasts: the session cookie (auth.config.ts) and its row (db/sessions.ts) alike. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
