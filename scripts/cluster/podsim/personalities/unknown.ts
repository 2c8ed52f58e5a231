// An image podsim does not simulate: the container "runs" and serves nothing.
import type { PersonalityFactory } from "./types";

export const unknownImage: PersonalityFactory = (ctx) => {
  if (!ctx.log.hasLines) {
    ctx.log.stdout(`podsim: no simulation for image ${ctx.container.image}; the container runs but serves nothing`);
  }
  return { httpPorts: () => [] };
};
