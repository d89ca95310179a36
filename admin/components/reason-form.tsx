import React, { useState } from "react";
import { Box, Button, FormGroup, Input, Label, MessageBox, Text, TextArea } from "@adminjs/design-system";
import { ApiClient, useActionResponseHandler, useTranslation, type ActionProps } from "adminjs";
import { brusselsDay } from "../../core/time/calendar-date.js";
import { DutchDatePicker } from "./dates/dutch-date-picker.js";

type Option = { value: string; label: string };

// UiTPAS's default: a kansenstatuut granted today runs until 30 April of next year.
const defaultKansenstatuutEnd = () => `${Number(brusselsDay(new Date()).slice(0, 4)) + 1}-04-30`;

interface Answer {
  notice?: { type?: "success" | "error" | "info"; message: string };
  record?: { errors?: Record<string, { message: string }> };
  redirectUrl?: string;
}

// The form of a record action that changes data through core: asks the reason (and for a new card, the
// number and one of the manual's reasons, from the action), and only then posts it. Core's refusal is shown
// next to the field; on success the app goes back to the record, whose page shows the notice of what was done.
const ReasonForm: React.FC<ActionProps> = ({ record, resource, action }) => {
  const handleAnswer = useActionResponseHandler();
  const { translateMessage } = useTranslation();
  const { reasons, confirmWord } = (action.custom ?? {}) as { reasons?: Option[]; confirmWord?: string };
  const [fields, setFields] = useState<Record<string, string>>(reasons ? { reason: "DEFECT", newCardNumber: "" } : { reason: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const set = (name: string) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    const value = event.target.value;
    const asksEnd = name === "reason" && value === "KANSENSTATUUT_OBTAINED" && !fields.kansenstatuutEnd;
    setFields({ ...fields, [name]: value, ...(asksEnd ? { kansenstatuutEnd: defaultKansenstatuutEnd() } : {}) });
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const response = await new ApiClient().recordAction({ resourceId: resource.id, recordId: String(record.id), actionName: action.name, data: fields });
      const answer = response.data as Answer;
      setErrors(Object.fromEntries(Object.entries(answer.record?.errors ?? {}).map(([field, error]) => [field, error.message])));
      handleAnswer({ ...response, data: answer });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box as="form" variant="container" p="xl" onSubmit={submit} data-testid="reason-form">
      <Text mb="lg">{record.title}</Text>
      {reasons && (
        <FormGroup error={!!errors.newCardNumber}>
          <Label htmlFor="newCardNumber" required>Nieuw kaartnummer</Label>
          <Input id="newCardNumber" name="newCardNumber" inputMode="numeric" value={fields.newCardNumber} onChange={set("newCardNumber")} required />
          {errors.newCardNumber && <MessageBox variant="danger" mt="default">{errors.newCardNumber}</MessageBox>}
        </FormGroup>
      )}
      <FormGroup error={!!errors.reason}>
        <Label htmlFor="reason" required>Reden</Label>
        {reasons ? (
          <select id="reason" name="reason" value={fields.reason} onChange={set("reason")} style={{ padding: 8, minWidth: 320 }}>
            {reasons.map(({ value, label }) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        ) : (
          <TextArea id="reason" name="reason" rows={3} width="100%" value={fields.reason} onChange={set("reason")} required />
        )}
        {errors.reason && <MessageBox variant="danger" mt="default">{errors.reason}</MessageBox>}
      </FormGroup>
      {fields.reason === "KANSENSTATUUT_OBTAINED" && (
        <FormGroup error={!!errors.kansenstatuutEnd}>
          <Label htmlFor="kansenstatuutEnd" required>Einde kansenstatuut</Label>
          <DutchDatePicker id="kansenstatuutEnd" kind="date" value={fields.kansenstatuutEnd ?? ""} onChange={(kansenstatuutEnd) => setFields({ ...fields, kansenstatuutEnd })} />
          {errors.kansenstatuutEnd && <MessageBox variant="danger" mt="default">{errors.kansenstatuutEnd}</MessageBox>}
        </FormGroup>
      )}
      {action.guard && <MessageBox variant="info" mb="lg" data-testid="reason-guard">{translateMessage(action.guard, resource.id)}</MessageBox>}
      {confirmWord && (
        <FormGroup error={!!errors.confirmation}>
          <Label htmlFor="confirmation" required>Typ {confirmWord} om te bevestigen</Label>
          <Input id="confirmation" name="confirmation" autoComplete="off" value={fields.confirmation ?? ""} onChange={set("confirmation")} required />
          {errors.confirmation && <MessageBox variant="danger" mt="default">{errors.confirmation}</MessageBox>}
        </FormGroup>
      )}
      <Button type="submit" variant="contained" disabled={busy} data-testid="reason-submit">Bevestigen</Button>
    </Box>
  );
};

export default ReasonForm;
