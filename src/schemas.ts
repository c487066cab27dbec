import { jsonSchemas as inputSchemas } from "./ingest/json-schemas.js";
import { outputJsonSchemas } from "./render/json-schemas.js";

/** Every JSON Schema committed in schemas/: the inputs flake-audit reads and the JSON it writes. */
export const allJsonSchemas = (): Record<string, object> => ({ ...inputSchemas(), ...outputJsonSchemas() });
