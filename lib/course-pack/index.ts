export * from "./manifests";
export * from "./errors";
export * from "./resources";
