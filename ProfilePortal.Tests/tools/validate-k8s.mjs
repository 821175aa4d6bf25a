// Validates every Kubernetes manifest under a folder (default: the repository's deploy/k8s) against the
// Kubernetes OpenAPI schemas that kubernetes-models bundles, without a cluster.
//   node validate-k8s.mjs [folder]
// Exits 0 when every document is valid; otherwise prints one line per error ("file#n Kind/name: message") and
// exits 1. kustomization.yaml files are checked for their resources existing, not against a schema.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, "..", "..", "deploy", "k8s"));

function yamlFiles(folder) {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

// "apps/v1" -> "kubernetes-models/apps/v1", "v1" -> "kubernetes-models/v1".
async function modelClass(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

function checkKustomization(file, document, errors) {
  for (const entry of [...(document.resources ?? []), ...(document.components ?? [])]) {
    if (typeof entry !== "string" || /^[a-z]+:\/\//.test(entry)) continue;
    if (!existsSync(join(dirname(file), entry))) {
      errors.push(`${relative(root, file)}: resource ${entry} does not exist`);
    }
  }
}

if (!existsSync(root)) {
  console.error(`No such folder: ${root}`);
  process.exit(1);
}

const errors = [];
let validated = 0;
for (const file of yamlFiles(root)) {
  const name = relative(root, file);
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [index, parsed] of documents.entries()) {
    const where = `${name}#${index + 1}`;
    if (parsed.errors.length > 0) {
      errors.push(...parsed.errors.map((e) => `${where}: YAML ${e.message.split("\n")[0]}`));
      continue;
    }
    const document = parsed.toJS();
    if (document === null || document === undefined) continue;
    const { apiVersion, kind } = document;
    const label = `${where} ${kind ?? "?"}/${document.metadata?.name ?? "?"}`;
    if (typeof apiVersion !== "string" || typeof kind !== "string") {
      errors.push(`${label}: apiVersion and kind are required`);
      continue;
    }
    if (kind === "Kustomization" && apiVersion.startsWith("kustomize.config.k8s.io/")) {
      checkKustomization(file, document, errors);
      continue;
    }
    const Model = await modelClass(apiVersion, kind);
    if (Model === undefined) {
      errors.push(`${label}: unknown apiVersion/kind ${apiVersion} ${kind}`);
      continue;
    }
    if (typeof document.metadata?.name !== "string" || document.metadata.name.length === 0) {
      errors.push(`${label}: metadata.name is required`);
    }
    try {
      new Model(document).validate();
      validated++;
    } catch (error) {
      const details = error.errors?.map((e) => `${e.instancePath || "/"} ${e.message}`) ?? [error.message];
      errors.push(...details.map((detail) => `${label}: ${detail}`));
    }
  }
}

if (errors.length > 0) {
  console.error(`${errors.length} error(s) in the Kubernetes manifests under ${root}:`);
  for (const error of errors) console.error(`  ${error}`);
  process.exit(1);
}
console.log(`${validated} Kubernetes object(s) valid under ${root}`);
