import React, { useEffect, useState } from "react";
import { Box, Button, FormGroup, H3, Label, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, type ActionProps } from "adminjs";
import { DutchDatePicker } from "./dates/dutch-date-picker.js";

interface Step {
  key: string;
  label: string;
  done: boolean;
  at: string | null;
  by: string | null;
  missing: string | null;
}

interface Agreement {
  fileName: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

interface Answer {
  steps?: Step[];
  agreement?: Agreement | null;
  notice?: { type?: string; message: string };
  record?: { errors?: Record<string, { message: string }> };
  file?: { fileName: string; contentType: string; base64: string } | null;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("nl-BE", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Brussels" }) : "");

// The provider's onboarding as the manual lists it (p. 13): every step with its date and who, the signed
// agreement, and the two mails. Every button posts to its own action; core decides and says what is missing.
const ProviderOnboarding: React.FC<ActionProps> = ({ record, resource }) => {
  const addNotice = useNotice();
  const [answer, setAnswer] = useState<Answer>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [signedAt, setSignedAt] = useState("");
  const api = new ApiClient();
  const recordId = String(record?.id ?? "");
  const call = async (actionName: string, data?: FormData | Record<string, string>) => {
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId, actionName, data });
      const next = response.data as Answer;
      setAnswer(next);
      setErrors(Object.fromEntries(Object.entries(next.record?.errors ?? {}).map(([field, error]) => [field, error.message])));
      if (next.notice) addNotice({ message: next.notice.message, type: next.notice.type === "error" ? "error" : "success" });
      return next;
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void call("onboarding");
  }, [recordId]);
  if (!record) return null;

  const upload = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void call("uploadAgreement", new FormData(event.currentTarget));
  };
  const download = async () => {
    const { file } = (await api.recordAction({ resourceId: resource.id, recordId, actionName: "downloadAgreement" })).data as Answer;
    if (!file) return;
    const link = document.createElement("a");
    link.href = `data:${file.contentType};base64,${file.base64}`;
    link.download = file.fileName;
    link.click();
  };

  return (
    <Box variant="container" p="xl" data-testid="provider-onboarding">
      <H3>Stappenplan nieuwe aanbieder: {record.title}</H3>
      <Table mb="xl">
        <TableHead>
          <TableRow>
            <TableCell>Stap</TableCell>
            <TableCell>In orde</TableCell>
            <TableCell>Datum</TableCell>
            <TableCell>Wie / wat</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(answer.steps ?? []).map((step, index) => (
            <TableRow key={step.key} data-testid={`step-${step.key}`}>
              <TableCell>{index + 1}. {step.label}</TableCell>
              <TableCell>{step.done ? "✔ in orde" : `✘ ${step.missing}`}</TableCell>
              <TableCell>{when(step.at)}</TableCell>
              <TableCell>{step.by ?? ""}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text mb="lg">Datums en het UiTID-mailadres vul je in met "Bewerken"; de balie pas je aan bij Balies.</Text>

      <Box as="form" onSubmit={upload} mb="xl">
        <H3>Ondertekende samenwerkingsovereenkomst</H3>
        {answer.agreement ? (
          <Text mb="default">
            Opgeladen: {answer.agreement.fileName} ({Math.ceil(answer.agreement.size / 1024)} kB) op {when(answer.agreement.uploadedAt)} door {answer.agreement.uploadedBy}.{" "}
            <Button type="button" size="sm" variant="text" onClick={() => void download()}>Downloaden</Button>
          </Text>
        ) : (
          <Text mb="default">Nog geen overeenkomst opgeladen.</Text>
        )}
        <FormGroup error={!!errors.agreement}>
          <Label htmlFor="agreement" required>Bestand (pdf, png of jpg, hoogstens 10 MB)</Label>
          <input id="agreement" name="agreement" type="file" accept="application/pdf,image/png,image/jpeg" required />
          {errors.agreement && <MessageBox variant="danger" mt="default">{errors.agreement}</MessageBox>}
        </FormGroup>
        <FormGroup error={!!errors.agreementSignedAt}>
          <Label htmlFor="agreementSignedAt">Datum van ondertekening</Label>
          <DutchDatePicker id="agreementSignedAt" kind="date" value={signedAt} onChange={setSignedAt} />
          <input type="hidden" name="agreementSignedAt" value={signedAt} />
          {errors.agreementSignedAt && <MessageBox variant="danger" mt="default">{errors.agreementSignedAt}</MessageBox>}
        </FormGroup>
        <Button type="submit" disabled={busy}>Overeenkomst opladen</Button>
      </Box>

      <H3>Mails</H3>
      <Box flex flexDirection="row" style={{ gap: 16 }}>
        <Button variant="contained" disabled={busy} onClick={() => void call("sendOnboardingMail", {})} data-testid="send-onboarding-mail">
          Onboardingmail versturen
        </Button>
        <Button disabled={busy} onClick={() => void call("notifyRegion", {})} data-testid="notify-region">
          Regio verwittigen
        </Button>
      </Box>
    </Box>
  );
};

export default ProviderOnboarding;
