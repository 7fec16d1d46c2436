import type { MetadataRoute } from "next";

/** Add to home screen: Callback opens on the timeline, as an app of its own. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Callback",
    short_name: "Callback",
    description: "When to follow up on a job application, how, and when to stop.",
    start_url: "/timeline",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#1d5fd1",
    // Drawn from app/icon.svg by scripts/make-icons.mjs.
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
