// Validates AsyncAPI documents with the AsyncAPI reference parser: each argument is a document on disk, parsed
// with its relative $refs (the message schemas beside it) resolved. Prints every diagnostic; exits 1 when any
// document has an error (severity 0), 2 on a usage error.
import { Parser, fromFile } from "@asyncapi/parser";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: validate.mjs <asyncapi.json>...");
  process.exit(2);
}
const parser = new Parser();
let failed = false;
for (const file of files) {
  const { document, diagnostics } = await fromFile(parser, file).parse();
  const errors = diagnostics.filter((d) => d.severity === 0);
  for (const d of diagnostics) {
    const where = d.path && d.path.length ? d.path.join("/") : "(document)";
    console.log(`${file}: ${["error", "warning", "info", "hint"][d.severity] ?? d.severity} ${d.code} at ${where}: ${d.message}`);
  }
  if (!document || errors.length > 0) {
    failed = true;
    console.log(`${file}: INVALID (${errors.length} error(s))`);
  } else {
    console.log(`${file}: valid AsyncAPI ${document.version()}, ${document.allMessages().length} message(s), ${document.allOperations().length} operation(s)`);
  }
}
process.exit(failed ? 1 : 0);
