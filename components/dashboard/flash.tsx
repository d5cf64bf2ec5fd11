// A one-line message after a settings action, carried in the URL (?notice=… or ?error=…) so it works without JavaScript.
export function Flash({ params, messages }: { params: Record<string, string | string[] | undefined>; messages: Record<string, string> }) {
  const notice = typeof params.notice === "string" ? params.notice : undefined;
  const error = typeof params.error === "string" ? params.error : undefined;
  const key = error ?? notice;
  const text = key ? messages[key] : undefined;
  if (!text) return null;
  const isError = !!error;
  return (
    <p
      role={isError ? "alert" : "status"}
      className={`mb-4 rounded-lg px-4 py-3 text-sm font-medium ring-1 ${isError ? "bg-red-50 text-red-900 ring-red-200" : "bg-emerald-50 text-emerald-900 ring-emerald-200"}`}
    >
      {text}
    </p>
  );
}
