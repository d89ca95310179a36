import React from "react";
import { Box, H2, Text } from "@adminjs/design-system";
import { useTranslation } from "adminjs";

// Replaces AdminJS's own start page (which advertises AdminJS) with a short Dutch welcome.
const Dashboard: React.FC = () => {
  const { translateMessage } = useTranslation();
  return (
    <Box variant="grey">
      <Box variant="container" p="xxl">
        <H2>{translateMessage("dashboardTitle")}</H2>
        <Text mt="lg">{translateMessage("dashboardIntro")}</Text>
        <Text mt="lg">{translateMessage("dashboardHelp")}</Text>
      </Box>
    </Box>
  );
};

export default Dashboard;
