import React from "react";
import { addCsrfField } from "./csrf-field.js";

type LoginProps = { OriginalComponent: React.ComponentType<Record<string, unknown>> } & Record<string, unknown>;

// AdminJS's own login page, whose plain form post also carries the CSRF token.
const Login: React.FC<LoginProps> = ({ OriginalComponent, ...props }) => (
  <div style={{ height: "100%" }} onSubmitCapture={(event) => addCsrfField(event.target as HTMLFormElement)}>
    <OriginalComponent {...props} />
  </div>
);

export default Login;
