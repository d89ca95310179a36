import React, { useEffect, useState } from "react";
import { Box, Button, H3, Label, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, type ActionProps } from "adminjs";

interface Preview {
  name: string;
  label: string;
  subject: string;
  html: string;
  text: string;
}

interface Answer {
  previews?: Preview[];
  notice?: { type?: string; message: string };
  redirectUrl?: string;
}

// The HTML part in a sandboxed frame (no scripts, no access to the backoffice), the text part beside it.
const MailParts: React.FC<{ mail: Preview }> = ({ mail }) => (
  <Box mb="xxl">
    <H3>{mail.label}</H3>
    <Text mb="default"><strong>Onderwerp:</strong> {mail.subject}</Text>
    <Label>HTML</Label>
    <iframe title={`HTML: ${mail.label}`} sandbox="" srcDoc={mail.html} style={{ width: "100%", height: 640, border: "1px solid #ddd", background: "#fff" }} />
    <Label mt="lg">Tekst</Label>
    <pre style={{ whiteSpace: "pre-wrap", border: "1px solid #ddd", padding: 16, background: "#fff" }}>{mail.text}</pre>
  </Box>
);

const STATUS: Record<string, string> = { QUEUED: "in wachtrij", SENT: "verstuurd", FAILED: "mislukt, wordt opnieuw geprobeerd" };

// One component for a mail of the outbox ("Bekijken als mail", "Opnieuw versturen") and for the templates with sample data.
const MailPreview: React.FC<ActionProps> = ({ record, resource, action }) => {
  const addNotice = useNotice();
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (record || action.actionType !== "resource") return;
    void new ApiClient().resourceAction({ resourceId: resource.id, actionName: action.name }).then((response) => setPreviews((response.data as Answer).previews ?? []));
  }, [action.name]);

  const resend = async () => {
    setBusy(true);
    try {
      const answer = (await new ApiClient().recordAction({ resourceId: resource.id, recordId: String(record!.id), actionName: action.name, data: {} })).data as Answer;
      if (answer.notice) addNotice({ message: answer.notice.message, type: answer.notice.type === "error" ? "error" : "success" });
      if (answer.redirectUrl) window.location.assign(answer.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  if (!record) {
    return <Box variant="container" p="xl">{previews.map((mail) => <MailParts key={mail.name} mail={mail} />)}</Box>;
  }
  const params = record.params as Record<keyof Preview | "toAddress" | "status" | "attempts" | "template" | "nextAttemptAt" | "lastError", string>;
  return (
    <Box variant="container" p="xl">
      <Text mb="default">
        <strong>Aan:</strong> {params.toAddress} · <strong>Status:</strong> {STATUS[params.status] ?? params.status} · <strong>Pogingen:</strong> {params.attempts}
        {params.status === "FAILED" && <> · <strong>Volgende poging:</strong> {new Date(params.nextAttemptAt).toLocaleString("nl-BE")} · <strong>Laatste fout:</strong> {params.lastError}</>}
      </Text>
      {action.name === "resend" && (
        <Button variant="contained" mb="xl" disabled={busy} onClick={() => void resend()} data-testid="resend-mail">Opnieuw versturen</Button>
      )}
      <MailParts mail={{ name: params.template, label: params.template, subject: params.subject, html: params.html, text: params.text }} />
    </Box>
  );
};

export default MailPreview;
