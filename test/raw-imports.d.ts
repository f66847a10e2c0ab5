// Vite (and so Vitest) loads `import text from "./file?raw"` as the file's text. shared/snippets/ imports its
// templates that way, and Node-side tests import shared/snippets/; the web config has this from vite/client.
declare module "*?raw" {
  const text: string;
  export default text;
}
