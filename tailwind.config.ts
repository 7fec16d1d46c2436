import type { Config } from "tailwindcss";

// The design card: Callback's colours and fonts. Loaded by app/globals.css (`@config`); the
// components' classes (buttons, fields, badges) are in that file.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        // System fonts: nothing to download, at build time or in the browser.
        sans: ["ui-sans-serif", "system-ui", "-apple-system", '"Segoe UI"', "Roboto", '"Helvetica Neue"', "Arial", "sans-serif"],
      },
      colors: {
        // The brand blue; 600 and 700 carry white text at AA contrast.
        brand: { 50: "#eef6ff", 100: "#d9eaff", 600: "#1d5fd1", 700: "#174ca8", 900: "#0f2e66" },
      },
    },
  },
};

export default config;
