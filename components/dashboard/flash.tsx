// A one-line message after a settings action, carried in the URL (?notice=… or ?error=…) so it works without JavaScript.
import { Notice } from "@/components/ui/notice";

export function Flash({ params, messages }: { params: Record<string, string | string[] | undefined>; messages: Record<string, string> }) {
  const notice = typeof params.notice === "string" ? params.notice : undefined;
  const error = typeof params.error === "string" ? params.error : undefined;
  const key = error ?? notice;
  const text = key ? messages[key] : undefined;
  if (!text) return null;
  return <Notice tone={error ? "error" : "success"}>{text}</Notice>;
}
