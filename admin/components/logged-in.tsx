import React, { useEffect } from "react";
import { Box, CurrentUserNav } from "@adminjs/design-system";
import { useTranslation } from "adminjs";
import { BACKOFFICE_LAYOUT_CSS } from "./backoffice-layout.js";
import { addCsrfField } from "./csrf-field.js";
import { keepLibraryTextsDutch } from "./library-texts.js";

interface LoggedInProps {
  session: { email: string; title?: string; avatarUrl?: string };
  paths: { logoutPath: string };
}

// The user menu of the top bar, logging out with a POST (AdminJS's own menu follows a GET link).
const LoggedIn: React.FC<LoggedInProps> = ({ session, paths }) => {
  const { translateButton } = useTranslation();
  useEffect(() => keepLibraryTextsDutch(document.body), []);
  const logout = (event: React.MouseEvent) => {
    event.preventDefault();
    const form = document.createElement("form");
    form.method = "POST";
    form.action = paths.logoutPath;
    addCsrfField(form);
    document.body.appendChild(form);
    form.submit();
  };
  return (
    <Box flexShrink={0} data-css="logged-in">
      {/* The top bar is on every page behind the login: it carries the layout corrections for all of them. */}
      <style>{BACKOFFICE_LAYOUT_CSS}</style>
      <CurrentUserNav
        name={session.email}
        title={session.title}
        avatarUrl={session.avatarUrl}
        dropActions={[
          // The enrolment page is ours, next to the logout route under the backoffice's root.
          { label: "Tweestapsverificatie", href: paths.logoutPath.replace(/logout$/, "twee-staps/instellen"), icon: "Shield" },
          { label: "Mijn sessies", href: paths.logoutPath.replace(/logout$/, "mijn-sessies"), icon: "Monitor" },
          { label: translateButton("logout"), onClick: logout, icon: "LogOut" },
        ]}
      />
    </Box>
  );
};

export default LoggedIn;
