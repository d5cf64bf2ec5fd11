import type { Metadata } from "next";
import { requireStaff } from "@/auth";
import { RequestForm } from "@/components/requests/request-form";
import { Card } from "@/components/ui/card";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { createRequestAction } from "../actions";

export const metadata: Metadata = { title: "Request a payment method" };

export default async function NewRequestPage() {
  await requireStaff();
  return (
    <div className="max-w-3xl">
      <BackLink href="/dashboard/requests">Requests</BackLink>
      <PageHeader
        className="mb-6"
        title="Request a payment method"
        description="Ask the admins to connect a payment system your customers use. You can follow the request and talk with them in its thread."
      />
      <Card padding="lg">
        <RequestForm action={createRequestAction} />
      </Card>
    </div>
  );
}
