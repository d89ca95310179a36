import React, { useState } from "react";
import { Box, Button, FormGroup, Label, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, type ActionProps } from "adminjs";

interface RowError {
  row: number;
  code: string;
  error: string;
}

interface Answer {
  notice?: { type?: string; message: string };
  rows?: RowError[];
  imported?: number;
}

type Phase = "idle" | "uploading" | "checking" | "done" | "refused";

// Omruilvoordeel → "Unieke codes importeren": pick a CSV, watch it upload and be checked, then either all codes
// are in or none is and every wrong row is listed.
const ImportCodes: React.FC<ActionProps> = ({ record, resource, action }) => {
  const { translateMessage } = useTranslation();
  const addNotice = useNotice();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const [progress, setProgress] = useState(0);
  const [rows, setRows] = useState<RowError[]>([]);
  const [message, setMessage] = useState("");
  if (!record) return null;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const data = new FormData();
    data.append("file", file);
    setPhase("uploading");
    setProgress(0);
    setRows([]);
    try {
      const response = await new ApiClient().recordAction({
        resourceId: resource.id,
        recordId: String(record.id),
        actionName: action.name,
        data,
        onUploadProgress: (step: { loaded: number; total?: number }) => {
          const percent = Math.round((step.loaded / (step.total || file.size || 1)) * 100);
          setProgress(percent);
          if (percent >= 100) setPhase("checking");
        },
      } as Parameters<ApiClient["recordAction"]>[0]);
      const answer = response.data as Answer;
      const refused = answer.notice?.type === "error";
      setPhase(refused ? "refused" : "done");
      setRows(answer.rows ?? []);
      setMessage(answer.notice?.message ?? "");
      if (answer.notice) addNotice({ message: answer.notice.message, type: refused ? "error" : "success" });
    } catch {
      setPhase("refused");
      setMessage(translateMessage("importCodesFailed"));
    }
  };

  const busy = phase === "uploading" || phase === "checking";
  return (
    <Box as="form" variant="container" p="xl" onSubmit={submit} data-testid="import-codes-form">
      <Text mb="lg">{record.title}</Text>
      <MessageBox variant="info" mb="lg">{translateMessage("importCodesIntro")}</MessageBox>
      <FormGroup>
        <Label htmlFor="codes-file" required>{translateMessage("importCodesFile")}</Label>
        <input id="codes-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </FormGroup>
      {phase !== "idle" && (
        <Box mb="lg">
          <progress max={100} value={phase === "checking" ? undefined : phase === "uploading" ? progress : 100} style={{ width: "100%" }} aria-label={translateMessage("importCodesProgress")} />
          <Text variant="sm">
            {phase === "uploading" && translateMessage("importCodesUploading", { percent: progress })}
            {phase === "checking" && translateMessage("importCodesChecking")}
          </Text>
        </Box>
      )}
      {phase === "done" && <MessageBox variant="success" mb="lg" data-testid="import-codes-done">{message}</MessageBox>}
      {phase === "refused" && <MessageBox variant="danger" mb="lg">{message}</MessageBox>}
      {rows.length > 0 && (
        <Table mb="lg" data-testid="import-codes-report">
          <TableHead>
            <TableRow>
              <TableCell>{translateMessage("importCodesRow")}</TableCell>
              <TableCell>{translateMessage("importCodesValue")}</TableCell>
              <TableCell>{translateMessage("importCodesReason")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.row}>
                <TableCell>{row.row}</TableCell>
                <TableCell style={{ wordBreak: "break-all" }}>{row.code}</TableCell>
                <TableCell>{row.error}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Button type="submit" variant="contained" disabled={!file || busy} data-testid="import-codes-submit">
        {translateMessage("importCodesSubmit")}
      </Button>
    </Box>
  );
};

export default ImportCodes;
