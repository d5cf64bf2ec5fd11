import { redirect } from "next/navigation";
import { requireStaff } from "@/auth";

export default async function SettingsIndex() {
  await requireStaff("admin");
  redirect("/dashboard/settings/methods");
}
