// mjml 5 ships no type declarations; only the part this app uses.
declare module "mjml" {
  interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }
  interface MjmlResult {
    html: string;
    errors: MjmlError[];
  }
  export default function mjml2html(source: string, options?: { validationLevel?: "strict" | "soft" | "skip"; minify?: boolean }): Promise<MjmlResult>;
}
