// Prints a YAML file as JSON (anchors and aliases resolved), so the .NET tests can read docker-compose.yml and
// the CI workflow with System.Text.Json instead of a YAML package of their own.
//   node yaml-to-json.mjs <file.yaml>
// Exits 1 with the parser's message when the file is not valid YAML or holds more than one document.
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";

const file = process.argv[2];
if (!file) {
  console.error("usage: node yaml-to-json.mjs <file.yaml>");
  process.exit(2);
}
const document = parseDocument(readFileSync(file, "utf8"), { merge: true });
if (document.errors.length > 0) {
  for (const error of document.errors) console.error(`${file}: ${error.message}`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(document.toJS({ maxAliasCount: 100 })));
