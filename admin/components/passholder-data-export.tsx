import React, { useEffect, useState } from "react";
import { Box, Button, H3, Icon, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";

interface Downloads {
  html: string;
  json: string;
}

// Pashouder → "Gegevens downloaden (AVG)": the readable document and the JSON, each asked of the server when clicked.
const PassholderDataExport: React.FC<ActionProps> = ({ record, resource, action }) => {
  const { translateMessage } = useTranslation();
  const [downloads, setDownloads] = useState<Downloads | null>(null);
  useEffect(() => {
    if (!record) return;
    new ApiClient()
      .recordAction({ resourceId: resource.id, recordId: String(record.id), actionName: action.name })
      .then((response) => setDownloads((response.data as { downloads?: Downloads }).downloads ?? null))
      .catch(() => setDownloads(null));
  }, [record?.id]);
  if (!record) return null;
  return (
    <Box variant="container" p="xl" data-testid="personal-data-export">
      <H3>{record.title}</H3>
      <Text mb="lg">{translateMessage("personalDataIntro")}</Text>
      {downloads && (
        <Box flex flexDirection="row" style={{ gap: 12, flexWrap: "wrap" }}>
          <Button as="a" href={downloads.html} target="_blank" rel="noopener" variant="contained" data-testid="personal-data-html">
            <Icon icon="Printer" />
            {translateMessage("personalDataHtml")}
          </Button>
          <Button as="a" href={downloads.json} download variant="outlined" data-testid="personal-data-json">
            <Icon icon="Download" />
            {translateMessage("personalDataJson")}
          </Button>
        </Box>
      )}
    </Box>
  );
};

export default PassholderDataExport;
