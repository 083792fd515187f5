export { roleLabel, describeScope as scopeLabel } from "../core/roles.ts";
