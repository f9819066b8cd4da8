// Used by Casebook.Tests' SearchTextParityTests: reads {"variants": [...], "texts": [...], "queries": [...]} on
// stdin and prints what theme/assets/js/search-text.js makes of them, for comparison with the C# side.
import { compileVariants, foldQuery, tokens } from "../../theme/assets/js/search-text.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { variants, texts, queries } = JSON.parse(input);
const compiled = compileVariants(variants);
process.stdout.write(JSON.stringify({
  tokens: texts.map((t) => tokens(t)),
  folds: queries.map((q) => foldQuery(q, compiled)),
}));
