import React, { useEffect, useState } from "react";
import { Box, Button, H3, Label, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, ViewHelpers, type ActionProps } from "adminjs";
import { mailPreviewPaths } from "../mail-preview-paths.js";

interface Preview {
  name: string;
  subject: string;
  text: string;
  replyTo: string | null;
}

interface Answer {
  previews?: Preview[];
  notice?: { type?: string; message: string };
  redirectUrl?: string;
}

const paths = () => mailPreviewPaths(new ViewHelpers().urlBuilder([]));

const moment = (value: string | undefined) =>
  value ? new Date(value).toLocaleString("nl-BE", { timeZone: "Europe/Brussels", dateStyle: "short", timeStyle: "short" }) : "–";

// The HTML part is its own page (with a policy that lets the mail's images load), in a sandboxed frame: no
// scripts, no access to the backoffice. The text part beside it; the HTML source only on request.
const MailParts: React.FC<{ title: string; subject: string; replyTo: string | null; htmlUrl: string; text: string; source?: string }> = ({ title, subject, replyTo, htmlUrl, text, source }) => {
  const [showSource, setShowSource] = useState(false);
  return (
    <Box mb="xxl">
      <H3>{title}</H3>
      <Text mb="default">
        <strong>Onderwerp:</strong> {subject}
        {replyTo && <> · <strong>Antwoorden naar:</strong> {replyTo}</>}
      </Text>
      <iframe title={`Mail: ${title}`} sandbox="" src={htmlUrl} data-testid="mail-html" style={{ width: "100%", height: "80vh", minHeight: 480, border: "1px solid #ddd", background: "#fff" }} />
      <Label mt="lg">Tekstversie</Label>
      <pre style={{ whiteSpace: "pre-wrap", border: "1px solid #ddd", padding: 16, background: "#fff" }}>{text}</pre>
      {source !== undefined && (
        <>
          <Button variant="text" mt="default" onClick={() => setShowSource(!showSource)} aria-expanded={showSource} data-testid="mail-source-toggle">
            {showSource ? "HTML-bron verbergen" : "HTML-bron tonen"}
          </Button>
          {showSource && <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", border: "1px solid #ddd", padding: 16, background: "#fafafa", fontSize: 12 }}>{source}</pre>}
        </>
      )}
    </Box>
  );
};

const STATUS: Record<string, string> = { QUEUED: "in wachtrij", SENT: "verstuurd", FAILED: "mislukt, wordt opnieuw geprobeerd" };

// One component for a mail of the outbox (its page, "Opnieuw versturen") and for the templates with sample data.
const MailPreview: React.FC<ActionProps> = ({ record, resource, action }) => {
  const addNotice = useNotice();
  const { translateLabel } = useTranslation();
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [busy, setBusy] = useState(false);
  const templateName = (name: string) => translateLabel(`template.${name}`, resource.id, { defaultValue: name });
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
    return (
      <Box variant="container" p="xl">
        {previews.map((mail) => (
          <MailParts key={mail.name} title={templateName(mail.name)} subject={mail.subject} replyTo={mail.replyTo} htmlUrl={paths().template(mail.name)} text={mail.text} />
        ))}
      </Box>
    );
  }
  const params = record.params as Record<"toAddress" | "replyTo" | "status" | "attempts" | "template" | "subject" | "html" | "text" | "createdAt" | "sentAt" | "nextAttemptAt" | "lastError", string | undefined>;
  return (
    <Box variant="container" p="xl">
      <Text mb="default">
        <strong>Aan:</strong> {params.toAddress} · <strong>Status:</strong> {STATUS[params.status ?? ""] ?? params.status} · <strong>Pogingen:</strong> {params.attempts}
        {" "}· <strong>Aangemaakt:</strong> {moment(params.createdAt)}
        {params.status === "SENT" && <> · <strong>Verzonden:</strong> {moment(params.sentAt)}</>}
        {params.status === "FAILED" && <> · <strong>Volgende poging:</strong> {moment(params.nextAttemptAt)} · <strong>Laatste fout:</strong> {params.lastError}</>}
      </Text>
      {action.name === "resend" && (
        <Button variant="contained" mb="xl" disabled={busy} onClick={() => void resend()} data-testid="resend-mail">Opnieuw versturen</Button>
      )}
      <MailParts
        title={templateName(params.template ?? "")}
        subject={params.subject ?? ""}
        replyTo={params.replyTo ?? null}
        htmlUrl={paths().outbox(String(record.id))}
        text={params.text ?? ""}
        source={params.html ?? ""}
      />
    </Box>
  );
};

export default MailPreview;
