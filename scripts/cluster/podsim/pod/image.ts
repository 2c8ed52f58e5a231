// "ghcr.io/acme/ecommerce-backend:v2.0.0" -> repository "ecommerce-backend", tag "v2.0.0".
export interface ImageRef {
  repository: string;
  tag: string;
}

export function parseImage(image: string): ImageRef {
  const withoutDigest = image.split("@")[0] ?? image;
  const segments = withoutDigest.split("/");
  const last = segments[segments.length - 1] ?? "";
  const colon = last.lastIndexOf(":");
  return colon > 0
    ? { repository: last.slice(0, colon), tag: last.slice(colon + 1) }
    : { repository: last, tag: "latest" };
}
