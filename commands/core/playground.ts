// What the local web playground offers to pick from: the demo workspace and its people (who they
// are and the office each holds), as seeded. The playground adapter reads them here, never db/.
import { DEMO_WORKSPACE, personas, type Persona } from "../../db/demo.ts";

export const PLAYGROUND_WORKSPACE = DEMO_WORKSPACE;

export type PlaygroundPersona = Persona;

export const playgroundPersonas: readonly PlaygroundPersona[] = personas;
