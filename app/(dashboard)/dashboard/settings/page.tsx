import { redirect } from "next/navigation";
import { requireStaffPage } from "@/auth";

export default async function SettingsIndex() {
  await requireStaffPage("admin");
  redirect("/dashboard/settings/methods");
}
