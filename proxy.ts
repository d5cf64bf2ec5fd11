// A first filter only: sends visitors without a session away from /dashboard. Every page, action and route checks again.
import NextAuth from "next-auth";
import { authConfig } from "./auth.config";

const { auth } = NextAuth(authConfig);
export default auth;

export const config = {
  matcher: ["/dashboard/:path*"],
};
