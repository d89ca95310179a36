import React, { useState } from "react";
import { Box, Button, FormGroup, Input, Label, MessageBox, Text, TextArea } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, type ActionProps } from "adminjs";

// The manual's reasons for a new card; the values are core's newCardReasons.
const NEW_CARD_REASONS: [string, string][] = [
  ["EXTRA_CARD", "Extra kaart (al een UiTPAS uit een andere regio)"],
  ["DEFECT", "Defect"],
  ["THEFT_LOSS", "Diefstal of verlies"],
  ["KANSENSTATUUT_OBTAINED", "Verkrijgen kansenstatuut"],
  ["KANSENSTATUUT_LOST", "Verlies kansenstatuut"],
  ["UPGRADE", "Upgrade"],
];

interface Answer {
  notice?: { type?: string; message: string };
  record?: { errors?: Record<string, { message: string }> };
}

// The form of a record action that changes data through core: asks the reason (and for a new card, the
// number), and only then posts it; core's refusal is shown next to the field.
const ReasonForm: React.FC<ActionProps> = ({ record, resource, action }) => {
  const addNotice = useNotice();
  const { translateMessage } = useTranslation();
  const newCard = action.name === "newCard";
  const [fields, setFields] = useState<Record<string, string>>(newCard ? { reason: "DEFECT", newCardNumber: "" } : { reason: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const set = (name: string) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setFields({ ...fields, [name]: event.target.value });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const response = await new ApiClient().recordAction({ resourceId: resource.id, recordId: String(record.id), actionName: action.name, data: fields });
      const answer = response.data as Answer;
      setErrors(Object.fromEntries(Object.entries(answer.record?.errors ?? {}).map(([field, error]) => [field, error.message])));
      if (answer.notice) addNotice({ message: answer.notice.message, type: answer.notice.type === "error" ? "error" : "success" });
      if (answer.notice?.type !== "error") window.location.assign(`${window.location.pathname.split("/resources/")[0]}/resources/${resource.id}/records/${record.id}/show`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box as="form" variant="container" p="xl" onSubmit={submit} data-testid="reason-form">
      <Text mb="lg">{record.title}</Text>
      {newCard && (
        <FormGroup error={!!errors.newCardNumber}>
          <Label htmlFor="newCardNumber" required>Nieuw kaartnummer</Label>
          <Input id="newCardNumber" name="newCardNumber" inputMode="numeric" value={fields.newCardNumber} onChange={set("newCardNumber")} required />
          {errors.newCardNumber && <MessageBox variant="danger" mt="default">{errors.newCardNumber}</MessageBox>}
        </FormGroup>
      )}
      <FormGroup error={!!errors.reason}>
        <Label htmlFor="reason" required>Reden</Label>
        {newCard ? (
          <select id="reason" name="reason" value={fields.reason} onChange={set("reason")} style={{ padding: 8, minWidth: 320 }}>
            {NEW_CARD_REASONS.map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        ) : (
          <TextArea id="reason" name="reason" rows={3} width="100%" value={fields.reason} onChange={set("reason")} required />
        )}
        {errors.reason && <MessageBox variant="danger" mt="default">{errors.reason}</MessageBox>}
      </FormGroup>
      {action.guard && <MessageBox variant="info" mb="lg" data-testid="reason-guard">{translateMessage(action.guard, resource.id)}</MessageBox>}
      <Button type="submit" variant="contained" disabled={busy} data-testid="reason-submit">Bevestigen</Button>
    </Box>
  );
};

export default ReasonForm;
