import React, { useEffect, useState } from "react";
import { Box, Button, Icon, MessageBox, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation, type ActionProps } from "adminjs";

interface Downloads {
  csv: string;
  xlsx: string;
}

// Only the list's filters go along to the file (not its page or sort).
function listFilters(): URLSearchParams {
  const filters = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(window.location.search)) if (key.startsWith("filters.")) filters.append(key, value);
  return filters;
}

// "Exporteren": opens over the list, names the filters that apply, and offers CSV and XLSX.
const ExportList: React.FC<ActionProps> = ({ resource, action }) => {
  const { translateMessage } = useTranslation();
  const [downloads, setDownloads] = useState<Downloads | null>(null);
  useEffect(() => {
    new ApiClient()
      .resourceAction({ resourceId: resource.id, actionName: action.name })
      .then((response) => setDownloads((response.data as { downloads?: Downloads }).downloads ?? null))
      .catch(() => setDownloads(null));
  }, [resource.id]);
  const filters = listFilters();
  const query = filters.toString() ? `?${filters.toString()}` : "";
  const named = [...filters.keys()].map((key) => {
    const path = key.slice("filters.".length).split("~~")[0]!;
    return resource.properties[path]?.label ?? path;
  });
  return (
    <Box variant="container" p="xl" data-testid="export-list">
      <Text mb="default">{translateMessage("exportIntro")}</Text>
      <MessageBox variant="info" mb="lg">
        {named.length > 0 ? translateMessage("exportFiltered", { filters: [...new Set(named)].join(", ") }) : translateMessage("exportUnfiltered")}
      </MessageBox>
      {downloads && (
        <Box flex flexDirection="row" style={{ gap: 12, flexWrap: "wrap" }}>
          <Button as="a" href={downloads.csv + query} download variant="contained" data-testid="export-csv">
            <Icon icon="Download" />
            {translateMessage("exportCsv")}
          </Button>
          <Button as="a" href={downloads.xlsx + query} download variant="outlined" data-testid="export-xlsx">
            <Icon icon="Download" />
            {translateMessage("exportXlsx")}
          </Button>
        </Box>
      )}
      <Text mt="lg" variant="sm">{translateMessage("exportHelp")}</Text>
    </Box>
  );
};

export default ExportList;
