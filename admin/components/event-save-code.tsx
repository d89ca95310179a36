import React, { useEffect, useState } from "react";
import { Box, Button, H3, Icon, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";

interface Downloads {
  png: string;
  svg: string;
  poster: string;
}

// Evenement → "QR-spaarcode downloaden": the code as the printer will get it, and three big buttons.
const EventSaveCode: React.FC<ActionProps> = ({ record, resource, action }) => {
  const { translateMessage } = useTranslation();
  const [downloads, setDownloads] = useState<Downloads | null>(null);
  const [manualCode, setManualCode] = useState<string | null>(null);
  useEffect(() => {
    if (!record) return;
    new ApiClient()
      .recordAction({ resourceId: resource.id, recordId: String(record.id), actionName: action.name })
      .then((response) => {
        const data = response.data as { downloads?: Downloads; manualCode?: string };
        setDownloads(data.downloads ?? null);
        setManualCode(data.manualCode ?? null);
      })
      .catch(() => setDownloads(null));
  }, [record?.id]);
  if (!record) return null;
  return (
    <Box variant="container" p="xl">
      <H3>{record.title}</H3>
      <Text mb="lg">{translateMessage("saveCodeIntro")}</Text>
      {downloads && (
        <>
          <img src={downloads.svg} alt={translateMessage("saveCodeImageAlt")} width={240} style={{ display: "block", marginBottom: 16 }} />
          {manualCode && (
            <Box mb="xl">
              <Text>{translateMessage("saveCodeManual")}</Text>
              <Text data-testid="save-code-manual" style={{ fontFamily: "ui-monospace, Menlo, Consolas, monospace", fontSize: 28, fontWeight: 700, letterSpacing: "0.08em" }}>
                {manualCode}
              </Text>
            </Box>
          )}
          <Box flex flexDirection="row" style={{ gap: 12, flexWrap: "wrap" }}>
            <Button as="a" href={downloads.poster} target="_blank" rel="noopener" variant="contained" data-testid="save-code-poster">
              <Icon icon="Printer" />
              {translateMessage("saveCodePoster")}
            </Button>
            <Button as="a" href={downloads.png} download variant="outlined" data-testid="save-code-png">
              <Icon icon="Download" />
              {translateMessage("saveCodePng")}
            </Button>
            <Button as="a" href={downloads.svg} download variant="outlined" data-testid="save-code-svg">
              <Icon icon="Download" />
              {translateMessage("saveCodeSvg")}
            </Button>
          </Box>
          <Text mt="lg" variant="sm">{translateMessage("saveCodeHelp")}</Text>
        </>
      )}
    </Box>
  );
};

export default EventSaveCode;
